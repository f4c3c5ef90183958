/**
 * Display of registry figures. Quantities arrive as decimal strings of whole shares and
 * may exceed what a JavaScript number holds exactly, so they are formatted as text.
 */
import { formatQuantity } from '../../../ui/figures.ts';

/** `1234567` → `1,234,567`; `-5000` → `-5,000`; anything else unchanged (the shared formatter of every portal). */
export const formatShares = formatQuantity;

/** A change of a balance, with its sign: `+1,000`, `-400`, `0`. */
export function formatSignedShares(value: string): string {
  const formatted = formatShares(value);
  return /^[1-9]/.test(formatted) ? `+${formatted}` : formatted;
}

/** Whether a decimal string of shares is below zero. */
export function isNegativeShares(value: string): boolean {
  return /^-\s*0*[1-9]/.test(value.trim());
}

const UNITS = ['B', 'KB', 'MB', 'GB'] as const;

/** File sizes: `512 B`, `1.5 KB`, `2.00 GB`. */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) return `${value} B`;
  return `${value.toFixed(value < 10 ? 2 : 1)} ${UNITS[unit]}`;
}

const shanghaiDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date in Beijing time, `YYYY-MM-DD`. */
export function todayInShanghai(now = new Date()): string {
  return shanghaiDay.format(now);
}

/** The same day one month earlier, plus one day (`2024-05-06` → `2024-04-07`): a month's window ending on `date`. */
export function monthBefore(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(y, m - 1, 0)).getUTCDate();
  const earlier = new Date(Date.UTC(y, m - 2, Math.min(d, lastDay) + 1));
  return earlier.toISOString().slice(0, 10);
}

/** What antd's date pickers hand over (dayjs objects); only their calendar day is used. */
export interface PickedDay {
  format(template: string): string;
}

/** The picked day as `YYYY-MM-DD`, or `fallback` when none was picked. */
export function isoDayOf(picked: PickedDay | null | undefined, fallback: string): string {
  return picked ? picked.format('YYYY-MM-DD') : fallback;
}
