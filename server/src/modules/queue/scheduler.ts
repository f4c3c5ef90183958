/**
 * The one scheduler: who is called next, and how many wait before a ticket. Pure, so the
 * calling service, the live counts and the property test share it (decision 0041).
 *
 * Order at an instant `now`:
 * 1. appointment holders checked in whose period is running (windowStarts <= now < windowEnds),
 *    by the start of their period, then arrival;
 * 2. everyone else (walk-ins, and holders early or late for their period) by arrival.
 * Arrival is `queuedAt`, then `seq`.
 */
export interface WaitingTicket {
  id: string;
  seq: number;
  category: string;
  kind: 'walk_in' | 'appointment';
  windowStarts: Date | null;
  windowEnds: Date | null;
  queuedAt: Date;
}

export function inWindow(ticket: WaitingTicket, now: Date): boolean {
  if (ticket.kind !== 'appointment' || !ticket.windowStarts || !ticket.windowEnds) return false;
  return ticket.windowStarts.getTime() <= now.getTime() && now.getTime() < ticket.windowEnds.getTime();
}

/** Negative when `a` is called before `b`. */
export function compareTickets(a: WaitingTicket, b: WaitingTicket, now: Date): number {
  const aFirst = inWindow(a, now);
  const bFirst = inWindow(b, now);
  if (aFirst !== bFirst) return aFirst ? -1 : 1;
  if (aFirst && bFirst) {
    const byPeriod = a.windowStarts!.getTime() - b.windowStarts!.getTime();
    if (byPeriod !== 0) return byPeriod;
  }
  return a.queuedAt.getTime() - b.queuedAt.getTime() || a.seq - b.seq;
}

/** The waiting tickets in calling order. */
export function callingOrder<T extends WaitingTicket>(waiting: readonly T[], now: Date): T[] {
  return [...waiting].sort((a, b) => compareTickets(a, b, now));
}

/** The ticket a counter serving `categories` calls next, if anyone waits. */
export function nextTicket<T extends WaitingTicket>(waiting: readonly T[], categories: readonly string[], now: Date): T | undefined {
  const served = new Set(categories);
  return callingOrder(
    waiting.filter((t) => served.has(t.category)),
    now,
  )[0];
}

/** How many of the same category are called before each waiting ticket (目前等待人数), by ticket id. */
export function waitingBefore(waiting: readonly WaitingTicket[], now: Date): Map<string, number> {
  const ahead = new Map<string, number>();
  const perCategory = new Map<string, number>();
  for (const ticket of callingOrder(waiting, now)) {
    const count = perCategory.get(ticket.category) ?? 0;
    ahead.set(ticket.id, count);
    perCategory.set(ticket.category, count + 1);
  }
  return ahead;
}
