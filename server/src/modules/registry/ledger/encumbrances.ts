import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { AppContext } from '../../../context.ts';
import { rows, type Executor } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { audit, type Actor, type RequestMeta } from '../../../platform/audit/audit.ts';
import { applyChanges, type Change } from './ledger.ts';
import { freezes, pledges } from './schema.ts';
import { addDays, termEnd } from '../../../kernel/dates.ts';
import type { BusinessTypeName } from './business-types.ts';

/**
 * Judicial freezes (with the queue of waiting freezes, 轮候冻结) and pledges.
 * Each changes the frozen or pledged balance through the ledger, so the journal
 * tells the whole story and the balance invariants hold.
 *
 * A court order is one row: `quantity` is what it orders, `frozenQuantity` what
 * of it is in force; the rest waits in the position's queue by `queueNo` (DOMAIN.md,
 * "Judicial freeze"; decision 0030). The order's term runs from the day any of it
 * first takes effect; shares of its waiting part that take effect later join that term.
 */

interface Position {
  accountNumber: string;
  securityId: number;
}

interface LockedPosition extends Position {
  holderId: string;
  held: bigint;
  frozen: bigint;
  pledged: bigint;
  market: string;
  code: string;
}

/** Locks a position's balances; a position never held is refused with `missing`. */
async function lockPosition(ex: Executor, position: Position, missing = 'FREEZE_INSUFFICIENT'): Promise<LockedPosition> {
  const [row] = await rows<{ holder_id: string; tradable: string; restricted: string; frozen: string; pledged: string; market: string; code: string }>(
    ex,
    sql`select h.holder_id, h.tradable, h.restricted, h.frozen, h.pledged, s.market, s.code
        from holdings h join securities s on s.id = h.security_id
        where h.account_number = ${position.accountNumber} and h.security_id = ${position.securityId}
        for update of h`,
  );
  if (!row) throw new AppError(missing);
  return {
    ...position,
    holderId: row.holder_id,
    held: BigInt(row.tradable) + BigInt(row.restricted),
    frozen: BigInt(row.frozen),
    pledged: BigInt(row.pledged),
    market: row.market,
    code: row.code,
  };
}

const unencumbered = (p: LockedPosition) => p.held - p.frozen - p.pledged;
const atMost = (a: bigint, b: bigint) => (a < b ? a : b);

function change(p: LockedPosition, businessType: BusinessTypeName, category: 'frozen' | 'pledged', quantity: bigint, on: string, reference: string): Change {
  return { lineNo: 1, accountNumber: p.accountNumber, market: p.market, securityCode: p.code, businessType, category, quantity, effectiveOn: on, reference };
}

/** Refuses a term the order (or renewal) may not name: at least a month, at most FREEZE_MAX_MONTHS. */
function checkTerm(ctx: AppContext, months: number) {
  const maxMonths = ctx.config.freezeMaxMonths;
  if (!Number.isInteger(months) || months < 1 || months > maxMonths) throw new AppError('FREEZE_PERIOD_TOO_LONG', { maxMonths });
}

export interface FreezeOrder extends Position {
  authority: string;
  caseNumber: string;
  quantity: bigint;
  on: string;
  /** the term the order names, in months */
  months: number;
}

export interface FreezeOutcome {
  id: string;
  /** active: some of it is in force; waiting: all of it waits in the queue */
  status: 'active' | 'waiting';
  frozenQuantity: bigint;
  waitingQuantity: bigint;
}

/**
 * A court's freeze: it takes what is not yet encumbered at once, whatever waits in the queue (a new freeze with
 * enough free shares is never queued), and the rest waits with the next sequence number.
 */
