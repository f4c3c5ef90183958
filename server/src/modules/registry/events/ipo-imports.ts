import { sql } from 'drizzle-orm';
import type { AppContext } from '../../../context.ts';
import { rows, type Executor } from '../../../platform/db/client.ts';
import { bars, barOn } from './abandonment-rule.ts';
import { abandonmentRule, type AbandonmentRow } from './abandonments.ts';
import { type CsvBatchSpec, lineErrors, NON_NEGATIVE, POSITIVE } from '../settlement/index.ts';
import type { LineError } from '../ledger/index.ts';
import { computeWinnings } from './ipo-offerings.ts';
import { TAIL } from './ipo-rules.ts';
import { classifySubscriptions } from './ipo-validity.ts';
import { investorQuotas, quotaKey } from './subscription-quotas.ts';
import { isIsoDate } from '../../../kernel/dates.ts';

/** The IPO imports: subscriptions (with their allotment numbers), winning tails, payment results. */

const ACCOUNT = /^[A-Z0-9]{10}$/;
const CODE = /^\d{6}$/;
/** At most 999,999,999,999 shares in one subscription, so the numbers of a whole offering stay far inside bigint. */
const SUBSCRIBED = /^[1-9]\d{0,11}$/;
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})?$/;

/** An order time; without a zone it is Beijing time, as the exchanges write it. */
export function parseOrderTime(value: string): string | null {
  const m = TIMESTAMP.exec(value);
  if (!m || !isIsoDate(m[1]!) || Number(m[2]) > 23 || Number(m[3]) > 59 || Number(m[4]) > 59) return null;
  const date = new Date(`${m[1]}T${m[2]}:${m[3]}:${m[4]}${m[5] ?? ''}${m[6] ?? '+08:00'}`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

// ---------------------------------------------------------------------------------------------
// Subscriptions (申购): one valid per investor and offering, within the quota, numbered in order of arrival

export const subscriptionColumns = ['security_code', 'account_number', 'quantity', 'order_seq', 'ordered_at'] as const;

async function barredLines(ctx: AppContext, ex: Executor): Promise<LineError[]> {
  const candidates = await rows<{ line_no: number; holder_id: string; market: string; subscription_date: string }>(
    ex,
    sql`select r.line_no, r.holder_id, r.offering_market as market, r.subscription_date::text as subscription_date from stage_sub r where r.holder_id is not null and r.offering_id is not null`,
  );
  if (!candidates.length) return [];
  const found = await rows<AbandonmentRow & { holder_id: string }>(
    ex,
    sql`select a.id::text, a.holder_id, a.account_number as "accountNumber", a.market, a.product_type as "productType", a.security_code as "securityCode",
               a.security_name as "securityName", a.winning_quantity::text as "winningQuantity", a.abandoned_quantity::text as "abandonedQuantity", a.reported_on::text as "reportedOn"
        from abandoned_subscriptions a where a.holder_id in (select distinct holder_id from stage_sub where holder_id is not null)`,
  );
  if (!found.length) return [];
  const rule = abandonmentRule(ctx);
  const perMarket = ctx.config.abandonBarPerMarket;
  const byKey = new Map<string, ReturnType<typeof bars<AbandonmentRow>>>();
  const grouped = new Map<string, AbandonmentRow[]>();
  for (const a of found) {
    const key = perMarket ? `${a.holder_id}:${a.market}` : a.holder_id;
    grouped.set(key, [...(grouped.get(key) ?? []), a]);
  }
  for (const [key, list] of grouped) byKey.set(key, bars(list, rule));
  const errors: LineError[] = [];
  for (const c of candidates) {
    const bar = barOn(byKey.get(perMarket ? `${c.holder_id}:${c.market}` : c.holder_id) ?? [], c.subscription_date);
    if (bar) errors.push({ line: Number(c.line_no), reason: 'BARRED', detail: `${bar.startOn}..${bar.endOn}` });
  }
  return errors;
}

export const subscriptionImport: CsvBatchSpec = {
  source: 'ipo_subscriptions',
  columns: subscriptionColumns,
  parseLine([code, account, quantity, orderSeq, orderedAt], line) {
    if (!CODE.test(code!)) return { line, reason: 'SECURITY_FORMAT' };
    if (!ACCOUNT.test(account!)) return { line, reason: 'ACCOUNT_FORMAT' };
    if (!SUBSCRIBED.test(quantity!)) return { line, reason: 'QUANTITY_FORMAT', detail: quantity };
    if (!POSITIVE.test(orderSeq!)) return { line, reason: 'ORDER_SEQ_FORMAT', detail: orderSeq };
    const at = parseOrderTime(orderedAt!);
    if (!at) return { line, reason: 'ORDER_TIME_FORMAT', detail: orderedAt };
    return [code!, account!, quantity!, orderSeq!, at];
  },
  async check(ctx, ex) {
    await ex.execute(sql`drop table if exists stage_sub`);
    await ex.execute(sql`
      create temp table stage_sub on commit drop as
      select s.line_no, s.account_number, s.quantity::bigint as quantity, s.order_seq::bigint as order_seq, s.ordered_at::timestamptz as ordered_at,
             o.id as offering_id, o.status as offering_status, o.market as offering_market, o.board, o.unit_shares, o.numbers_per_unit, o.subscription_date,
             a.holder_id, a.market as account_market, a.kind as account_kind, a.status as account_status,
             h.name || ':' || h.id_number_hash as investor
      from stage_csv s
      left join ipo_offerings o on o.security_code = s.security_code
      left join securities_accounts a on a.number = s.account_number
      left join holders h on h.id = a.holder_id`);
    const errors = await lineErrors(
      ex,
      sql`select line_no as line,
            case when offering_id is null then 'UNKNOWN_OFFERING'
                 when offering_status <> 'subscribing' then 'OFFERING_DRAWN'
                 when holder_id is null then 'UNKNOWN_ACCOUNT'
                 when account_status = 'cancelled' then 'ACCOUNT_CANCELLED'
                 when account_market <> offering_market then 'MARKET_MISMATCH'
                 when account_kind not in ('a_share', 'credit') then 'ACCOUNT_KIND'
                 when quantity % unit_shares <> 0 then 'QUANTITY_UNIT'
            end as reason,
            case when quantity % unit_shares <> 0 then unit_shares::text
                 when account_market <> offering_market then account_market end as detail
          from stage_sub`,
    );
    const bad = new Set(errors.map((e) => e.line));
    return [...errors, ...(await barredLines(ctx, ex)).filter((e) => !bad.has(e.line))];
  },
  async apply(_ctx, ex, batchId) {
    await ex.execute(sql`select 1 from ipo_offerings where id in (select distinct offering_id from stage_sub) order by id for update`);
    await judgeSubscriptions(ex);
    // Valid subscriptions get consecutive numbers in order of arrival, continuing after those given by earlier batches;
    // invalid ones are kept with their reason and no numbers.
    const [inserted] = await rows<{ n: number }>(
      ex,
      sql`with numbered as (
            select r.*, v.invalid_reason, v.quota, case when v.invalid_reason is null then r.quantity / r.unit_shares * r.numbers_per_unit else 0 end as numbers
            from stage_sub r join stage_verdict v on v.line_no = r.line_no),
          ranged as (
            select n.*, o.first_number + o.numbers_allotted
                        + sum(n.numbers) over (partition by n.offering_id order by n.ordered_at, n.order_seq, n.line_no rows between unbounded preceding and current row)
                        - n.numbers as first_number
            from numbered n join ipo_offerings o on o.id = n.offering_id),
          ins as (
            insert into ipo_subscriptions (offering_id, holder_id, account_number, quantity, order_seq, ordered_at, first_number, number_count, invalid_reason, quota, batch_id, line_no)
            select offering_id, holder_id, account_number, quantity, order_seq, ordered_at, case when invalid_reason is null then first_number end, numbers, invalid_reason, quota, ${batchId}, line_no from ranged
            returning 1)
          select count(*)::int as n from ins`,
    );
    await ex.execute(sql`
      update ipo_offerings o set numbers_allotted = o.numbers_allotted + t.numbers
      from (select r.offering_id, sum(r.quantity / r.unit_shares * r.numbers_per_unit) as numbers
            from stage_sub r join stage_verdict v on v.line_no = r.line_no where v.invalid_reason is null group by r.offering_id) t
      where o.id = t.offering_id`);
    return Number(inserted?.n ?? 0);
  },
};

/**
 * Decides each staged subscription (table stage_verdict: line, reason or null, quota):
 * the investors' quotas per market and subscription day, then one valid subscription
 * per investor and offering (ipo-validity.ts), those of earlier batches counting first.
 */
async function judgeSubscriptions(ex: Executor): Promise<void> {
  const staged = await rows<{ line_no: number; offering_id: number; account_number: string; investor: string; quantity: string; market: string; board: string; subscription_date: string }>(
    ex,
    sql`select line_no, offering_id, account_number, investor, quantity::text, offering_market as market, board, subscription_date::text as subscription_date
        from stage_sub order by ordered_at, order_seq, line_no`,
  );
  const earlier = await rows<{ offering_id: number; account_number: string; investor: string }>(
    ex,
    sql`select x.offering_id, x.account_number, h.name || ':' || h.id_number_hash as investor
        from ipo_subscriptions x join holders h on h.id = x.holder_id
        where x.offering_id in (select distinct offering_id from stage_sub)`,
  );
  const quotas = await investorQuotas(ex, staged);
  const verdicts = classifySubscriptions(
    staged.map((s) => ({ line: Number(s.line_no), offeringId: Number(s.offering_id), accountNumber: s.account_number, investor: s.investor, quantity: BigInt(s.quantity), quota: quotas.get(quotaKey(s))! })),
    earlier.map((e) => ({ offeringId: Number(e.offering_id), accountNumber: e.account_number, investor: e.investor })),
  );
  await ex.execute(sql`drop table if exists stage_verdict`);
  await ex.execute(sql`create temp table stage_verdict (line_no int primary key, invalid_reason text, quota bigint) on commit drop`);
  for (let i = 0; i < staged.length; i += VERDICT_CHUNK) {
    const chunk = staged.slice(i, i + VERDICT_CHUNK);
    await ex.execute(sql`insert into stage_verdict select * from unnest(
      ${sql.param(chunk.map((s) => Number(s.line_no)))}::int[],
      ${sql.param(chunk.map((s) => verdicts.get(Number(s.line_no)) ?? null))}::text[],
      ${sql.param(chunk.map((s) => quotas.get(quotaKey(s))!.toString()))}::bigint[])`);
  }
}

const VERDICT_CHUNK = 10_000;

// ---------------------------------------------------------------------------------------------
// Winning tails (中签号码): recorded and drawn at once, per offering

export const winningTailColumns = ['security_code', 'tail'] as const;

export const winningTailImport: CsvBatchSpec = {
  source: 'ipo_winning_tails',
  columns: winningTailColumns,
  parseLine([code, tail], line) {
    if (!CODE.test(code!)) return { line, reason: 'SECURITY_FORMAT' };
    if (!TAIL.test(tail!)) return { line, reason: 'TAIL_FORMAT', detail: tail };
    return [code!, tail!];
  },
  async check(_ctx, ex) {
    await ex.execute(sql`drop table if exists stage_tail`);
    await ex.execute(sql`
      create temp table stage_tail on commit drop as
      select s.line_no, s.tail, o.id as offering_id, o.status as offering_status,
             min(s.line_no) over (partition by s.security_code, s.tail) as first_line
      from stage_csv s left join ipo_offerings o on o.security_code = s.security_code`);
    return lineErrors(
      ex,
      sql`select line_no as line,
            case when offering_id is null then 'UNKNOWN_OFFERING'
                 when offering_status <> 'subscribing' then 'OFFERING_DRAWN'
                 when line_no <> first_line then 'DUPLICATE_IN_FILE' end as reason,
            case when line_no <> first_line then first_line::text end as detail
          from stage_tail`,
    );
  },
  async apply(ctx, ex, batchId, now) {
    const [inserted] = await rows<{ n: number }>(
      ex,
      sql`with ins as (insert into ipo_winning_tails (offering_id, tail, batch_id) select offering_id, tail, ${batchId} from stage_tail returning 1) select count(*)::int as n from ins`,
    );
    const offerings = await rows<{ id: number }>(ex, sql`select distinct offering_id as id from stage_tail`);
    await computeWinnings(
      ex,
      offerings.map((o) => Number(o.id)),
      now,
    );
    return Number(inserted?.n ?? 0);
  },
};

// ---------------------------------------------------------------------------------------------
// Payment results (缴款): paid in full, in part, or not at all; the last two are abandonments

export const paymentColumns = ['security_code', 'account_number', 'paid_quantity', 'reported_on'] as const;

export const paymentImport: CsvBatchSpec = {
  source: 'ipo_payments',
  columns: paymentColumns,
  parseLine([code, account, paid, reportedOn], line) {
    if (!CODE.test(code!)) return { line, reason: 'SECURITY_FORMAT' };
    if (!ACCOUNT.test(account!)) return { line, reason: 'ACCOUNT_FORMAT' };
    if (!NON_NEGATIVE.test(paid!)) return { line, reason: 'QUANTITY_FORMAT', detail: paid };
    if (!isIsoDate(reportedOn!)) return { line, reason: 'DATE_FORMAT', detail: reportedOn };
    return [code!, account!, paid!, reportedOn!];
  },
  async check(_ctx, ex) {
    await ex.execute(sql`drop table if exists stage_pay`);
    await ex.execute(sql`
      create temp table stage_pay on commit drop as
      select s.line_no, s.account_number, s.paid_quantity::bigint as paid, s.reported_on::date as reported_on,
             o.id as offering_id, o.status as offering_status, o.market, o.security_code, o.name, o.product_type, o.subscription_date,
             x.id as subscription_id, x.holder_id, x.winning_quantity,
             min(s.line_no) over (partition by s.security_code, s.account_number) as first_line,
             exists (select 1 from ipo_payments p where p.subscription_id = x.id) as already,
             exists (select 1 from abandoned_subscriptions a where a.account_number = s.account_number and a.market = o.market and a.security_code = o.security_code) as abandonment_recorded
      from stage_csv s
      left join ipo_offerings o on o.security_code = s.security_code
      left join ipo_subscriptions x on x.offering_id = o.id and x.account_number = s.account_number and x.invalid_reason is null`);
    return lineErrors(
      ex,
      sql`select line_no as line,
            case when offering_id is null then 'UNKNOWN_OFFERING'
                 when offering_status <> 'drawn' then 'OFFERING_NOT_DRAWN'
                 when subscription_id is null then 'NO_SUBSCRIPTION'
                 when winning_quantity = 0 then 'NOT_A_WINNER'
                 when paid > winning_quantity then 'PAID_MORE_THAN_WON'
                 when reported_on < subscription_date then 'REPORTED_BEFORE_SUBSCRIPTION'
                 when line_no <> first_line then 'DUPLICATE_IN_FILE'
                 when already then 'ALREADY_REPORTED'
                 when paid < winning_quantity and abandonment_recorded then 'ABANDONMENT_ALREADY_RECORDED'
            end as reason,
            case when paid > winning_quantity then winning_quantity::text
                 when line_no <> first_line then first_line::text end as detail
          from stage_pay`,
    );
  },
  async apply(_ctx, ex, batchId) {
    const [inserted] = await rows<{ n: number }>(
      ex,
      sql`with ins as (
            insert into ipo_payments (subscription_id, offering_id, holder_id, account_number, winning_quantity, paid_quantity, result, reported_on, batch_id, line_no)
            select subscription_id, offering_id, holder_id, account_number, winning_quantity, paid,
                   case when paid = winning_quantity then 'paid_full' when paid = 0 then 'abandoned' else 'paid_part' end,
                   reported_on, ${batchId}, line_no
            from stage_pay returning 1)
          select count(*)::int as n from ins`,
    );
    // A partial payment counts as an abandonment (DOMAIN.md).
    await ex.execute(sql`
      insert into abandoned_subscriptions (holder_id, account_number, market, product_type, security_code, security_name, winning_quantity, abandoned_quantity, reported_on, source, batch_id, line_no)
      select holder_id, account_number, market, product_type, security_code, name, winning_quantity, winning_quantity - paid, reported_on, 'ipo_payment', ${batchId}, line_no
      from stage_pay where paid < winning_quantity`);
    return Number(inserted?.n ?? 0);
  },
};
