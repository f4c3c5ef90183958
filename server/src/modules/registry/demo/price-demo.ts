import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../../context.ts';
import { rows } from '../../../platform/db/client.ts';
import { addDays } from '../../../kernel/dates.ts';
import { eventImports, importEventBatch } from '../events/index.ts';

/**
 * Demo closing prices (收盘价): for the weekdays before a subscription day, a price
 * for every listed A-share and CDR of the market registered then, through the same
 * import as a real price file, so the demo IPOs have quotas. Each price is a fixed
 * function of the code and the day (a base of 5 to 55 yuan, swinging ±8 %), so two
 * windows agree wherever they meet. Market-days already imported are left as they are.
 */

/** Weekdays priced before the subscription day: T−1, the 20 of the window, and a few before it. */
const DAYS_BEFORE = 25;

const hash = (text: string) => [...text].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16_777_619) >>> 0, 2_166_136_261);

/** The demo price of a security on a day, in yuan with two places (computed in whole fen). */
export function demoClosingPrice(code: string, day: string): string {
  const h = hash(code);
  const baseFen = 500 + (h % 5000);
  const swing = 1 + 0.08 * Math.sin(Date.parse(`${day}T00:00:00Z`) / 86_400_000 / 9 + (h % 7));
  const fen = Math.max(1, Math.round(baseFen * swing));
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

function weekdaysBefore(day: string, count: number): string[] {
  const days: string[] = [];
  for (let d = addDays(day, -1); days.length < count; d = addDays(d, -1)) if (![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay())) days.unshift(d);
  return days;
}

/** Imports the demo prices of one market for the weekdays before `before`; returns the lines written. */
export async function seedClosingPriceDemo(ctx: AppContext, input: { market: 'SH' | 'SZ'; before: string }): Promise<number> {
  const wanted = weekdaysBefore(input.before, DAYS_BEFORE);
  const taken = new Set(
    (await rows<{ day: string }>(ctx.db, sql`select trading_day::text as day from closing_price_days where market = ${input.market} and trading_day between ${wanted[0]!}::date and ${wanted.at(-1)!}::date`)).map(
      (r) => r.day,
    ),
  );
  const days = wanted.filter((d) => !taken.has(d));
  const codes = (await rows<{ code: string }>(ctx.db, sql`select code from securities where market = ${input.market} and class in ('A', 'CDR') and status <> 'delisted' order by code`)).map((r) => r.code);
  if (!days.length || !codes.length) return 0;
  const lines = days.flatMap((d) => codes.map((c) => `${input.market},${d},${c},${demoClosingPrice(c, d)}`));
  const file = [eventImports['closing-prices'].columns.join(','), ...lines].join('\n');
  const result = await importEventBatch(ctx, { requestId: 'seed' }, { kind: 'system', id: 'demo-seed' }, 'closing-prices', {
    batchId: `DEMO-PRICES-${input.market}-${days[0]}-${days.at(-1)}`,
    stream: Readable.from([file]),
  });
  return result.rows;
}
