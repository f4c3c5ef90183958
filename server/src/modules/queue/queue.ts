import { randomInt } from 'node:crypto';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { Executor } from '../../platform/db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { audit, type Actor, type RequestMeta } from '../../platform/audit/audit.ts';
import { beijingDate } from '../../kernel/time.ts';
import { nextTicket, waitingBefore, type WaitingTicket } from './scheduler.ts';
import { queueCounters, queueLines, queueNumberCounters, queueTickets, type LineCategory } from './schema.ts';
import { announceLineChange } from './signals.ts';
import './errors.ts';

export type TicketKind = 'walk_in' | 'appointment';
export type TicketStatus = 'waiting' | 'called' | 'served' | 'absent';
type Line = typeof queueLines.$inferSelect;
type TicketRow = typeof queueTickets.$inferSelect;

/** Creates the line, or brings its name and categories up to date; the calling module owns what they are. */
export async function defineLine(ctx: AppContext, ex: Executor, line: { key: string; name: string; categories: LineCategory[] }): Promise<string> {
  const [row] = await ex
    .insert(queueLines)
    .values({ id: crypto.randomUUID(), key: line.key, name: line.name, categories: line.categories, createdAt: ctx.clock.now() })
    .onConflictDoUpdate({ target: queueLines.key, set: { name: line.name, categories: line.categories } })
    .returning({ id: queueLines.id });
  return row!.id;
}

async function lineByKey(ex: Executor, key: string, lock = false): Promise<Line> {
  const query = ex.select().from(queueLines).where(eq(queueLines.key, key));
  const [line] = lock ? await query.for('update') : await query;
  if (!line) throw new AppError('QUEUE_LINE_NOT_FOUND');
  return line;
}

function categoryOf(line: Line, code: string): LineCategory {
  const category = line.categories.find((c) => c.code === code);
  if (!category) throw new AppError('QUEUE_CATEGORY_UNKNOWN', { category: code });
  return category;
}

const asWaiting = (t: TicketRow): WaitingTicket => ({ id: t.id, seq: t.seq, category: t.category, kind: t.kind as TicketKind, windowStarts: t.windowStarts, windowEnds: t.windowEnds, queuedAt: t.queuedAt });

/** The tickets of the day still waiting in a line. */
export async function waitingTickets(ex: Executor, lineId: string, day: string): Promise<TicketRow[]> {
  return ex
    .select()
    .from(queueTickets)
    .where(and(eq(queueTickets.lineId, lineId), eq(queueTickets.day, day), eq(queueTickets.status, 'waiting')))
    .orderBy(asc(queueTickets.seq));
}

/** A six-digit queue code not yet given out in the line today. */
const newQueueCode = () => String(randomInt(0, 1_000_000)).padStart(6, '0');

async function nextNumber(ex: Executor, lineId: string, day: string, prefix: string): Promise<string> {
  const [counter] = await ex
    .insert(queueNumberCounters)
    .values({ lineId, day, prefix, last: 1 })
    .onConflictDoUpdate({ target: [queueNumberCounters.lineId, queueNumberCounters.day, queueNumberCounters.prefix], set: { last: sql`${queueNumberCounters.last} + 1` } })
    .returning({ last: queueNumberCounters.last });
  return `${prefix}${String(counter!.last).padStart(3, '0')}`;
}

export interface IssueTicket {
  lineKey: string;
  category: string;
  kind: TicketKind;
  /** an appointment's period: within it the holder is called before walk-ins */
  window?: { starts: Date; ends: Date };
  reference?: string;
}

export interface IssuedTicket {
  /** the line's id: a caller that issued within its own transaction announces the change with it after commit */
  lineId: string;
  ticketId: string;
  number: string;
  code: string;
  category: string;
  categoryName: string;
  categoryNameEn: string;
  waitingBefore: number;
}

