import { randomBytes, randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../../context.ts';
import { withBulkTransaction } from '../../../platform/db/bulk.ts';
import { rows, type Executor } from '../../../platform/db/client.ts';
import { pageOf } from '../../../platform/db/pages.ts';
import { AppError } from '../../../platform/errors.ts';
import { beijingDate } from '../../../kernel/time.ts';
import { audit, type Actor, type RequestMeta } from '../../../platform/audit/audit.ts';
import { applyBatchOnce, applyStaged, createStage, registerPositionsAt, securities, securityByCode } from '../ledger/index.ts';
import { distributionEntitlements, distributions } from './events-schema.ts';
import type { CashRounding } from './distribution-rules.ts';
import './events-errors.ts';

/**
 * Distributions (权益分派): cash dividends and bonus / capitalisation shares
 * of a security, owed to whoever holds it at the end of the record date. The
 * rules are stated in distribution-rules.ts; here they run set-based, one
 * INSERT … SELECT per distribution over the register at the record date, and
 * the new shares go to the journal through the ledger (business type
 * bonus_shares, 送股/转增) effective on the payment date, all in one
 * transaction per distribution: run twice, it changes nothing the second time.
 */

export interface NewDistribution {
  market: string;
  code: string;
  recordOn: string;
  payOn: string;
  cashPer10?: string;
  bonusPer10?: string;
  capitalisationPer10?: string;
}

const RATE = /^\d{1,11}(\.\d{1,6})?$/;

function rate(field: string, value: string | undefined): string {
  const v = (value ?? '0').trim();
  if (!RATE.test(v)) throw new AppError('DIST_RATE_INVALID', { field });
  return v;
}

export async function createDistribution(ctx: AppContext, meta: RequestMeta, actor: Actor, input: NewDistribution): Promise<string> {
  const cashPer10 = rate('cashPer10', input.cashPer10);
  const bonusPer10 = rate('bonusPer10', input.bonusPer10);
  const capitalisationPer10 = rate('capitalisationPer10', input.capitalisationPer10);
  if ([cashPer10, bonusPer10, capitalisationPer10].every((v) => Number(v) === 0)) throw new AppError('DIST_NOTHING_TO_DISTRIBUTE');
  if (input.payOn < input.recordOn) throw new AppError('DIST_DATES_INVALID');
  const security = await securityByCode(ctx.db, input.market, input.code);
  if (security.status === 'delisted') throw new AppError('DIST_SECURITY_DELISTED');
  const id = randomUUID();
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await tx.insert(distributions).values({
      id,
      securityId: security.id,
      recordOn: input.recordOn,
      payOn: input.payOn,
      cashPer10,
      bonusPer10,
      capitalisationPer10,
      cashRounding: ctx.config.dividendCashRounding,
      status: 'announced',
      createdBy: actor.id ?? actor.kind,
      createdAt: now,
    });
    await audit(tx, now, meta, {
      actor,
      action: 'registry.distribution_created',
      objectType: 'distribution',
      objectId: id,
      details: { securityId: security.id, recordOn: input.recordOn, cashPer10, bonusPer10, capitalisationPer10 },
    });
  });
  return id;
}

export interface DistributionSummary {
  id: string;
  market: string;
  code: string;
  name: string;
  recordOn: string;
  payOn: string;
  cashPer10: string;
  bonusPer10: string;
  capitalisationPer10: string;
  cashRounding: string;
  status: string;
  holders: number | null;
  sharesEntitled: string | null;
  cashTotal: string | null;
  cashRemainder: string | null;
  sharesIssued: string | null;
  /** the seed of the drawing of lots among equal fractions; null until the distribution ran, or when it distributed no shares */
  lotSeed: string | null;
  createdAt: string;
  completedAt: string | null;
}

