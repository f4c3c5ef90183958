import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callingOrder, inWindow, nextTicket, waitingBefore, type WaitingTicket } from './scheduler.ts';

const at = (minute: number) => new Date(Date.UTC(2026, 11, 7, 1, minute));

const walkIn = (id: string, seq: number, minute: number, category = 'account'): WaitingTicket => ({ id, seq, category, kind: 'walk_in', windowStarts: null, windowEnds: null, queuedAt: at(minute) });
const holder = (id: string, seq: number, minute: number, window: [number, number], category = 'account'): WaitingTicket => ({
  id,
  seq,
  category,
  kind: 'appointment',
  windowStarts: at(window[0]),
  windowEnds: at(window[1]),
  queuedAt: at(minute),
});

describe('the queue scheduler', () => {
  it('calls an appointment holder in their period before earlier walk-ins', () => {
    const tickets = [walkIn('w1', 1, 0), walkIn('w2', 2, 1), holder('h1', 3, 2, [0, 60])];
    expect(nextTicket(tickets, ['account'], at(5))?.id).toBe('h1');
    expect(waitingBefore(tickets, at(5))).toEqual(
      new Map([
        ['h1', 0],
        ['w1', 1],
        ['w2', 2],
      ]),
    );
  });

  it('queues a holder early or late for their period by arrival, like a walk-in', () => {
    const early = [walkIn('w1', 1, 0), holder('h1', 2, 1, [30, 60])];
    expect(nextTicket(early, ['account'], at(5))?.id).toBe('w1');
    expect(nextTicket(early, ['account'], at(30))?.id).toBe('h1');
    expect(inWindow(early[1]!, at(60))).toBe(false);
    expect(nextTicket(early, ['account'], at(60))?.id).toBe('w1');
  });

  it('calls only the categories the counter serves', () => {
    const tickets = [walkIn('w1', 1, 0, 'pledge'), walkIn('w2', 2, 1, 'account')];
    expect(nextTicket(tickets, ['account'], at(5))?.id).toBe('w2');
    expect(nextTicket(tickets, ['query'], at(5))).toBeUndefined();
  });

  const ticketArb = fc.record({
    category: fc.constantFrom('account', 'query', 'pledge'),
    holder: fc.boolean(),
    arrival: fc.integer({ min: 0, max: 240 }),
    windowStart: fc.integer({ min: 0, max: 240 }),
  });

  it('property: draining the line at a fixed instant calls everyone once, holders in their period before walk-ins, in the order the waiting counts told', () => {
    fc.assert(
      fc.property(
        fc.array(ticketArb, { maxLength: 40 }),
        fc.integer({ min: 0, max: 300 }),
        fc.array(fc.subarray(['account', 'query', 'pledge'], { minLength: 1 }), { minLength: 1, maxLength: 4 }),
        (specs, nowMinute, counters) => {
          const now = at(nowMinute);
          const tickets = specs.map((s, i) => (s.holder ? holder(`t${i}`, i, s.arrival, [s.windowStart, s.windowStart + 60], s.category) : walkIn(`t${i}`, i, s.arrival, s.category)));
          const told = waitingBefore(tickets, now);
          let waiting = [...tickets];
          const called: WaitingTicket[] = [];
          const calledPerCategory = new Map<string, number>();
          // Counters take turns; a counter with nobody of its categories waiting passes.
          for (let turn = 0; waiting.length > 0; turn += 1) {
            const served = counters[turn % counters.length]!;
            const next = nextTicket(waiting, served, now);
            if (!next) {
              if (counters.every((c) => !nextTicket(waiting, c, now))) break;
              continue;
            }
            // What the page showed: exactly as many of its category were called before it.
            expect(told.get(next.id)).toBe(calledPerCategory.get(next.category) ?? 0);
            calledPerCategory.set(next.category, (calledPerCategory.get(next.category) ?? 0) + 1);
            called.push(next);
            waiting = waiting.filter((t) => t.id !== next.id);
            // Nobody still waiting in the counter's categories should have gone first.
            for (const other of waiting.filter((t) => served.includes(t.category))) {
              if (inWindow(other, now)) expect(inWindow(next, now)).toBe(true);
            }
          }
          // Nobody called twice; everyone of a served category called.
          expect(new Set(called.map((t) => t.id)).size).toBe(called.length);
          const servedCategories = new Set(counters.flat());
          expect(called.length).toBe(tickets.filter((t) => servedCategories.has(t.category)).length);
          // Within a category, holders in their period all come before anyone else.
          for (const category of servedCategories) {
            const order = called.filter((t) => t.category === category).map((t) => inWindow(t, now));
            expect(order).toEqual([...order].sort((a, b) => Number(b) - Number(a)));
          }
          expect(callingOrder(tickets, now)).toHaveLength(tickets.length);
        },
      ),
      { numRuns: 300 },
    );
  });
});
