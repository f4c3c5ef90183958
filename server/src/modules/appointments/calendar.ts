import { addDays } from '../../kernel/dates.ts';
import { beijingDate, beijingInstant } from '../../kernel/time.ts';

/**
 * The date rules of appointments, pure (hand-computed tests in calendar.test.ts): which days and periods a hall
 * is open, which may still be booked, until when an appointment may be cancelled, and which appointments a
 * change of the hall's schedule or calendar strands.
 */

export interface HallPeriod {
  /** HH:MM, Beijing time */
  starts: string;
  ends: string;
}

export interface HallCategory {
  code: string;
  name: string;
  nameEn: string;
  /** the letter of its queue numbers */
  prefix: string;
  /** places per period */
  capacity: number;
  /** places in particular periods, by the period's start, where they differ */
  capacities?: Record<string, number>;
}

export interface HallSchedule {
  /** ISO weekdays the hall is open: 1 Monday … 7 Sunday */
  openWeekdays: number[];
  periods: HallPeriod[];
  categories: HallCategory[];
}

/** ISO weekday (1 Monday … 7 Sunday) of a calendar day. */
export function weekdayOf(day: string): number {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

export function isOpenDay(schedule: HallSchedule, closedDays: ReadonlySet<string>, day: string): boolean {
  return schedule.openWeekdays.includes(weekdayOf(day)) && !closedDays.has(day);
}

export function periodOf(schedule: HallSchedule, starts: string): HallPeriod | undefined {
  return schedule.periods.find((p) => p.starts === starts);
}

export function categoryOf(schedule: HallSchedule, code: string): HallCategory | undefined {
  return schedule.categories.find((c) => c.code === code);
}

export function capacityOf(category: HallCategory, periodStarts: string): number {
  return category.capacities?.[periodStarts] ?? category.capacity;
}

/** When a period of a day begins and ends. */
export function periodWindow(day: string, period: HallPeriod): { starts: Date; ends: Date } {
  return { starts: beijingInstant(day, `${period.starts}:00`), ends: beijingInstant(day, `${period.ends}:00`) };
}

/** The days that may be booked at `now`: today (Beijing) through `horizonDays` after it. */
export function bookingDays(now: Date, horizonDays: number): string[] {
  const today = beijingDate(now);
  return Array.from({ length: horizonDays + 1 }, (_, i) => addDays(today, i));
}

export type BookingRefusal = 'day_closed' | 'period_unknown' | 'category_unknown' | 'period_started' | 'beyond_horizon';

/**
 * Whether a period of a day may be booked at `now`: the hall open that day, the period and category in its
 * schedule, the period not yet begun (a period of today that has started is over for booking), and the day
 * within the booking horizon. Room is checked apart (capacity).
 */
export function bookingRefusal(schedule: HallSchedule, closedDays: ReadonlySet<string>, day: string, periodStarts: string, category: string, now: Date, horizonDays: number): BookingRefusal | null {
  const period = periodOf(schedule, periodStarts);
  if (!period) return 'period_unknown';
  if (!categoryOf(schedule, category)) return 'category_unknown';
  const today = beijingDate(now);
  if (day > addDays(today, horizonDays)) return 'beyond_horizon';
  if (periodWindow(day, period).starts.getTime() <= now.getTime()) return 'period_started';
  if (!isOpenDay(schedule, closedDays, day)) return 'day_closed';
  return null;
}

/** The last instant an appointment may be cancelled: `cutoffMinutes` before its period begins (excluded). */
export function cancellationDeadline(day: string, periodStarts: string, cutoffMinutes: number): Date {
  return new Date(beijingInstant(day, `${periodStarts}:00`).getTime() - cutoffMinutes * 60_000);
}

export function mayCancel(day: string, periodStarts: string, cutoffMinutes: number, now: Date): boolean {
  return now.getTime() < cancellationDeadline(day, periodStarts, cutoffMinutes).getTime();
}

export interface BookedPeriod {
  day: string;
  periodStarts: string;
  periodEnds: string;
  category: string;
}

export type StrandReason = 'day_closed' | 'period_removed' | 'category_removed';

/** Why an existing appointment can no longer be kept under the hall's new schedule and calendar, if it cannot. */
export function strandedBy(schedule: HallSchedule, closedDays: ReadonlySet<string>, appointment: BookedPeriod): StrandReason | null {
  if (!isOpenDay(schedule, closedDays, appointment.day)) return 'day_closed';
  const period = periodOf(schedule, appointment.periodStarts);
  if (!period || period.ends !== appointment.periodEnds) return 'period_removed';
  if (!categoryOf(schedule, appointment.category)) return 'category_removed';
  return null;
}

/** A schedule a hall can run: periods in order, not overlapping; categories with distinct codes and prefixes. */
export function scheduleProblem(schedule: HallSchedule): string | null {
  if (!schedule.openWeekdays.every((d) => Number.isInteger(d) && d >= 1 && d <= 7)) return 'openWeekdays';
  const periods = [...schedule.periods].sort((a, b) => a.starts.localeCompare(b.starts));
  for (const [i, p] of periods.entries()) {
    if (p.starts >= p.ends) return 'periods';
    if (i > 0 && periods[i - 1]!.ends > p.starts) return 'periods';
  }
  const codes = new Set(schedule.categories.map((c) => c.code));
  const prefixes = new Set(schedule.categories.map((c) => c.prefix));
  if (codes.size !== schedule.categories.length || prefixes.size !== schedule.categories.length) return 'categories';
  return null;
}
