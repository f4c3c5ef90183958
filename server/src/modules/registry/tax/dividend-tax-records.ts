import { and, between, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../../context.ts';
import { withBulkTransaction } from '../../../platform/db/bulk.ts';
import { rows, type Executor } from '../../../platform/db/client.ts';
import { streamRows } from '../../../platform/db/stream.ts';
import { audit, type Actor, type RequestMeta } from '../../../platform/audit/audit.ts';
import { securities } from '../ledger/index.ts';
import { dividendTaxRecords as taxTable } from '../events/index.ts';
import { dividendTaxRecords, type DailyChange, type Dividend, type EventKind, type TaxRecord } from './dividend-tax.ts';

/**
 * The dividend tax records of the whole registry (or one security), computed
 * from the journal: the end-of-day net changes of individual investors'
 * tradable balances, streamed in (account, security, date) order, one
 * position at a time through the pure computation of dividend-tax.ts, and the
 * records bulk-loaded. The journal is append-only and never back-dated, so a
 * recomputation replaces the records of its scope with the same ones plus
 * those of sales since.
 *
 * Only individual holders (holders.kind = person) and completed cash
 * distributions count; restricted shares stay out (their own tax rule).
 * Lots are per securities account: a custody transfer or a move to a credit
 * account starts a new lot in the receiving account (DOMAIN.md marks the rule
 * unsure; a later refinement can carry lots across).
 */

const insertColumns = [
  'holder_id',
  'account_number',
  'security_id',
  'distribution_id',
  'record_on',
  'dividend_per_share',
  'quantity',
  'acquired_on',
  'sold_on',
  'band',
  'dividend_amount',
  'taxable_amount',
  'tax_amount',
  'computed_at',
];

async function dividendsBySecurity(ex: Executor, securityId?: number): Promise<Map<number, Dividend[]>> {
  const found = await rows<{ id: string; security_id: number; record_on: string; per_share: string }>(
    ex,
    sql`select id, security_id, record_on::text as record_on, (cash_per_10 / 10)::numeric(18, 8)::text as per_share
        from distributions where status = 'completed' and cash_per_10 > 0 ${securityId === undefined ? sql`` : sql`and security_id = ${securityId}`}
        order by security_id, record_on`,
  );
  const map = new Map<number, Dividend[]>();
  for (const d of found) {
    const list = map.get(d.security_id) ?? [];
    list.push({ distributionId: d.id, recordOn: d.record_on, perShare: d.per_share });
    map.set(d.security_id, list);
  }
  return map;
}

/** Daily net changes of individuals' tradable balances in the securities that paid dividends, ordered by position and date. */
function dailyChangesQuery(securityIds: number[]): SQL {
  const ids = securityIds.filter(Number.isInteger);
  return sql`select c.account_number, c.security_id, a.holder_id, c.effective_on::text,
        case c.business_type when 'trade_settlement' then 'market' when 'bonus_shares' then 'bonus' else 'other' end as kind,
        sum(c.quantity) as quantity
      from holding_changes c
      join securities_accounts a on a.number = c.account_number
      join holders h on h.id = a.holder_id and h.kind = 'person'
      where c.category = 'tradable' and c.security_id in (${sql.join(
        ids.map((id) => sql.raw(String(id))),
        sql`, `,
      )})
      group by 1, 2, 3, 4, 5
      having sum(c.quantity) <> 0
      order by 1, 2, 4`;
}

interface PositionRecords {
  holderId: string;
  accountNumber: string;
  securityId: number;
  records: TaxRecord[];
}

/** Walks the streamed changes position by position, yielding each position's records. */
async function* positionsRecords(stream: AsyncIterable<(string | null)[]>, dividends: Map<number, Dividend[]>): AsyncGenerator<PositionRecords> {
  let current: { key: string; holderId: string; accountNumber: string; securityId: number; changes: DailyChange[] } | null = null;
  const finish = (p: NonNullable<typeof current>): PositionRecords => ({
    holderId: p.holderId,
    accountNumber: p.accountNumber,
    securityId: p.securityId,
    records: dividendTaxRecords(p.changes, dividends.get(p.securityId) ?? []),
  });
  for await (const [account, security, holder, on, kind, quantity] of stream) {
    const key = `${account}|${security}`;
    if (current && current.key !== key) yield finish(current);
    if (!current || current.key !== key) current = { key, holderId: holder!, accountNumber: account!, securityId: Number(security), changes: [] };
    current.changes.push({ on: on!, kind: kind as EventKind, quantity: BigInt(quantity!) });
  }
  if (current) yield finish(current);
}

export interface TaxComputation {
  positions: number;
  records: number;
}

/** Recomputes the dividend tax records of one security, or of every security that paid a cash dividend. */
export async function computeDividendTax(ctx: AppContext, meta: RequestMeta, actor: Actor, scope: { securityId?: number } = {}, onProgress?: (positions: number) => void): Promise<TaxComputation> {
  const dividends = await dividendsBySecurity(ctx.db, scope.securityId);
  const securityIds = [...dividends.keys()];
  const now = ctx.clock.now();
  let positions = 0;
  let records = 0;

  async function* recordRows(source: AsyncIterable<PositionRecords>): AsyncIterable<(string | null)[]> {
    for await (const p of source) {
      positions++;
      if (positions % 10_000 === 0) onProgress?.(positions);
      for (const r of p.records) {
        records++;
        yield [
          p.holderId,
          p.accountNumber,
          String(p.securityId),
          r.distributionId,
          r.recordOn,
          r.dividendPerShare,
          r.quantity.toString(),
          r.acquiredOn,
          r.soldOn,
          r.band,
          r.dividendAmount,
          r.taxableAmount,
          r.taxAmount,
          now.toISOString(),
        ];
      }
    }
  }

  let source: AsyncIterable<PositionRecords> = (async function* () {})();
  if (securityIds.length) {
    source = positionsRecords(streamRows(ctx.database, dailyChangesQuery(securityIds)), dividends);
    // PGlite has one connection: read everything before the writing transaction opens.
    if (ctx.database.kind === 'pglite') {
      const all: PositionRecords[] = [];
      for await (const p of source) all.push(p);
      source = (async function* () {
        yield* all;
      })();
    }
  }

  await withBulkTransaction(ctx.database, async (ex, load) => {
    if (scope.securityId !== undefined) await ex.delete(taxTable).where(eq(taxTable.securityId, scope.securityId));
    else await ex.delete(taxTable);
    await load('dividend_tax_records', insertColumns, recordRows(source));
    await audit(ex, now, meta, { actor, action: 'registry.dividend_tax_computed', objectType: 'security', objectId: scope.securityId === undefined ? null : String(scope.securityId), details: { positions, records } });
  });
  onProgress?.(positions);
  return { positions, records };
}

export interface DividendTaxLine {
  market: string;
  code: string;
  name: string;
  accountNumber: string;
  recordOn: string;
  dividendPerShare: string;
  quantity: string;
  acquiredOn: string;
  soldOn: string;
  band: string;
  dividendAmount: string;
  taxableAmount: string;
  taxAmount: string;
}

/**
 * What an investor sees in “股息红利个人所得税”: the tax records of the given
 * securities accounts (or a holder's) with sales settled in a date range,
 * newest first. Amounts are decimal strings.
 */
export async function dividendTaxFor(ex: Executor, filter: { accountNumbers?: string[]; holderId?: string; from: string; to: string; page?: number; pageSize?: number }) {
  const page = filter.page ?? 1;
  const pageSize = filter.pageSize ?? 50;
  const where = and(
    filter.accountNumbers ? inArray(taxTable.accountNumber, filter.accountNumbers.length ? filter.accountNumbers : ['']) : undefined,
    filter.holderId ? eq(taxTable.holderId, filter.holderId) : undefined,
    between(taxTable.soldOn, filter.from, filter.to),
  );
  const [items, [total]] = await Promise.all([
    ex
      .select({
        market: securities.market,
        code: securities.code,
        name: securities.name,
        accountNumber: taxTable.accountNumber,
        recordOn: taxTable.recordOn,
        dividendPerShare: taxTable.dividendPerShare,
        quantity: taxTable.quantity,
        acquiredOn: taxTable.acquiredOn,
        soldOn: taxTable.soldOn,
        band: taxTable.band,
        dividendAmount: taxTable.dividendAmount,
        taxableAmount: taxTable.taxableAmount,
        taxAmount: taxTable.taxAmount,
      })
      .from(taxTable)
      .innerJoin(securities, eq(securities.id, taxTable.securityId))
      .where(where)
      .orderBy(desc(taxTable.soldOn), taxTable.accountNumber, securities.code, taxTable.acquiredOn, taxTable.id)
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    ex.select({ n: count() }).from(taxTable).where(where),
  ]);
  return { total: Number(total?.n ?? 0), items: items.map((i): DividendTaxLine => ({ ...i, quantity: i.quantity.toString() })) };
}