const summaryColumns = {
  id: distributions.id,
  market: securities.market,
  code: securities.code,
  name: securities.name,
  recordOn: distributions.recordOn,
  payOn: distributions.payOn,
  cashPer10: distributions.cashPer10,
  bonusPer10: distributions.bonusPer10,
  capitalisationPer10: distributions.capitalisationPer10,
  cashRounding: distributions.cashRounding,
  status: distributions.status,
  holders: distributions.holders,
  sharesEntitled: distributions.sharesEntitled,
  cashTotal: distributions.cashTotal,
  cashRemainder: distributions.cashRemainder,
  sharesIssued: distributions.sharesIssued,
  lotSeed: distributions.lotSeed,
  createdAt: distributions.createdAt,
  completedAt: distributions.completedAt,
};

type SummaryRow = { [K in keyof typeof summaryColumns]: unknown };

function summaryOf(r: SummaryRow): DistributionSummary {
  const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    ...(r as unknown as DistributionSummary),
    holders: r.holders === null ? null : Number(r.holders),
    sharesEntitled: str(r.sharesEntitled),
    sharesIssued: str(r.sharesIssued),
    cashTotal: str(r.cashTotal),
    cashRemainder: str(r.cashRemainder),
    lotSeed: str(r.lotSeed),
    createdAt: (r.createdAt as Date).toISOString(),
    completedAt: r.completedAt ? (r.completedAt as Date).toISOString() : null,
  };
}

export async function getDistribution(ex: Executor, id: string): Promise<DistributionSummary> {
  const [row] = await ex.select(summaryColumns).from(distributions).innerJoin(securities, eq(securities.id, distributions.securityId)).where(eq(distributions.id, id));
  if (!row) throw new AppError('DIST_NOT_FOUND');
  return summaryOf(row);
}

export async function listDistributions(ex: Executor, page: { page: number; pageSize: number }) {
  const found = ex.select(summaryColumns).from(distributions).innerJoin(securities, eq(securities.id, distributions.securityId)).orderBy(desc(distributions.recordOn), desc(distributions.createdAt)).$dynamic();
  const { items, total } = await pageOf(found, ex.select({ n: count() }).from(distributions), page);
  return { items: items.map(summaryOf), total };
}

export interface Entitlement {
  accountNumber: string;
  quantity: string;
  cashAmount: string;
  sharesWhole: string;
  sharesFromFractions: string;
  shares: string;
}

/** Entitlements of a distribution, largest holdings first; optionally of one account. */
export async function listEntitlements(ex: Executor, distributionId: string, filter: { accountNumber?: string; page: number; pageSize: number }) {
  const where = and(eq(distributionEntitlements.distributionId, distributionId), filter.accountNumber ? eq(distributionEntitlements.accountNumber, filter.accountNumber) : undefined);
  const found = ex.select().from(distributionEntitlements).where(where).orderBy(desc(distributionEntitlements.quantity), asc(distributionEntitlements.accountNumber)).$dynamic();
  const { items, total } = await pageOf(found, ex.select({ n: count() }).from(distributionEntitlements).where(where), filter);
  return {
    total,
    items: items.map((e): Entitlement => ({
      accountNumber: e.accountNumber,
      quantity: e.quantity.toString(),
      cashAmount: e.cashAmount,
      sharesWhole: e.sharesWhole.toString(),
      sharesFromFractions: e.sharesFromFractions.toString(),
      shares: e.shares.toString(),
    })),
  };
}

export type DistributionStep = 'entitlements' | 'shares' | 'done';
export type DistributionProgress = (stepsDone: number, stepsTotal: number, step: DistributionStep) => void;

/**
 * The entitlements of every holder at the record date, in one INSERT … SELECT.
 * Cash: quantity × cash per 10 / 10 to the cent (trunc or round, by the
 * distribution's rounding). Shares: the whole part of quantity × shares per
 * 10 / 10; the shares still missing to reach the whole part of the sum go one
 * each to the largest fractional parts, equal fractions in the order of the
 * lots drawn with `lotSeed` (lotOf in distribution-rules.ts: md5 of seed, ':'
 * and account number, compared byte-wise). When no shares are distributed the
 * ranking is skipped.
 */
