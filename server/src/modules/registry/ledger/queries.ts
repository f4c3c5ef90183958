import { eq, sql, type Placeholder, type SQL } from 'drizzle-orm';
import { rows, type Executor } from '../../../platform/db/client.ts';
import { normaliseIdentifier } from '../../../kernel/identifiers.ts';
import { securitiesAccounts } from './schema.ts';

/** Read services of the registry for later modules (investor queries, certificates, votes, issuers). */

export interface PositionAtDate {
  securityId: number;
  market: string;
  code: string;
  name: string;
  securityClass: string;
  tradable: bigint;
  restricted: bigint;
  frozen: bigint;
  pledged: bigint;
}

const big = (v: unknown) => BigInt((v as string | number | null) ?? 0);

/** The positions of the account `account` names (a value or a column) at the end of a date, unordered and with empty ones. */
const positionsAt = (account: SQL, date: string | Placeholder) =>
  sql`select s.id as security_id, s.market, s.code, s.name, s.class as security_class, b.tradable, b.restricted, b.frozen, b.pledged
      from holdings h
      join securities s on s.id = h.security_id
      cross join lateral (
        select
          (select balance_after from holding_changes c where c.account_number = h.account_number and c.security_id = h.security_id and c.category = 'tradable' and c.effective_on <= ${date}::date order by c.effective_on desc, c.id desc limit 1) as tradable,
          (select balance_after from holding_changes c where c.account_number = h.account_number and c.security_id = h.security_id and c.category = 'restricted' and c.effective_on <= ${date}::date order by c.effective_on desc, c.id desc limit 1) as restricted,
          (select balance_after from holding_changes c where c.account_number = h.account_number and c.security_id = h.security_id and c.category = 'frozen' and c.effective_on <= ${date}::date order by c.effective_on desc, c.id desc limit 1) as frozen,
          (select balance_after from holding_changes c where c.account_number = h.account_number and c.security_id = h.security_id and c.category = 'pledged' and c.effective_on <= ${date}::date order by c.effective_on desc, c.id desc limit 1) as pledged
      ) b
      where h.account_number = ${account}`;

const positionOf = (r: Record<string, unknown>): PositionAtDate => ({
  securityId: Number(r.security_id),
  market: String(r.market),
  code: String(r.code),
  name: String(r.name),
  securityClass: String(r.security_class),
  tradable: big(r.tradable),
  restricted: big(r.restricted),
  frozen: big(r.frozen),
  pledged: big(r.pledged),
});

const held = (p: PositionAtDate) => p.tradable + p.restricted + p.frozen + p.pledged > 0n;

/**
 * Holdings of an account at the end of a date, by category. Each journal entry
 * carries the balance after it, so a category's balance at a date is the last
 * entry on or before it: one index descent per security and category.
 */
export async function holdingsAt(ex: Executor, accountNumber: string, date: string): Promise<PositionAtDate[]> {
  const found = await rows<Record<string, unknown>>(ex, sql`${positionsAt(sql`${accountNumber}`, date)} order by s.market, s.code`);
  return found.map(positionOf).filter(held);
}

/**
 * A securities account and its holdings at the end of a date (as holdingsAt), in one
 * statement, for a caller that checks the account before it shows them (the investor's
 * 证券持有余额: one round trip fewer per query); null when there is no such account.
 */
export async function accountWithHoldingsAt(ex: Executor, accountNumber: string, date: string): Promise<{ account: typeof securitiesAccounts.$inferSelect; positions: PositionAtDate[] } | null> {
  let query = preparedAccountHoldings.get(ex);
  if (!query) preparedAccountHoldings.set(ex, (query = accountWithHoldingsQuery(ex)));
  const [row] = await query.execute({ accountNumber: normaliseIdentifier(accountNumber), date });
  if (!row) return null;
  const list = typeof row.positions === 'string' ? (JSON.parse(row.positions) as Record<string, unknown>[]) : row.positions;
  return { account: row.account, positions: list.map(positionOf).filter(held) };
}

