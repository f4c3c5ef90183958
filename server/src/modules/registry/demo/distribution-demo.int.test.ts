import { beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { describeEachDatabase } from '../../../../../test/databases.ts';
import { testContext, type TestContext } from '../../../../../test/context.ts';
import { rows } from '../../../platform/db/client.ts';
import { seedVerificationDemo, TAX_DEMO_ACCOUNT, TAX_DEMO_DIVIDEND, TAX_DEMO_TRADES, taxDemoTradeDate } from '../../investor/index.ts';
import { addDays, termEnd } from '../../../kernel/dates.ts';
import { DEMO_HISTORY, seedRegistryDemo } from './demo.ts';
import { seedDistributionDemo, type DistributionDemoSummary } from './distribution-demo.ts';
import { dividendTaxFor } from '../tax/index.ts';

describeEachDatabase('demo distributions', (getDb) => {
  let ctx: TestContext;
  let summary: DistributionDemoSummary | null;

  beforeAll(async () => {
    ctx = testContext(getDb());
    // In the order of `serve --demo`: the registry, the demo people (演示张明's trades), then the distributions.
    await seedRegistryDemo(ctx, { holders: 1000 });
    await seedVerificationDemo(ctx);
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

  it('gives 演示张明 one record per band for the dividend he held over its record date, once', async () => {
    const [bought1, bought2, sold1, sold2] = TAX_DEMO_TRADES.map((t) => ({ on: taxDemoTradeDate(t.daysFromRecord), quantity: t.quantity < 0n ? -t.quantity : t.quantity }));
    for (const t of [bought1!, bought2!, sold1!, sold2!]) expect(new Date(`${t.on}T00:00:00Z`).getUTCDay() % 6, `${t.on} is a weekday`).not.toBe(0);
    // Both lots were held at the end of the record date; the first sale takes the older lot whole (FIFO), the second part of the newer.
    expect(bought2!.on < TAX_DEMO_DIVIDEND.recordOn && TAX_DEMO_DIVIDEND.recordOn < sold1!.on).toBe(true);
    expect(sold1!.quantity).toBe(bought1!.quantity);
    // Held from the purchase to the day before the sale settles: over a month but within a year, then within a month.
    const lastHeld = (sale: { on: string }) => addDays(sale.on, -1);
    expect(lastHeld(sold1!) > termEnd(bought1!.on, 1) && lastHeld(sold1!) <= termEnd(bought1!.on, 12)).toBe(true);
    expect(lastHeld(sold2!) <= termEnd(bought2!.on, 1)).toBe(true);
    const cashPer10Cents = BigInt(TAX_DEMO_DIVIDEND.cashPer10.replace('.', ''));
    const yuan = (cents: bigint) => `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;
    const expected = (lot: { on: string }, sale: { on: string; quantity: bigint }, band: string, taxablePercent: bigint) => {
      const dividendCents = (sale.quantity * cashPer10Cents) / 10n;
      return {
        code: TAX_DEMO_DIVIDEND.code,
        accountNumber: TAX_DEMO_ACCOUNT,
        recordOn: TAX_DEMO_DIVIDEND.recordOn,
        quantity: sale.quantity.toString(),
        acquiredOn: lot.on,
        soldOn: sale.on,
        band,
        dividendAmount: `${yuan(dividendCents)}000000`,
        taxableAmount: `${yuan((dividendCents * taxablePercent) / 100n)}000000`,
        taxAmount: yuan((dividendCents * taxablePercent * 20n) / 10_000n),
      };
    };

    const found = await dividendTaxFor(ctx.db, { accountNumbers: [TAX_DEMO_ACCOUNT], from: DEMO_HISTORY.from, to: DEMO_HISTORY.to });
    expect(found.items).toEqual([expect.objectContaining(expected(bought2!, sold2!, 'up_to_1_month', 100n)), expect.objectContaining(expected(bought1!, sold1!, 'up_to_1_year', 50n))]);
    expect(found.items.map((i) => i.taxAmount)).toEqual(['56.00', '84.00']);

    const [entitled] = await rows<{ quantity: string; cash: string }>(
      ctx.db,
      sql`select e.quantity::text as quantity, e.cash_amount::text as cash from distribution_entitlements e
          join distributions d on d.id = e.distribution_id and d.record_on = ${TAX_DEMO_DIVIDEND.recordOn}
          where e.account_number = ${TAX_DEMO_ACCOUNT}`,
    );
    const held = bought1!.quantity + bought2!.quantity;
    expect(entitled).toEqual({ quantity: held.toString(), cash: yuan((held * cashPer10Cents) / 10n) });

    const journal = async () => (await rows<{ n: number }>(ctx.db, sql`select count(*)::int as n from holding_changes where batch_id = 'demo-dividend-tax-trades'`))[0]!.n;
    expect(await journal()).toBe(1 + 2 * TAX_DEMO_TRADES.length);
    expect(await seedVerificationDemo(ctx)).toBeNull();
    expect(await journal()).toBe(1 + 2 * TAX_DEMO_TRADES.length);
  });
});
