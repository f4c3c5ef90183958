import { addDays, termEnd } from '../../../kernel/dates.ts';

/**
 * The rule on abandoned subscriptions (DOMAIN.md): abandoning `count` times
 * within `windowMonths` consecutive months bars online subscription for
 * `barDays` calendar days (6 months counted as 180 days), starting the day
 * after the last of them was reported. The
 * caller passes the abandonments that count together (one holder; one market,
 * or all markets when the bar is not per market; ordinary and credit accounts
 * together), each account and issue once. Pure: no I/O.
 *
 * "Within 12 consecutive months" is the period of DOMAIN's dates: from day D to
 * the day before D of the twelfth month after (2025-01-10 … 2026-01-09). Once
 * abandonments have barred the investor they are spent: counting starts again
 * with the next one (unsure: the rules do not say; this never bars twice for
 * the same abandonments).
 */

export interface AbandonmentRuleSettings {
  count: number;
  windowMonths: number;
  barDays: number;
}

export interface CountedAbandonment {
  reportedOn: string;
}

export interface Bar<A extends CountedAbandonment> {
  startOn: string;
  endOn: string;
  abandonments: A[];
}

export function bars<A extends CountedAbandonment>(abandonments: readonly A[], rule: AbandonmentRuleSettings): Bar<A>[] {
  const ordered = [...abandonments].sort((a, b) => a.reportedOn.localeCompare(b.reportedOn));
  const found: Bar<A>[] = [];
  let pending: A[] = [];
  for (const abandonment of ordered) {
    pending.push(abandonment);
    // Only abandonments within the window that ends with this one can count with it.
    pending = pending.filter((p) => termEnd(p.reportedOn, rule.windowMonths) >= abandonment.reportedOn);
    if (pending.length >= rule.count) {
      const startOn = addDays(abandonment.reportedOn, 1);
      found.push({ startOn, endOn: addDays(startOn, rule.barDays - 1), abandonments: pending });
      pending = [];
    }
  }
  return found;
}

/** The bar in force on a date, if any. */
export function barOn<A extends CountedAbandonment>(found: readonly Bar<A>[], date: string): Bar<A> | null {
  return found.find((b) => b.startOn <= date && date <= b.endOn) ?? null;
}

/** The abandonments that would count towards a bar on this date: those in the window ending that day, not yet spent by a bar. */
export function countingOn<A extends CountedAbandonment>(abandonments: readonly A[], found: readonly Bar<A>[], date: string, rule: AbandonmentRuleSettings): A[] {
  const spent = new Set(found.flatMap((b) => b.abandonments));
  return abandonments.filter((a) => !spent.has(a) && a.reportedOn <= date && termEnd(a.reportedOn, rule.windowMonths) >= date);
}
