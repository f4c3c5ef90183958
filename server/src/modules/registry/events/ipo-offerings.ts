import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { AppContext } from '../../../context.ts';
import type { Executor } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { audit, type Actor, type RequestMeta } from '../../../platform/audit/audit.ts';
import { checkDates } from '../settlement/index.ts';
import { classifySecurity, type Market } from '../../../kernel/identifiers.ts';
import { allotmentRule, effectiveTails, TAIL } from './ipo-rules.ts';
import { ipoOfferings, ipoSubscriptions, ipoWinningTails } from './ipo-schema.ts';
import './ipo-errors.ts';

/** IPO offerings (新股) and their lottery: the winning tails and each subscription's winnings. */

export interface NewOffering {
  market: Market;
  securityCode: string;
  name: string;
  issuePrice: string;
  subscriptionDate: string;
  /** the first allotment number (default 100000001) */
  firstNumber?: bigint;
}

export const DEFAULT_FIRST_NUMBER = 100_000_001n;
const PRICE = /^\d{1,12}(\.\d{1,4})?$/;

export async function createOffering(ctx: AppContext, meta: RequestMeta, actor: Actor, input: NewOffering) {
  const classified = classifySecurity(input.securityCode, input.market);
  const rule = classified && allotmentRule(classified.market, classified.board);
  if (!classified || !rule) throw new AppError('IPO_BOARD_NOT_SUBSCRIBABLE', { securityCode: input.securityCode });
  if (!PRICE.test(input.issuePrice) || Number(input.issuePrice) <= 0) throw new AppError('VALIDATION_FAILED', { field: 'issuePrice' });
  checkDates({ subscriptionDate: input.subscriptionDate });
  const name = input.name.trim();
  if (!name || name.length > 50) throw new AppError('VALIDATION_FAILED', { field: 'name' });
  return ctx.db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: ipoOfferings.id })
      .from(ipoOfferings)
      .where(and(eq(ipoOfferings.market, input.market), eq(ipoOfferings.securityCode, input.securityCode)));
    if (existing) throw new AppError('IPO_OFFERING_EXISTS', { securityCode: input.securityCode });
    const now = ctx.clock.now();
    const [row] = await tx
      .insert(ipoOfferings)
      .values({
        market: input.market,
        securityCode: input.securityCode,
        name,
        board: classified.board,
        productType: classified.class === 'CDR' ? 'cdr' : 'new_share',
        issuePrice: input.issuePrice,
        subscriptionDate: input.subscriptionDate,
        unitShares: rule.unitShares,
        numbersPerUnit: Number(rule.numbersPerUnit),
        firstNumber: input.firstNumber ?? DEFAULT_FIRST_NUMBER,
        status: 'subscribing',
        createdAt: now,
      })
      .returning();
    await audit(tx, now, meta, { actor, action: 'registry.ipo_offering_created', objectType: 'ipo_offering', objectId: String(row!.id), details: { market: input.market, securityCode: input.securityCode } });
    return offeringView(row!, []);
  });
}

type OfferingRow = typeof ipoOfferings.$inferSelect;

export function offeringView(o: OfferingRow, tails: string[]) {
  return {
    id: o.id,
    market: o.market,
    securityCode: o.securityCode,
    name: o.name,
    board: o.board,
    productType: o.productType,
    issuePrice: o.issuePrice,
    subscriptionDate: o.subscriptionDate,
    unitShares: o.unitShares.toString(),
    sharesPerNumber: (o.unitShares / BigInt(o.numbersPerUnit)).toString(),
    firstNumber: o.firstNumber.toString(),
    numbersAllotted: o.numbersAllotted.toString(),
    status: o.status,
    winningTails: tails,
  };
}

export async function tailsOf(ex: Executor, offeringIds: number[]): Promise<Map<number, string[]>> {
  const map = new Map<number, string[]>();
  if (!offeringIds.length) return map;
  const found = await ex
    .select()
    .from(ipoWinningTails)
    .where(inArray(ipoWinningTails.offeringId, offeringIds))
    .orderBy(asc(ipoWinningTails.offeringId), sql`length(${ipoWinningTails.tail})`, asc(ipoWinningTails.tail));
  for (const t of found) map.set(t.offeringId, [...(map.get(t.offeringId) ?? []), t.tail]);
  return map;
}