export async function freeze(ctx: AppContext, meta: RequestMeta, actor: Actor, order: FreezeOrder): Promise<FreezeOutcome> {
  checkTerm(ctx, order.months);
  if (order.quantity <= 0n) throw new AppError('VALIDATION_FAILED', { field: 'quantity' });
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const position = await lockPosition(tx, order);
    const id = randomUUID();
    const [queue] = await rows<{ next: number }>(tx, sql`select coalesce(max(queue_no), 0) + 1 as next from freezes where account_number = ${order.accountNumber} and security_id = ${order.securityId}`);
    const free = unencumbered(position);
    const frozenQuantity = free > 0n ? atMost(free, order.quantity) : 0n;
    const waitingQuantity = order.quantity - frozenQuantity;
    const inForce = frozenQuantity > 0n;
    await tx.insert(freezes).values({
      id,
      holderId: position.holderId,
      accountNumber: order.accountNumber,
      securityId: order.securityId,
      kind: inForce ? 'judicial' : 'waiting',
      status: inForce ? 'active' : 'waiting',
      authority: order.authority,
      caseNumber: order.caseNumber,
      quantity: order.quantity,
      frozenQuantity,
      queueNo: Number(queue?.next ?? 1),
      periodMonths: order.months,
      startOn: inForce ? order.on : null,
      endOn: inForce ? termEnd(order.on, order.months) : null,
      requestedOn: order.on,
      createdAt: now,
    });
    if (inForce) await applyChanges(tx, `freeze:${id}`, now, [change(position, 'judicial_freeze', 'frozen', frozenQuantity, order.on, order.caseNumber)]);
    const details = { quantity: order.quantity.toString(), frozenQuantity: frozenQuantity.toString(), waitingQuantity: waitingQuantity.toString() };
    await audit(tx, now, meta, { actor, action: inForce ? 'registry.frozen' : 'registry.freeze_queued', objectType: 'freeze', objectId: id, details });
    return { id, status: inForce ? ('active' as const) : ('waiting' as const), frozenQuantity, waitingQuantity };
  });
}

/**
 * After a freeze ends: the waiting parts of the position's freezes take effect in queue order, each as far as
 * unencumbered shares allow; what cannot take effect yet stays waiting.
 */
async function activateWaiting(tx: Executor, position: Position, on: string, now: Date) {
  const waiting = await tx
    .select()
    .from(freezes)
    .where(and(eq(freezes.accountNumber, position.accountNumber), eq(freezes.securityId, position.securityId), inArray(freezes.status, ['active', 'waiting']), lt(freezes.frozenQuantity, freezes.quantity)))
    .orderBy(asc(freezes.queueNo))
    .for('update');
  if (!waiting.length) return;
  const locked = await lockPosition(tx, position);
  let free = unencumbered(locked);
  for (const w of waiting) {
    if (free <= 0n) return;
    const take = atMost(free, w.quantity - w.frozenQuantity);
    const frozenQuantity = w.frozenQuantity + take;
    const term = w.status === 'waiting' ? { status: 'active', startOn: on, endOn: termEnd(on, w.periodMonths) } : {};
    await tx
      .update(freezes)
      .set({ frozenQuantity, ...term })
      .where(eq(freezes.id, w.id));
    await applyChanges(tx, `freeze:${w.id}:effective:${frozenQuantity}`, now, [change(locked, 'waiting_freeze_effective', 'frozen', take, on, w.caseNumber)]);
    free -= take;
  }
}

async function endFreeze(tx: Executor, freezeId: string, on: string, how: 'released' | 'expired', now: Date) {
  const [where] = await tx.select({ accountNumber: freezes.accountNumber, securityId: freezes.securityId }).from(freezes).where(eq(freezes.id, freezeId));
  if (!where) throw new AppError('FREEZE_NOT_FOUND');
  // The position first, as freeze() does: every change to a position's queue then happens under its lock, in one order.
  const position = await lockPosition(tx, where);
  const [f] = await tx.select().from(freezes).where(eq(freezes.id, freezeId)).for('update');
  if (!f || (f.status !== 'active' && f.status !== 'waiting')) throw new AppError('FREEZE_NOT_FOUND');
  await tx.update(freezes).set({ status: how, releasedOn: on }).where(eq(freezes.id, f.id));
  if (f.frozenQuantity > 0n) {
    const type: BusinessTypeName = how === 'released' ? 'judicial_release' : 'freeze_expiry';
    await applyChanges(tx, `freeze:${f.id}:${how}`, now, [change(position, type, 'frozen', -f.frozenQuantity, on, f.caseNumber)]);
    await activateWaiting(tx, f, on, now);
  }
  return f;
}

/** Releases a freeze, its part in force and its waiting part (or withdraws a waiting one); waiting freezes behind it take effect. */
export async function releaseFreeze(ctx: AppContext, meta: RequestMeta, actor: Actor, freezeId: string, on: string) {
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const f = await endFreeze(tx, freezeId, on, 'released', now);
    await audit(tx, now, meta, { actor, action: 'registry.freeze_released', objectType: 'freeze', objectId: f.id });
  });
}

/**
 * Renews a freeze in force (续冻): requested before its term ends, the new term runs from the day after the
 * previous end, for at most FREEZE_MAX_MONTHS, like the first.
 */