/** Built once per database (or transaction) and sent as a named prepared statement: it runs on every 证券持有余额 query. */
function accountWithHoldingsQuery(ex: Executor) {
  // Balances travel as text inside the JSON: a bigint beyond 2^53 would lose digits as a JSON number.
  const positions = sql<
    Record<string, unknown>[] | string
  >`(select coalesce(json_agg(json_build_object('security_id', p.security_id, 'market', p.market, 'code', p.code, 'name', p.name, 'security_class', p.security_class,
      'tradable', p.tradable::text, 'restricted', p.restricted::text, 'frozen', p.frozen::text, 'pledged', p.pledged::text) order by p.market, p.code), '[]'::json)
    from (${positionsAt(sql`${securitiesAccounts.number}`, sql.placeholder('date'))}) p)`;
  return ex
    .select({ account: securitiesAccounts, positions })
    .from(securitiesAccounts)
    .where(eq(securitiesAccounts.number, sql.placeholder('accountNumber')))
    .prepare('registry_account_with_holdings_at');
}
const preparedAccountHoldings = new WeakMap<Executor, ReturnType<typeof accountWithHoldingsQuery>>();

export interface JournalEntry {
  id: string;
  securityId: number;
  market: string;
  code: string;
  name: string;
  /** always read; optional so that hand-made entries (templates' tests) may leave it out */
  securityClass?: string;
  businessType: string;
  category: string;
  quantity: bigint;
  balanceAfter: bigint;
  effectiveOn: string;
  batchId: string;
}

/** Narrows journal reads to securities of a market, a class (A, B, ...) or one code. */
export interface SecurityFilter {
  market?: string;
  securityClass?: string;
  securityCode?: string;
}

function securityCondition(filter: SecurityFilter) {
  return sql`${filter.market === undefined ? sql`true` : sql`s.market = ${filter.market}`}
    and ${filter.securityClass === undefined ? sql`true` : sql`s.class = ${filter.securityClass}`}
    and ${filter.securityCode === undefined ? sql`true` : sql`s.code = ${filter.securityCode}`}`;
}

/** Changes of an account in a date range (inclusive), oldest first, paged. */
export async function changesBetween(ex: Executor, accountNumber: string, from: string, to: string, page = { limit: 100, offset: 0 }, filter: SecurityFilter = {}): Promise<JournalEntry[]> {
  const found = await rows<Record<string, unknown>>(
    ex,
    sql`select c.id, c.security_id, s.market, s.code, s.name, s.class as security_class, c.business_type, c.category, c.quantity, c.balance_after, c.effective_on::text as effective_on, c.batch_id
        from holding_changes c join securities s on s.id = c.security_id
        where c.account_number = ${accountNumber} and c.effective_on between ${from}::date and ${to}::date and ${securityCondition(filter)}
        order by c.effective_on, c.id
        limit ${page.limit} offset ${page.offset}`,
  );
  return found.map((r) => ({
    id: String(r.id),
    securityId: Number(r.security_id),
    market: String(r.market),
    code: String(r.code),
    name: String(r.name),
    securityClass: String(r.security_class),
    businessType: String(r.business_type),
    category: String(r.category),
    quantity: big(r.quantity),
    balanceAfter: big(r.balance_after),
    effectiveOn: String(r.effective_on),
    batchId: String(r.batch_id),
  }));
}

/** How many changes changesBetween would return unpaged. */
export async function countChangesBetween(ex: Executor, accountNumber: string, from: string, to: string, filter: SecurityFilter = {}): Promise<number> {
  const [row] = await rows<{ n: number }>(
    ex,
    sql`select count(*)::int as n from holding_changes c join securities s on s.id = c.security_id
        where c.account_number = ${accountNumber} and c.effective_on between ${from}::date and ${to}::date and ${securityCondition(filter)}`,
  );
  return Number(row?.n ?? 0);
}

export interface FreezeAtDate {
  id: string;
  securityId: number;
  /** always read; optional so that hand-made freezes (templates' tests) may leave them out */
  market?: string;
  securityClass?: string;
  code: string;
  name: string;
  kind: string;
  status: string;
  authority: string;
  caseNumber: string;
  /** what the order freezes: in force plus waiting */
  quantity: bigint;
  frozenQuantity: bigint;
  /** the part still waiting in the queue (轮候) */
  waitingQuantity: bigint;
  queueNo: number | null;
  /** the term the order names, in months */
  periodMonths: number;
  startOn: string | null;
  endOn: string | null;
}

