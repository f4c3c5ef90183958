/** Calendar arithmetic on ISO dates (YYYY-MM-DD), in whole days, no time zones (DOMAIN.md, "Dates"). */

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function parts(iso: string): [number, number, number] {
  const [y, m, d] = iso.split('-').map(Number);
  return [y!, m!, d!];
}

const iso = (date: Date) => date.toISOString().slice(0, 10);

/** Whether a string is a real calendar date as YYYY-MM-DD (not 2024-02-30), from year 1 on: PostgreSQL has no year 0. */
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value) || value < '0001') return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && iso(date) === value;
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = parts(date);
  return iso(new Date(Date.UTC(y, m - 1, d + days)));
}

const lastDayOfMonth = (year: number, month0: number) => new Date(Date.UTC(year, month0 + 1, 0)).getUTCDate();

/** Day `day` of the month `months` after (year, month0), or that month's last day where it has no such day. */
function dayOfMonthAfter(year: number, month0: number, months: number, day: number): string {
  const target = new Date(Date.UTC(year, month0 + months, 1));
  return iso(new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(day, lastDayOfMonth(target.getUTCFullYear(), target.getUTCMonth())))));
}

/** N months after day D: day D of the target month, or its last day where it has no day D (民法典 art. 203; 01-31 + 1 month = 02-28/29). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = parts(date);
  return dayOfMonthAfter(y, m - 1, months, d);
}

/**
 * The last day of a term of N months that includes its first day `start` — the one term-end rule for freezes, holding periods,
 * the abandonment window and bar, and certificate validity: day D−1 of the month N months later, or that month's last day where
 * it has no day D−1; a term starting on the 1st ends on the last day of the month before. A month is never shorter than the
 * calendar makes it: 01-31 + 1 month ends 02-28 (02-29 in a leap year), 03-31 ends 04-30, 03-01 ends 03-31.
 */
export function termEnd(start: string, months: number): string {
  const [y, m, d] = parts(start);
  if (d === 1) return dayOfMonthAfter(y, m - 1, months - 1, 31);
  return dayOfMonthAfter(y, m - 1, months, d - 1);
}