/** 取号: a queue number and queue code in the line, for a category. Runs in the caller's transaction when given one. */
export async function issueTicket(ctx: AppContext, input: IssueTicket, ex?: Executor): Promise<IssuedTicket> {
  const work = async (tx: Executor) => {
    const line = await lineByKey(tx, input.lineKey);
    const category = categoryOf(line, input.category);
    const now = ctx.clock.now();
    const day = beijingDate(now);
    const number = await nextNumber(tx, line.id, day, category.prefix);
    for (;;) {
      const code = newQueueCode();
      const [row] = await tx
        .insert(queueTickets)
        .values({
          id: crypto.randomUUID(),
          lineId: line.id,
          day,
          category: category.code,
          categoryName: category.name,
          number,
          code,
          kind: input.kind,
          windowStarts: input.window?.starts ?? null,
          windowEnds: input.window?.ends ?? null,
          reference: input.reference ?? null,
          status: 'waiting',
          queuedAt: now,
        })
        .onConflictDoNothing()
        .returning();
      if (!row) continue;
      const ahead = waitingBefore((await waitingTickets(tx, line.id, day)).map(asWaiting), now).get(row.id) ?? 0;
      return { lineId: line.id, ticket: { lineId: line.id, ticketId: row.id, number, code, category: category.code, categoryName: category.name, categoryNameEn: category.nameEn, waitingBefore: ahead } };
    }
  };
  if (ex) return (await work(ex)).ticket;
  const { lineId, ticket } = await ctx.db.transaction(work);
  await announceLineChange(ctx, lineId);
  return ticket;
}

export interface TicketProgress {
  number: string;
  category: string;
  categoryName: string;
  categoryNameEn: string;
  status: TicketStatus;
  /** 目前等待人数: waiting tickets of the category called before this one; 0 once called */
  waitingBefore: number;
  counter: string | null;
}

/** 排号进度查询: a ticket of the day by its queue code. */
export async function ticketProgress(ctx: AppContext, lineKey: string, code: string): Promise<TicketProgress & { lineId: string; ticketId: string }> {
  const line = await lineByKey(ctx.db, lineKey);
  const day = beijingDate(ctx.clock.now());
  const [ticket] = await ctx.db
    .select()
    .from(queueTickets)
    .where(and(eq(queueTickets.lineId, line.id), eq(queueTickets.day, day), eq(queueTickets.code, code)));
  if (!ticket) throw new AppError('QUEUE_TICKET_NOT_FOUND');
  const snapshot = await lineSnapshot(ctx, line.id);
  return { lineId: line.id, ticketId: ticket.id, ...progressIn(snapshot, ticket, line) };
}

/** The state of a line at one instant, from which every ticket's progress is read without another query. */
export interface LineSnapshot {
  ahead: Map<string, number>;
  tickets: Map<string, TicketRow>;
  line: Line;
}

export async function lineSnapshot(ctx: AppContext, lineId: string): Promise<LineSnapshot> {
  const now = ctx.clock.now();
  const day = beijingDate(now);
  const [line] = await ctx.db.select().from(queueLines).where(eq(queueLines.id, lineId));
  if (!line) throw new AppError('QUEUE_LINE_NOT_FOUND');
  const today = await ctx.db
    .select()
    .from(queueTickets)
    .where(and(eq(queueTickets.lineId, lineId), eq(queueTickets.day, day)));
  const ahead = waitingBefore(today.filter((t) => t.status === 'waiting').map(asWaiting), now);
  return { ahead, tickets: new Map(today.map((t) => [t.id, t])), line };
}

export function progressIn(snapshot: LineSnapshot, ticket: TicketRow, line: Line = snapshot.line): TicketProgress {
  const current = snapshot.tickets.get(ticket.id) ?? ticket;
  const category = line.categories.find((c) => c.code === current.category);
  return {
    number: current.number,
    category: current.category,
    categoryName: category?.name ?? current.categoryName,
    categoryNameEn: category?.nameEn ?? current.category,
    status: current.status as TicketStatus,
    waitingBefore: snapshot.ahead.get(current.id) ?? 0,
    counter: current.counter,
  };
}

// --- the clerk's counter ------------------------------------------------------------------------

export interface CounterRef {
  lineKey: string;
  counter: string;
}

/** 开启窗口: the counter serves these categories, signed in as this clerk. */
export async function openCounter(ctx: AppContext, meta: RequestMeta, actor: Actor, ref: CounterRef, categories: string[]) {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const line = await lineByKey(tx, ref.lineKey);
    for (const code of categories) categoryOf(line, code);
    await tx
      .insert(queueCounters)
      .values({ lineId: line.id, name: ref.counter, categories, staffUserId: actor.id ?? null, openedAt: now })
      .onConflictDoUpdate({ target: [queueCounters.lineId, queueCounters.name], set: { categories, staffUserId: actor.id ?? null, openedAt: now } });
    await audit(tx, now, meta, { actor, action: 'queue.counter_opened', objectType: 'queue_line', objectId: line.id, details: { counter: ref.counter, categories } });
    return counterView(tx, line, ref.counter);
  });
}