const inForceAndWaiting = (quantity: bigint, frozenQuantity: bigint) => ({ quantity, frozenQuantity, waitingQuantity: quantity - frozenQuantity });

/** Freezes of an account in force (or waiting) at the end of a date. */
export async function freezesAt(ex: Executor, accountNumber: string, date: string): Promise<FreezeAtDate[]> {
  const found = await rows<Record<string, unknown>>(
    ex,
    sql`select f.id, f.security_id, s.market, s.class as security_class, s.code, s.name, f.kind, f.status, f.authority, f.case_number, f.quantity, f.frozen_quantity, f.queue_no, f.period_months,
               f.start_on::text as start_on, f.end_on::text as end_on,
               case when f.start_on is not null and f.start_on <= ${date}::date then 'active' else 'waiting' end as state_at
        from freezes f join securities s on s.id = f.security_id
        where f.account_number = ${accountNumber}
          and f.requested_on <= ${date}::date
          and (f.released_on is null or f.released_on > ${date}::date)
          and (f.end_on is null or f.end_on >= ${date}::date)
        order by s.code, f.queue_no`,
  );
  return found.map((r) => ({
    id: String(r.id),
    securityId: Number(r.security_id),
    market: String(r.market),
    securityClass: String(r.security_class),
    code: String(r.code),
    name: String(r.name),
    kind: String(r.kind),
    status: String(r.state_at),
    authority: String(r.authority),
    caseNumber: String(r.case_number),
    ...inForceAndWaiting(big(r.quantity), String(r.state_at) === 'active' ? big(r.frozen_quantity) : 0n),
    queueNo: r.queue_no === null ? null : Number(r.queue_no),
    periodMonths: Number(r.period_months),
    startOn: (r.start_on as string | null) ?? null,
    endOn: (r.end_on as string | null) ?? null,
  }));
}

export interface RegisterLine {
  rank: number;
  accountNumber: string;
  holderId: string;
  holderName: string;
  holderKind: string;
  holderCategory: string;
  tradable: bigint;
  restricted: bigint;
  frozen: bigint;
  pledged: bigint;
  total: bigint;
}

/**
 * The register of a security at the end of a date (股东名册), holders ranked by
 * quantity held. Reads the journal, so any past date works.
 */
export async function registerAt(ex: Executor, securityId: number, date: string, limit = 100): Promise<RegisterLine[]> {
  const found = await rows<Record<string, unknown>>(
    ex,
    sql`with last as (
          select distinct on (c.account_number, c.category) c.account_number, c.category, c.balance_after
          from holding_changes c
          where c.security_id = ${securityId} and c.effective_on <= ${date}::date
          order by c.account_number, c.category, c.effective_on desc, c.id desc),
        positions as (
          select account_number,
                 sum(balance_after) filter (where category = 'tradable') as tradable,
                 sum(balance_after) filter (where category = 'restricted') as restricted,
                 sum(balance_after) filter (where category = 'frozen') as frozen,
                 sum(balance_after) filter (where category = 'pledged') as pledged
          from last group by account_number)
        select p.account_number, a.holder_id, h.name as holder_name, h.kind as holder_kind, h.category as holder_category,
               coalesce(p.tradable, 0) as tradable, coalesce(p.restricted, 0) as restricted, coalesce(p.frozen, 0) as frozen, coalesce(p.pledged, 0) as pledged,
               coalesce(p.tradable, 0) + coalesce(p.restricted, 0) as total
        from positions p
        join securities_accounts a on a.number = p.account_number
        join holders h on h.id = a.holder_id
        where coalesce(p.tradable, 0) + coalesce(p.restricted, 0) > 0
        order by total desc, p.account_number
        limit ${limit}`,
  );
  return found.map((r, i) => ({
    rank: i + 1,
    accountNumber: String(r.account_number),
    holderId: String(r.holder_id),
    holderName: String(r.holder_name),
    holderKind: String(r.holder_kind),
    holderCategory: String(r.holder_category),
    tradable: big(r.tradable),
    restricted: big(r.restricted),
    frozen: big(r.frozen),
    pledged: big(r.pledged),
    total: big(r.total),
  }));
}