export async function listOfferings(ctx: AppContext, page: { page: number; pageSize: number }) {
  const found = await ctx.db
    .select()
    .from(ipoOfferings)
    .orderBy(desc(ipoOfferings.subscriptionDate), desc(ipoOfferings.id))
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize);
  const tails = await tailsOf(
    ctx.db,
    found.map((o) => o.id),
  );
  return found.map((o) => offeringView(o, tails.get(o.id) ?? []));
}

export async function offeringById(ex: Executor, id: number): Promise<OfferingRow> {
  const [row] = await ex.select().from(ipoOfferings).where(eq(ipoOfferings.id, id));
  if (!row) throw new AppError('IPO_OFFERING_NOT_FOUND', { id });
  return row;
}

/**
 * Each subscription's winning numbers and quantity for the offerings given, from
 * their ranges and winning tails, in one statement: for a range [f, f + c) and
 * a tail t of k digits the matches are ⌊(f + c − 1 − t) / 10^k⌋ − ⌊(f − 1 − t) / 10^k⌋,
 * summed over the tails that are not made redundant by a shorter one (so the
 * sets are disjoint and a number wins once). Marks the offerings drawn.
 */
export async function computeWinnings(ex: Executor, offeringIds: number[], drawnAt: Date): Promise<void> {
  if (!offeringIds.length) return;
  const ids = sql.join(
    offeringIds.map((id) => sql`${id}::int`),
    sql`, `,
  );
  await ex.execute(sql`
    with effective as (
      select t.offering_id, t.tail::numeric as t, power(10::numeric, length(t.tail)) as m
      from ipo_winning_tails t
      where t.offering_id in (${ids})
        and not exists (select 1 from ipo_winning_tails u
                        where u.offering_id = t.offering_id and length(u.tail) < length(t.tail) and right(t.tail, length(u.tail)) = u.tail)),
    won as (
      select s.id, coalesce(sum(floor((s.first_number + s.number_count - 1 - e.t) / e.m) - floor((s.first_number - 1 - e.t) / e.m)), 0)::bigint as n
      from ipo_subscriptions s
      left join effective e on e.offering_id = s.offering_id
      where s.offering_id in (${ids}) and s.invalid_reason is null
      group by s.id)
    update ipo_subscriptions s
    set winning_count = won.n, winning_quantity = won.n * (o.unit_shares / o.numbers_per_unit)
    from won, ipo_offerings o
    where s.id = won.id and o.id = s.offering_id`);
  await ex.update(ipoOfferings).set({ status: 'drawn', drawnAt }).where(inArray(ipoOfferings.id, offeringIds));
}

/** Runs the lottery of one offering: records its winning tails and computes every subscription's winnings. */
export async function drawLottery(ctx: AppContext, meta: RequestMeta, actor: Actor, input: { offeringId: number; tails: string[] }) {
  const bad = input.tails.find((t) => !TAIL.test(t));
  if (bad !== undefined || !input.tails.length) throw new AppError('IPO_TAILS_INVALID', { tail: bad ?? '' });
  return ctx.db.transaction(async (tx) => {
    const [offering] = await tx.select().from(ipoOfferings).where(eq(ipoOfferings.id, input.offeringId)).for('update');
    if (!offering) throw new AppError('IPO_OFFERING_NOT_FOUND', { id: input.offeringId });
    if (offering.status !== 'subscribing') throw new AppError('IPO_ALREADY_DRAWN', { id: input.offeringId });
    const tails = [...new Set(input.tails)];
    const now = ctx.clock.now();
    await tx.insert(ipoWinningTails).values(tails.map((tail) => ({ offeringId: offering.id, tail, batchId: `lottery:${offering.id}` })));
    await computeWinnings(tx, [offering.id], now);
    const [totals] = await tx
      .select({ winners: sql<string>`count(*) filter (where ${ipoSubscriptions.winningCount} > 0)`, numbers: sql<string>`coalesce(sum(${ipoSubscriptions.winningCount}), 0)` })
      .from(ipoSubscriptions)
      .where(eq(ipoSubscriptions.offeringId, offering.id));
    await audit(tx, now, meta, { actor, action: 'registry.ipo_lottery_drawn', objectType: 'ipo_offering', objectId: String(offering.id), details: { tails, effective: effectiveTails(tails) } });
    return { offeringId: offering.id, tails, winningAccounts: Number(totals?.winners ?? 0), winningNumbers: String(totals?.numbers ?? '0') };
  });
}
