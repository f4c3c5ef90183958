import { and, between, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../../context.ts';
import { withBulkTransaction } from '../../../platform/db/bulk.ts';
import { rows, type Executor } from '../../../platform/db/client.ts';
import { streamRows } from '../../../platform/db/stream.ts';
import { audit, type Actor, type RequestMeta } from '../../../platform/audit/audit.ts';
import { securities, type BusinessTypeName } from '../ledger/index.ts';
import { dividendTaxRecords as taxTable } from '../events/index.ts';
import { SecurityLots, type AccountDailyChange, type AccountTaxRecord, type Dividend, type EventKind } from './dividend-tax.ts';

/**
 * The dividend tax records of the whole registry (or one security), computed
 * from the journal: the end-of-day net changes of tradable balances, streamed
 * in (security, date, account) order, one day of one security at a time
 * through the pure computation of dividend-tax.ts, and the records
 * bulk-loaded. Every account of the security takes part, so lots follow the
 * shares when they move between accounts (decision 0031); only lots bought on
 * the market by individuals (holders.kind = person) are taxed, and a record
 * names the account that sold. The journal is append-only and never
 * back-dated, so a recomputation replaces the records of its scope with the
 * same ones plus those of sales since.
 *
 * Only completed distributions with cash or bonus shares from profits count;
 * restricted shares stay out (their own tax rule).
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

/**
 * The dividends of completed distributions by security: cash per share plus,
 * for bonus shares out of profits (送红股), their par value per share held;
 * capitalisation shares (转增) are not income.
 */
async function dividendsBySecurity(ex: Executor, securityId?: number): Promise<Map<number, Dividend[]>> {
  const found = await rows<{ id: string; security_id: number; record_on: string; per_share: string }>(
    ex,
    sql`select d.id, d.security_id, d.record_on::text as record_on, (d.cash_per_10 / 10 + d.bonus_per_10 * s.par_value / 10)::text as per_share
        from distributions d join securities s on s.id = d.security_id
        where d.status = 'completed' and (d.cash_per_10 > 0 or d.bonus_per_10 > 0) ${securityId === undefined ? sql`` : sql`and d.security_id = ${securityId}`}
        order by d.security_id, d.record_on`,
  );
  const map = new Map<number, Dividend[]>();
  for (const d of found) {
    const list = map.get(d.security_id) ?? [];
    list.push({ distributionId: d.id, recordOn: d.record_on, perShare: d.per_share });
    map.set(d.security_id, list);
  }
  return map;
}

/** Moves between accounts that carry the holding period (DOMAIN.md): the lots go with the shares. */
const MOVES = ['custody_transfer', 'non_trade_transfer'] as const satisfies readonly BusinessTypeName[];

/** Daily net changes of every account's tradable balance in the securities that paid dividends, ordered by security, date and account. */
function dailyChangesQuery(securityIds: number[]): SQL {
  const ids = securityIds.filter(Number.isInteger);
  const moves = sql.raw(MOVES.map((m) => `'${m}'`).join(', '));
  return sql`select c.security_id, c.effective_on::text, c.account_number, c.holder_id, h.kind,
        case when c.business_type = 'trade_settlement' then 'market' when c.business_type = 'bonus_shares' then 'bonus'
             when c.business_type in (${moves}) then 'move' else 'other' end as change_kind,
        sum(c.quantity) as quantity,
        min(c.batch_id || ':' || lpad(coalesce(c.line_no, 0)::text, 10, '0')) as ordinal
      from holding_changes c
      join holders h on h.id = c.holder_id
      where c.category = 'tradable' and c.security_id in (${sql.join(
        ids.map((id) => sql.raw(String(id))),
        sql`, `,
      )})
      group by 1, 2, 3, 4, 5, 6
      having sum(c.quantity) <> 0
      order by 1, 2, 3`;
}

interface SecurityRecords {
  securityId: number;
  records: AccountTaxRecord[];
  /** the accounts that held the security, given once when its last day is done */
  positions: number;
}

/** Walks the streamed changes security by security and day by day, yielding each day's records. */
async function* securitiesRecords(stream: AsyncIterable<(string | null)[]>, dividends: Map<number, Dividend[]>): AsyncGenerator<SecurityRecords> {
  type Current = { id: number; lots: SecurityLots };
  let security = null as Current | null;
  let day: AccountDailyChange[] = [];
  const finishDay = (): SecurityRecords | null => {
    if (!security || !day.length) return null;
    const records = security.lots.applyDay(day);
    day = [];
    return records.length ? { securityId: security.id, records, positions: 0 } : null;
  };
  for await (const [securityId, on, account, holderId, holderKind, kind, quantity, ordinal] of stream) {
    const id = Number(securityId);
    if (security?.id !== id || day[0]?.on !== on) {
      const done = finishDay();
      if (done) yield done;
    }
    if (security?.id !== id) {
      if (security) yield { securityId: security.id, records: [], positions: security.lots.positions };
      security = { id, lots: new SecurityLots(dividends.get(id) ?? []) };
    }
    day.push({ on: on!, account: account!, holderId: holderId!, individual: holderKind === 'person', kind: kind as EventKind, quantity: BigInt(quantity!), ordinal: ordinal! });
  }
  const done = finishDay();
  if (done) yield done;
  if (security) yield { securityId: security.id, records: [], positions: security.lots.positions };
}

export interface TaxComputation {
  positions: number;
  records: number;
}

/** Recomputes the dividend tax records of one security, or of every security that paid a dividend. */
export async function computeDividendTax(ctx: AppContext, meta: RequestMeta, actor: Actor, scope: { securityId?: number } = {}, onProgress?: (positions: number) => void): Promise<TaxComputation> {
  const dividends = await dividendsBySecurity(ctx.db, scope.securityId);
  const securityIds = [...dividends.keys()];
  const now = ctx.clock.now();
  let positions = 0;
  let records = 0;

  async function* recordRows(source: AsyncIterable<SecurityRecords>): AsyncIterable<(string | null)[]> {
    for await (const s of source) {
      if (s.positions) {
        positions += s.positions;
        onProgress?.(positions);
      }
      for (const r of s.records) {
        records++;
        yield [
          r.holderId,
          r.account,
          String(s.securityId),
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

  let source: AsyncIterable<SecurityRecords> = (async function* () {})();
  if (securityIds.length) {
    source = securitiesRecords(streamRows(ctx.database, dailyChangesQuery(securityIds)), dividends);
    // PGlite has one connection: read everything before the writing transaction opens.
    if (ctx.database.kind === 'pglite') {
      const all: SecurityRecords[] = [];
      for await (const s of source) all.push(s);
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
  id: string;
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
        id: taxTable.id,
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
  return { total: Number(total?.n ?? 0), items: items.map((i): DividendTaxLine => ({ ...i, id: i.id.toString(), quantity: i.quantity.toString() })) };
}