export async function renewFreeze(ctx: AppContext, meta: RequestMeta, actor: Actor, freezeId: string, on: string, months: number) {
  checkTerm(ctx, months);
  return ctx.db.transaction(async (tx) => {
    const [f] = await tx
      .select()
      .from(freezes)
      .where(and(eq(freezes.id, freezeId), eq(freezes.status, 'active')))
      .for('update');
    if (!f?.endOn || !f.startOn) throw new AppError('FREEZE_NOT_FOUND');
    if (on > f.endOn || on < f.startOn) throw new AppError('FREEZE_RENEWAL_OUT_OF_TERM', { endOn: f.endOn });
    const endOn = termEnd(addDays(f.endOn, 1), months);
    await tx.update(freezes).set({ endOn }).where(eq(freezes.id, f.id));
    await audit(tx, ctx.clock.now(), meta, { actor, action: 'registry.freeze_renewed', objectType: 'freeze', objectId: f.id, details: { previousEndOn: f.endOn, endOn, months, on } });
    return { endOn };
  });
}

/** Ends the freezes whose term is over by `asOf`; run daily. */
export async function expireFreezes(ctx: AppContext, asOf: string): Promise<number> {
  const due = await ctx.db
    .select({ id: freezes.id, endOn: freezes.endOn })
    .from(freezes)
    .where(and(eq(freezes.status, 'active'), lt(freezes.endOn, asOf)));
  for (const f of due) {
    await ctx.db.transaction(async (tx) => {
      const now = ctx.clock.now();
      await endFreeze(tx, f.id, asOf, 'expired', now);
      await audit(tx, now, {}, { actor: { kind: 'system' }, action: 'registry.freeze_expired', objectType: 'freeze', objectId: f.id });
    });
  }
  return due.length;
}

export interface PledgeOrder extends Position {
  pledgee: string;
  contractNumber: string;
  quantity: bigint;
  on: string;
}

export async function registerPledge(ctx: AppContext, meta: RequestMeta, actor: Actor, order: PledgeOrder, replaces?: string) {
  if (order.quantity <= 0n) throw new AppError('VALIDATION_FAILED', { field: 'quantity' });
  const run = async (tx: Executor) => {
    const now = ctx.clock.now();
    const position = await lockPosition(tx, order, 'PLEDGE_INSUFFICIENT');
    if (unencumbered(position) < order.quantity) throw new AppError('PLEDGE_INSUFFICIENT');
    const id = randomUUID();
    await tx.insert(pledges).values({
      id,
      holderId: position.holderId,
      accountNumber: order.accountNumber,
      securityId: order.securityId,
      pledgee: order.pledgee,
      contractNumber: order.contractNumber,
      quantity: order.quantity,
      status: 'active',
      registeredOn: order.on,
      replacesPledgeId: replaces ?? null,
      createdAt: now,
    });
    await applyChanges(tx, `pledge:${id}`, now, [change(position, 'pledge', 'pledged', order.quantity, order.on, order.contractNumber)]);
    await audit(tx, now, meta, { actor, action: 'registry.pledged', objectType: 'pledge', objectId: id, details: { quantity: order.quantity.toString() } });
    return id;
  };
  return ctx.db.transaction(run);
}

/**
 * Releases a pledge: in full (by the pledgee alone), or in part (by both
 * parties), when the remainder is registered as a new pledge.
 */
export async function releasePledge(ctx: AppContext, meta: RequestMeta, actor: Actor, pledgeId: string, on: string, quantity?: bigint) {
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const [p] = await tx
      .select()
      .from(pledges)
      .where(and(eq(pledges.id, pledgeId), eq(pledges.status, 'active')))
      .for('update');
    if (!p) throw new AppError('PLEDGE_NOT_FOUND');
    const released = quantity ?? p.quantity;
    if (released <= 0n || released > p.quantity) throw new AppError('PLEDGE_RELEASE_TOO_LARGE');
    await tx.update(pledges).set({ status: 'released', releasedOn: on }).where(eq(pledges.id, p.id));
    const position = await lockPosition(tx, p);
    // The whole pledge is released, and what remains is pledged again under a new registration.
    await applyChanges(tx, `pledge:${p.id}:released`, now, [change(position, 'pledge_release', 'pledged', -p.quantity, on, p.contractNumber)]);
    let remainderId: string | null = null;
    if (released < p.quantity) {
      remainderId = randomUUID();
      await tx.insert(pledges).values({ ...p, id: remainderId, quantity: p.quantity - released, registeredOn: on, replacesPledgeId: p.id, createdAt: now, status: 'active', releasedOn: null });
      const relocked = await lockPosition(tx, p);
      await applyChanges(tx, `pledge:${remainderId}`, now, [change(relocked, 'pledge', 'pledged', p.quantity - released, on, p.contractNumber)]);
    }
    await audit(tx, now, meta, { actor, action: 'registry.pledge_released', objectType: 'pledge', objectId: p.id, details: { released: released.toString(), remainderId } });
    return { remainderId };
  });
}
