/**
 * Beijing business time (Asia/Shanghai), whatever the server's zone. China has kept UTC+8 all year
 * since 1991 (no daylight saving), so a fixed offset is exact for every instant the platform handles.
 * Trading days come from a calendar table, never from weekdays (DOMAIN.md, "Dates").
 */
const BEIJING_OFFSET_MS = 8 * 3_600_000;

const beijingWallClock = (at: Date) => new Date(at.getTime() + BEIJING_OFFSET_MS);

/** The calendar date in Beijing at an instant, as YYYY-MM-DD. */
export function beijingDate(at: Date): string {
  return beijingWallClock(at).toISOString().slice(0, 10);
}

/** The Beijing wall-clock reading at an instant: its date, minute of the day, and "YYYY-MM-DD HH:MM:SS" as printed on documents. */
export function beijingTime(at: Date): { date: string; minuteOfDay: number; text: string } {
  const local = beijingWallClock(at);
  const iso = local.toISOString();
  return { date: iso.slice(0, 10), minuteOfDay: local.getUTCHours() * 60 + local.getUTCMinutes(), text: `${iso.slice(0, 10)} ${iso.slice(11, 19)}` };
}

/** The instant at which a Beijing wall-clock date and time ("YYYY-MM-DD", "HH:MM[:SS[.fff]]") occurs. */
export function beijingInstant(date: string, time = '00:00:00'): Date {
  return new Date(`${date}T${time}+08:00`);
}

/** "HH:MM" → minutes since midnight. */
export function minutesOfDay(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/** Service hours as "HH:MM" strings, Beijing time; `until` is excluded, and a window may run past midnight (21:00–06:00). */
export interface ServiceHours {
  from: string;
  until: string;
}

/** Whether an instant falls within daily service hours in Beijing. */
export function withinBeijingHours(hours: ServiceHours, at: Date): boolean {
  const minute = beijingTime(at).minuteOfDay;
  const from = minutesOfDay(hours.from);
  const until = minutesOfDay(hours.until);
  return from <= until ? minute >= from && minute < until : minute >= from || minute < until;
}
