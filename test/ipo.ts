import { Readable } from 'node:stream';
import type { AppContext } from '../server/src/context.ts';
import type { Database } from '../server/src/platform/db/client.ts';
import { eventImports, importEventBatch } from '../server/src/modules/registry/index.ts';
import { addDays } from '../server/src/kernel/dates.ts';
import { aSecurity, issue } from './registry.ts';

/**
 * A subscription quota for test investors: one security per market, priced 10.00 on
 * every weekday of 2026-06-01 … 2026-12-31 (one closing-price file per market, once per
 * database), held from 2024. Holding S shares throughout then gives a quota of S
 * (10 × S yuan a day: S / 1,000 steps of 10,000 on the Shanghai main board, S / 500
 * steps of 5,000 elsewhere) for any subscription day in 2026-07 … 2026-12.
 */
export const PRICED_FROM = '2026-06-01';
export const PRICED_TO = '2026-12-31';

const bases = new WeakMap<Database, Map<string, Promise<{ code: string; market: string }>>>();

export function weekdays(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) if (![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay())) days.push(d);
  return days;
}

function priceBasis(ctx: AppContext, market: 'SH' | 'SZ') {
  const perDb = bases.get(ctx.database) ?? new Map<string, Promise<{ code: string; market: string }>>();
  bases.set(ctx.database, perDb);
  let basis = perDb.get(market);
  if (!basis) {
    basis = (async () => {
      const security = await aSecurity(ctx, { market, code: market === 'SH' ? '600900' : '000900', name: `额度基准${market}` });
      const file = [eventImports['closing-prices'].columns.join(','), ...weekdays(PRICED_FROM, PRICED_TO).map((d) => `${market},${d},${security.code},10.00`)].join('\n');
      await importEventBatch(ctx, { requestId: 'test' }, { kind: 'system' }, 'closing-prices', { batchId: `TEST-PRICES-${market}`, stream: Readable.from([file]) });
      return security;
    })();
    perDb.set(market, basis);
  }
  return basis;
}

/** Gives an account `shares` of its market's priced security since 2024: a quota of that many shares (see above). */
export async function giveQuota(ctx: AppContext, market: 'SH' | 'SZ', accountNumber: string, shares: bigint): Promise<void> {
  await issue(ctx, await priceBasis(ctx, market), accountNumber, shares);
}
