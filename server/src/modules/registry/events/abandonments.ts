import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../../context.ts';
import { rows } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { barOn, bars, countingOn, type AbandonmentRuleSettings } from './abandonment-rule.ts';
import { checkDates, type CsvBatchSpec, lineErrors, POSITIVE } from '../settlement/index.ts';
import { holders } from '../ledger/index.ts';
import { holderRecordsWhere, type HolderRecordsQuery } from './holder-records.ts';
import { abandonedSubscriptions } from './ipo-schema.ts';
import { beijingDate } from '../../../kernel/time.ts';
import { isIsoDate } from '../../../kernel/dates.ts';

/** Abandoned subscriptions (放弃认购): the records, their import, and whether an investor may subscribe. */

export const PRODUCT_TYPES = ['new_share', 'cdr', 'convertible_bond', 'exchangeable_bond'] as const;

export interface AbandonmentRow {
  id: string;
  accountNumber: string;
  market: string;
  productType: string;
  securityCode: string;
  securityName: string;
  winningQuantity: string;
  abandonedQuantity: string;
  reportedOn: string;
}

export function abandonmentRule(ctx: AppContext): AbandonmentRuleSettings {
  return { count: ctx.config.abandonBarCount, windowMonths: ctx.config.abandonWindowMonths, barDays: ctx.config.abandonBarDays };
}

const view = (a: typeof abandonedSubscriptions.$inferSelect): AbandonmentRow => ({
  id: a.id.toString(),
  accountNumber: a.accountNumber,
  market: a.market,
  productType: a.productType,
  securityCode: a.securityCode,
  securityName: a.securityName,
  winningQuantity: a.winningQuantity.toString(),
  abandonedQuantity: a.abandonedQuantity.toString(),
  reportedOn: a.reportedOn,
});

/** An investor's abandonment records, newest first, optionally of one account and reported in a date range. */
export async function abandonmentRecords(ctx: AppContext, input: HolderRecordsQuery): Promise<AbandonmentRow[]> {
  const where = holderRecordsWhere(abandonedSubscriptions, input, abandonedSubscriptions.reportedOn);
  const found = await ctx.db
    .select()
    .from(abandonedSubscriptions)
    .where(and(...where))
    .orderBy(sql`${abandonedSubscriptions.reportedOn} desc`, asc(abandonedSubscriptions.id));
  return found.map(view);
}

export interface Eligibility {
  holderId: string;
  market: string;
  date: string;
  eligible: boolean;
  /** the bar in force on the date, with the abandonments that caused it */
  bar: { startOn: string; endOn: string; abandonments: AbandonmentRow[] } | null;
  /** abandonments that would count towards a new bar on the date */
  counting: AbandonmentRow[];
  rule: AbandonmentRuleSettings & { perMarket: boolean };
}

/**
 * May this holder subscribe online (new shares, CDRs, convertible and
 * exchangeable bonds) in this market on this date, and if not, why: the
 * abandonments of all the holder's accounts in the market (ordinary and credit
 * together; every market together when ABANDON_BAR_PER_MARKET is off), by the
 * rule in abandonment-rule.ts.
 */
export async function subscriptionEligibility(ctx: AppContext, input: { holderId: string; market: string; date: string }): Promise<Eligibility> {
  checkDates({ date: input.date });
  const [holder] = await ctx.db.select({ id: holders.id }).from(holders).where(eq(holders.id, input.holderId));
  if (!holder) throw new AppError('HOLDER_NOT_FOUND');
  const perMarket = ctx.config.abandonBarPerMarket;
  const where: SQL[] = [eq(abandonedSubscriptions.holderId, input.holderId)];
  if (perMarket) where.push(eq(abandonedSubscriptions.market, input.market));
  const list = (
    await ctx.db
      .select()
      .from(abandonedSubscriptions)
      .where(and(...where))
      .orderBy(asc(abandonedSubscriptions.reportedOn), asc(abandonedSubscriptions.id))
  ).map(view);
  const rule = abandonmentRule(ctx);
  const found = bars(
    list.filter((a) => a.reportedOn <= input.date),
    rule,
  );
  const bar = barOn(found, input.date);
  return {
    holderId: input.holderId,
    market: input.market,
    date: input.date,
    eligible: !bar,
    bar,
    counting: countingOn(list, found, input.date, rule),
    rule: { ...rule, perMarket },
  };
}

// ---------------------------------------------------------------------------------------------
// Import of abandonments reported for any product (new shares, CDRs, convertible and exchangeable bonds)

export const abandonmentColumns = ['account_number', 'product_type', 'security_code', 'security_name', 'winning_quantity', 'abandoned_quantity', 'reported_on'] as const;

export const abandonmentImport: CsvBatchSpec = {
  source: 'abandonments',
  columns: abandonmentColumns,
  parseLine([account, productType, code, name, won, abandoned, reportedOn], line) {
    if (!/^[A-Z0-9]{10}$/.test(account!)) return { line, reason: 'ACCOUNT_FORMAT' };
    if (!(PRODUCT_TYPES as readonly string[]).includes(productType!)) return { line, reason: 'PRODUCT_TYPE', detail: productType };
    if (!/^\d{6}$/.test(code!)) return { line, reason: 'SECURITY_FORMAT' };
    if (!name || name.length > 50) return { line, reason: 'NAME_FORMAT' };
    if (!POSITIVE.test(won!)) return { line, reason: 'QUANTITY_FORMAT', detail: won };
    if (!POSITIVE.test(abandoned!)) return { line, reason: 'QUANTITY_FORMAT', detail: abandoned };
    if (BigInt(abandoned!) > BigInt(won!)) return { line, reason: 'ABANDONED_MORE_THAN_WON' };
    if (!isIsoDate(reportedOn!)) return { line, reason: 'DATE_FORMAT', detail: reportedOn };
    return [account!, productType!, code!, name, won!, abandoned!, reportedOn!];
  },
  async check(ctx, ex) {
    await ex.execute(sql`drop table if exists stage_abandon`);
    await ex.execute(sql`
      create temp table stage_abandon on commit drop as
      select s.*, a.holder_id, a.market, a.status as account_status,
             min(s.line_no) over (partition by s.account_number, s.security_code) as first_line,
             exists (select 1 from abandoned_subscriptions x where x.account_number = s.account_number and x.market = a.market and x.security_code = s.security_code) as already
      from stage_csv s left join securities_accounts a on a.number = s.account_number`);
    const today = beijingDate(ctx.clock.now());
    return lineErrors(
      ex,
      sql`select line_no as line,
            case when holder_id is null then 'UNKNOWN_ACCOUNT'
                 when reported_on::date > ${today}::date then 'DATE_IN_FUTURE'
                 when line_no <> first_line then 'DUPLICATE_IN_FILE'
                 when already then 'ALREADY_RECORDED' end as reason,
            case when line_no <> first_line then first_line::text end as detail
          from stage_abandon`,
    );
  },
  async apply(_ctx, ex, batchId) {
    const [inserted] = await rows<{ n: number }>(
      ex,
      sql`with ins as (
            insert into abandoned_subscriptions (holder_id, account_number, market, product_type, security_code, security_name, winning_quantity, abandoned_quantity, reported_on, source, batch_id, line_no)
            select holder_id, account_number, market, product_type, security_code, security_name, winning_quantity::bigint, abandoned_quantity::bigint, reported_on::date, 'import', ${batchId}, line_no
            from stage_abandon returning 1)
          select count(*)::int as n from ins`,
    );
    return Number(inserted?.n ?? 0);
  },
};