async function counterView(ex: Executor, line: Line, name: string) {
  const [counter] = await ex
    .select()
    .from(queueCounters)
    .where(and(eq(queueCounters.lineId, line.id), eq(queueCounters.name, name)));
  if (!counter?.openedAt) throw new AppError('QUEUE_COUNTER_NOT_OPEN');
  const [current] = counter.currentTicketId ? await ex.select().from(queueTickets).where(eq(queueTickets.id, counter.currentTicketId)) : [];
  return {
    counter: counter.name,
    categories: counter.categories,
    current: current
      ? {
          ticketId: current.id,
          number: current.number,
          category: current.category,
          categoryName: current.categoryName,
          status: current.status as TicketStatus,
          kind: current.kind as TicketKind,
          callCount: current.callCount,
        }
      : null,
  };
}

export type CounterView = Awaited<ReturnType<typeof counterView>>;

/** The counter's state, for the console. */
export async function counterState(ctx: AppContext, ref: CounterRef): Promise<CounterView> {
  return counterView(ctx.db, await lineByKey(ctx.db, ref.lineKey), ref.counter);
}

/**
 * A change at a counter: the line row is locked for its length, so two clerks never take the same ticket and
 * the scheduler sees the waiting list as it is (in every process); then every process's pages hear of it.
 */
async function atCounter<T>(ctx: AppContext, ref: CounterRef, change: (tx: Executor, line: Line, counter: typeof queueCounters.$inferSelect, now: Date) => Promise<T>) {
  const { lineId, result } = await ctx.db.transaction(async (tx) => {
    const line = await lineByKey(tx, ref.lineKey, true);
    const [counter] = await tx
      .select()
      .from(queueCounters)
      .where(and(eq(queueCounters.lineId, line.id), eq(queueCounters.name, ref.counter)));
    if (!counter?.openedAt) throw new AppError('QUEUE_COUNTER_NOT_OPEN');
    const result = await change(tx, line, counter, ctx.clock.now());
    return { lineId: line.id, result: { result, view: await counterView(tx, line, ref.counter) } };
  });
  await announceLineChange(ctx, lineId);
  return result.view;
}

async function currentTicket(tx: Executor, counter: typeof queueCounters.$inferSelect): Promise<TicketRow | undefined> {
  if (!counter.currentTicketId) return undefined;
  const [ticket] = await tx.select().from(queueTickets).where(eq(queueTickets.id, counter.currentTicketId));
  return ticket?.status === 'called' ? ticket : undefined;
}

/** 叫号: the scheduler's next ticket for the counter's categories. */
export async function callNext(ctx: AppContext, meta: RequestMeta, actor: Actor, ref: CounterRef): Promise<CounterView> {
  return atCounter(ctx, ref, async (tx, line, counter, now) => {
    if (await currentTicket(tx, counter)) throw new AppError('QUEUE_COUNTER_BUSY');
    const waiting = await waitingTickets(tx, line.id, beijingDate(now));
    const next = nextTicket(waiting.map(asWaiting), counter.categories, now);
    if (!next) throw new AppError('QUEUE_NOBODY_WAITING');
    await tx
      .update(queueTickets)
      .set({ status: 'called', counter: counter.name, calledAt: now, callCount: sql`${queueTickets.callCount} + 1` })
      .where(and(eq(queueTickets.id, next.id), eq(queueTickets.status, 'waiting')));
    await tx
      .update(queueCounters)
      .set({ currentTicketId: next.id })
      .where(and(eq(queueCounters.lineId, line.id), eq(queueCounters.name, counter.name)));
    await audit(tx, now, meta, { actor, action: 'queue.called', objectType: 'queue_ticket', objectId: next.id, details: { counter: counter.name } });
  });
}