export function entitlementsInsert(d: { id: string; securityId: number; recordOn: string; cashPer10: string; sharesPer10: string; cashRounding: CashRounding; lotSeed: string }) {
  const cash = d.cashRounding === 'half_up' ? sql`round(e.cash_exact, 2)` : sql`trunc(e.cash_exact, 2)`;
  const base = sql`e as (
      select p.account_number, p.holder_id, (p.tradable + p.restricted) as quantity, p.restricted,
             (p.tradable + p.restricted) * ${d.cashPer10}::numeric / 10 as cash_exact,
             (p.tradable + p.restricted) * ${d.sharesPer10}::numeric / 10 as shares_exact
      from ${registerPositionsAt(d.securityId, d.recordOn)} p
      where p.tradable + p.restricted > 0)`;
  if (Number(d.sharesPer10) === 0) {
    return sql`insert into distribution_entitlements (distribution_id, account_number, holder_id, security_id, quantity, restricted, cash_amount, shares_whole, shares_from_fractions, shares)
      with ${base}
      select ${d.id}::uuid, e.account_number, e.holder_id, ${d.securityId}::int, e.quantity, e.restricted, ${cash}, 0, 0, 0 from e`;
  }
  return sql`insert into distribution_entitlements (distribution_id, account_number, holder_id, security_id, quantity, restricted, cash_amount, shares_whole, shares_from_fractions, shares)
    with ${base},
    w as (select e.*, floor(e.shares_exact)::bigint as whole, e.shares_exact - floor(e.shares_exact) as fraction from e),
    t as (select floor(sum(shares_exact))::bigint - sum(whole)::bigint as missing from w),
    r as (select w.*, case when w.fraction > 0 and row_number() over (order by w.fraction desc, md5(${d.lotSeed}::text || ':' || w.account_number) collate "C", w.account_number) <= t.missing then 1 else 0 end as extra
          from w cross join t)
    select ${d.id}::uuid, e.account_number, e.holder_id, ${d.securityId}::int, e.quantity, e.restricted, ${cash}, e.whole, e.extra, e.whole + e.extra from r e`;
}

/** A new seed for a drawing of lots: 128 random bits, in hex. */
export const drawLotSeed = () => randomBytes(16).toString('hex');

/**
 * Computes the entitlements and posts the new shares, in one transaction; a
 * completed distribution is returned as it is. The restricted part of an
 * account's new shares (the whole part of restricted × ratio) stays
 * restricted; the rest, fractional allocation included, is tradable. Equal
 * fractions are settled by a drawing of lots whose seed is drawn here, after
 * the record date, unless one is given (a drawing held elsewhere, a replay),
 * and recorded on the distribution and in its audit entry.
 */
