import { beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { describeEachDatabase } from '../../../../test/databases.ts';
import { testContext, type TestContext } from '../../../../test/context.ts';
import { rows } from '../../platform/db/client.ts';
import { seedRegistryDemo } from './demo.ts';
import { seedDistributionDemo, type DistributionDemoSummary } from './distribution-demo.ts';

describeEachDatabase('demo distributions', (getDb) => {
  let ctx: TestContext;
  let summary: DistributionDemoSummary | null;

  beforeAll(async () => {
    ctx = testContext(getDb());
    await seedRegistryDemo(ctx, { holders: 1000 });
    summary = await seedDistributionDemo(ctx);
  }, 300_000);

  it('runs the demo distributions whose record date has passed and leaves tax records in both bands', async () => {
    expect(summary).toMatchObject({ distributions: 3, completed: 3 });
    const bands = await rows<{ band: string; n: number; kinds: string }>(
      ctx.db,
      sql`select t.band, count(*)::int as n, string_agg(distinct h.kind, ',') as kinds
          from dividend_tax_records t join holders h on h.id = t.holder_id group by t.band order by t.band`,
    );
    expect(bands.map((b) => b.band)).toEqual(['up_to_1_month', 'up_to_1_year']);
    expect(bands.every((b) => b.kinds === 'person' && b.n > 0)).toBe(true);
    expect(summary!.taxRecords).toBe(bands.reduce((sum, b) => sum + b.n, 0));
    const [bonus] = await rows<{ n: number; shares: string }>(
      ctx.db,
      sql`select count(*)::int as n, sum(quantity)::text as shares from holding_changes where business_type = 'bonus_shares' and effective_on = '2026-11-23'`,
    );
    expect(bonus!.n).toBeGreaterThan(0);
    const [issued] = await rows<{ shares: string }>(ctx.db, sql`select shares_issued::text as shares from distributions where record_on = '2026-11-20'`);
    expect(bonus!.shares).toBe(issued!.shares);
    expect(await seedDistributionDemo(ctx)).toBeNull();
  });
});