/** 重呼: the number being served is called again. */
export async function recall(ctx: AppContext, meta: RequestMeta, actor: Actor, ref: CounterRef): Promise<CounterView> {
  return atCounter(ctx, ref, async (tx, _line, counter, now) => {
    const ticket = await currentTicket(tx, counter);
    if (!ticket) throw new AppError('QUEUE_NO_CURRENT_TICKET');
    await tx
      .update(queueTickets)
      .set({ calledAt: now, callCount: sql`${queueTickets.callCount} + 1` })
      .where(eq(queueTickets.id, ticket.id));
    await audit(tx, now, meta, { actor, action: 'queue.recalled', objectType: 'queue_ticket', objectId: ticket.id, details: { counter: counter.name } });
  });
}

/** What a module that issued tickets with a `reference` learns when one is finished, in the same transaction. */
export type TicketFinished = (tx: Executor, ticket: { reference: string; outcome: 'served' | 'absent'; at: Date }) => Promise<void>;

const finishedHooks = new Map<string, TicketFinished>();

/** A later module (appointments) follows its tickets: called, by name once, for every finished ticket carrying a reference. */
export function onTicketFinished(name: string, hook: TicketFinished): void {
  finishedHooks.set(name, hook);
}

/** 已办理 / 未到: the number being served is finished. */
export async function finishCurrent(ctx: AppContext, meta: RequestMeta, actor: Actor, ref: CounterRef, outcome: 'served' | 'absent'): Promise<CounterView> {
  return atCounter(ctx, ref, async (tx, line, counter, now) => {
    const ticket = await currentTicket(tx, counter);
    if (!ticket) throw new AppError('QUEUE_NO_CURRENT_TICKET');
    await tx.update(queueTickets).set({ status: outcome, finishedAt: now }).where(eq(queueTickets.id, ticket.id));
    if (ticket.reference) for (const hook of finishedHooks.values()) await hook(tx, { reference: ticket.reference, outcome, at: now });
    await tx
      .update(queueCounters)
      .set({ currentTicketId: null })
      .where(and(eq(queueCounters.lineId, line.id), eq(queueCounters.name, counter.name)));
    await audit(tx, now, meta, { actor, action: `queue.${outcome}`, objectType: 'queue_ticket', objectId: ticket.id, details: { counter: counter.name } });
  });
}

/** 转移业务类别: the number being served waits again, in another category, keeping its place by arrival. */
export async function transferCurrent(ctx: AppContext, meta: RequestMeta, actor: Actor, ref: CounterRef, categoryCode: string): Promise<CounterView> {
  return atCounter(ctx, ref, async (tx, line, counter, now) => {
    const ticket = await currentTicket(tx, counter);
    if (!ticket) throw new AppError('QUEUE_NO_CURRENT_TICKET');
    const category = categoryOf(line, categoryCode);
    await tx.update(queueTickets).set({ status: 'waiting', category: category.code, categoryName: category.name, counter: null }).where(eq(queueTickets.id, ticket.id));
    await tx
      .update(queueCounters)
      .set({ currentTicketId: null })
      .where(and(eq(queueCounters.lineId, line.id), eq(queueCounters.name, counter.name)));
    await audit(tx, now, meta, { actor, action: 'queue.transferred', objectType: 'queue_ticket', objectId: ticket.id, details: { counter: counter.name, from: ticket.category, to: category.code } });
  });
}

/** The hall display: each counter and the number it called last, and how many wait per category. */
export async function lineBoard(ctx: AppContext, lineKey: string) {
  const line = await lineByKey(ctx.db, lineKey);
  const day = beijingDate(ctx.clock.now());
  const counters = await ctx.db.select().from(queueCounters).where(eq(queueCounters.lineId, line.id)).orderBy(asc(queueCounters.name));
  const currentIds = counters.map((c) => c.currentTicketId).filter((id): id is string => id !== null);
  const current = currentIds.length ? await ctx.db.select().from(queueTickets).where(inArray(queueTickets.id, currentIds)) : [];
  const waiting = await waitingTickets(ctx.db, line.id, day);
  return {
    lineId: line.id,
    name: line.name,
    counters: counters
      .filter((c) => c.openedAt)
      .map((c) => {
        const ticket = current.find((t) => t.id === c.currentTicketId && t.status === 'called');
        return { counter: c.name, number: ticket?.number ?? null, calledAt: ticket?.calledAt?.toISOString() ?? null };
      }),
    waiting: line.categories.map((c) => ({ category: c.code, categoryName: c.name, waiting: waiting.filter((t) => t.category === c.code).length })),
  };
}