export async function runDistribution(ctx: AppContext, meta: RequestMeta, actor: Actor, id: string, onProgress?: DistributionProgress, lotSeed: string = drawLotSeed()): Promise<DistributionSummary> {
  const STEPS = 3;
  if (!lotSeed) throw new AppError('VALIDATION_FAILED', { field: 'lotSeed' });
  await withBulkTransaction(ctx.database, async (ex) => {
    const [d] = await rows<{ id: string; security_id: number; record_on: string; pay_on: string; cash_per_10: string; shares_per_10: string; cash_rounding: CashRounding; status: string; market: string; code: string }>(
      ex,
      sql`select d.id, d.security_id, d.record_on::text as record_on, d.pay_on::text as pay_on, d.cash_per_10::text as cash_per_10,
                 (d.bonus_per_10 + d.capitalisation_per_10)::text as shares_per_10, d.cash_rounding, d.status, s.market, s.code
          from distributions d join securities s on s.id = d.security_id where d.id = ${id} for update of d`,
    );
    if (!d) throw new AppError('DIST_NOT_FOUND');
    if (d.status === 'completed') return;
    if (d.record_on >= beijingDate(ctx.clock.now())) throw new AppError('DIST_RECORD_DATE_FUTURE');
    // JIT would compile this wide statement for seconds and gain nothing on it.
    await ex.execute(sql`set local work_mem = '256MB'`);
    await ex.execute(sql`set local jit = off`);
    await ex.execute(sql`delete from distribution_entitlements where distribution_id = ${id}`);
    const sharesDistributed = Number(d.shares_per_10) > 0;
    await ex.execute(entitlementsInsert({ id, securityId: d.security_id, recordOn: d.record_on, cashPer10: d.cash_per_10, sharesPer10: d.shares_per_10, cashRounding: d.cash_rounding, lotSeed }));
    onProgress?.(1, STEPS, 'entitlements');

    const now = ctx.clock.now();
    let sharesIssued = 0;
    if (sharesDistributed) {
      const batchId = `distribution-${id}`;
      await createStage(ex);
      await ex.execute(sql`
        insert into stage_changes (line_no, account_number, market, security_code, business_type, category, quantity, effective_on, reference)
        select (row_number() over (order by account_number, category))::int, account_number, ${d.market}, ${d.code}, 'bonus_shares', category, quantity, ${d.pay_on}::date, ${batchId}
        from (
          select e.account_number, 'restricted' as category, floor(e.restricted * ${d.shares_per_10}::numeric / 10)::bigint as quantity
          from distribution_entitlements e where e.distribution_id = ${id}
          union all
          select e.account_number, 'tradable', e.shares - floor(e.restricted * ${d.shares_per_10}::numeric / 10)::bigint
          from distribution_entitlements e where e.distribution_id = ${id}
        ) parts where quantity > 0`);
      sharesIssued = (await applyBatchOnce(ex, actor, now, { source: 'distribution', batchId, fingerprint: id }, () => applyStaged(ex, batchId, now))).rows;
    }
    onProgress?.(2, STEPS, 'shares');

    const [totals] = await rows<{ holders: number; shares: string; cash: string; remainder: string }>(
      ex,
      sql`select count(*)::int as holders, coalesce(sum(shares), 0)::text as shares, coalesce(sum(cash_amount), 0)::text as cash,
                 (coalesce(sum(quantity), 0) * ${d.cash_per_10}::numeric / 10 - coalesce(sum(cash_amount), 0))::text as remainder
          from distribution_entitlements where distribution_id = ${id}`,
    );
    await ex.execute(sql`
      update distributions set status = 'completed', holders = ${totals!.holders}, shares_entitled = ${totals!.shares}::bigint, shares_issued = ${totals!.shares}::bigint,
             cash_total = ${totals!.cash}::numeric, cash_remainder = ${totals!.remainder}::numeric, completed_at = ${now.toISOString()}::timestamptz,
             lot_seed = ${sharesDistributed ? lotSeed : null}
      where id = ${id}`);
    const drawing = sharesDistributed ? { lotSeed, ...(await fractionDrawing(ex, id)) } : null;
    await audit(ex, now, meta, {
      actor,
      action: 'registry.distribution_completed',
      objectType: 'distribution',
      objectId: id,
      details: { holders: totals!.holders, shares: totals!.shares, cash: totals!.cash, journalEntries: sharesIssued, drawing },
    });
  });
  onProgress?.(3, STEPS, 'done');
  return getDistribution(ctx.db, id);
}

/**
 * What the drawing of lots decided, for the audit entry: at the last fraction that still received a share,
 * how many accounts held it and how many of them won. `candidates > winners` means lots decided.
 */
async function fractionDrawing(ex: Executor, id: string): Promise<{ fraction: string; candidates: number; winners: number } | null> {
  const [cut] = await rows<{ fraction: string; candidates: number; winners: number }>(
    ex,
    sql`with f as (select e.account_number, e.shares_from_fractions, e.quantity * (d.bonus_per_10 + d.capitalisation_per_10) / 10 - e.shares_whole as fraction
                   from distribution_entitlements e join distributions d on d.id = e.distribution_id where e.distribution_id = ${id}),
             last as (select min(fraction) as fraction from f where shares_from_fractions = 1)
        select last.fraction::text as fraction, count(*)::int as candidates, count(*) filter (where f.shares_from_fractions = 1)::int as winners
        from f join last on f.fraction = last.fraction group by last.fraction`,
  );
  return cut ?? null;
}
