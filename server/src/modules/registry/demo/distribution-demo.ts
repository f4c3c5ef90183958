import { count } from 'drizzle-orm';
import type { AppContext } from '../../../context.ts';
import { DEMO_HISTORY } from './demo.ts';
import { createDistribution, distributions, runDistribution } from '../events/index.ts';
import { computeDividendTax } from '../tax/index.ts';
import { beijingDate } from '../../../kernel/time.ts';

/**
 * Demo distributions on the demo registry, through the same services staff use:
 * two cash dividends with record dates inside the demo history (individual
 * holders who sold within a month or within a year of buying then owe
 * differentiated dividend tax, so the investor hall has records to show), and
 * a bonus issue (10转增3 派0.50) with its record date on the last day of the
 * history and its new shares listed the next Monday. Computing entitlements
 * waits for the record date to end, by the clock, as it would for staff.
 */
export const DEMO_DISTRIBUTIONS = [
  { market: 'SH', code: '601555', recordOn: '2025-06-20', payOn: '2025-06-23', cashPer10: '2.80' },
  { market: 'SZ', code: '000417', recordOn: '2026-05-15', payOn: '2026-05-18', cashPer10: '1.20' },
  { market: 'SH', code: '601238', recordOn: DEMO_HISTORY.to, payOn: '2026-11-23', cashPer10: '0.50', capitalisationPer10: '3' },
] as const;

export interface DistributionDemoSummary {
  distributions: number;
  completed: number;
  taxRecords: number;
}

/** Adds the demo distributions once (nothing when any distribution exists) and computes the dividend tax records. */
export async function seedDistributionDemo(ctx: AppContext): Promise<DistributionDemoSummary | null> {
  const [existing] = await ctx.db.select({ n: count() }).from(distributions);
  if (Number(existing?.n ?? 0) > 0) return null;
  const meta = { requestId: 'seed' };
  const actor = { kind: 'system' as const, id: 'demo-seed' };
  const today = beijingDate(ctx.clock.now());
  let completed = 0;
  for (const d of DEMO_DISTRIBUTIONS) {
    const id = await createDistribution(ctx, meta, actor, d);
    if (d.recordOn < today) {
      await runDistribution(ctx, meta, actor, id);
      completed++;
    }
  }
  const tax = await computeDividendTax(ctx, meta, actor);
  return { distributions: DEMO_DISTRIBUTIONS.length, completed, taxRecords: tax.records };
}
