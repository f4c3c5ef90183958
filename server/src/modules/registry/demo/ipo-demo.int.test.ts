import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../../test/databases.ts';
import { testContext, type TestContext } from '../../../../../test/context.ts';
import { rows } from '../../../platform/db/client.ts';
import { abandonmentRecords, countWinning, ipoAllotments, riskDisclosureSignings, subscriptionEligibility } from '../events/index.ts';
import { seedRegistryDemo } from './demo.ts';
import type { IpoDemoSummary } from './ipo-demo.ts';

describeEachDatabase('demo IPOs, abandonments and risk disclosures', (getDb) => {
  let ctx: TestContext;
  let ipo: IpoDemoSummary;

  beforeAll(async () => {
    ctx = testContext(getDb());
    const seeded = await seedRegistryDemo(ctx, { holders: 400 });
    if (!seeded?.ipo) throw new Error('the demo registry was not seeded');
    ipo = seeded.ipo;
  });

  it('writes offerings, subscriptions, winnings, payments with abandonments and signings', async () => {
    expect(ipo.offerings).toBe(8);
    expect(ipo.subscriptions).toBeGreaterThan(500);
    expect(ipo.abandonments).toBeGreaterThan(3);
    expect(ipo.signings).toBeGreaterThan(100);
    const [counts] = await rows<{ winners: number; drawn: number; open: number; partial: number; abandoned: number }>(
      ctx.db,
      sql`select (select count(*)::int from ipo_subscriptions where winning_quantity > 0) as winners,
                 (select count(*)::int from ipo_offerings where status = 'drawn') as drawn,
                 (select count(*)::int from ipo_offerings where status = 'subscribing') as open,
                 (select count(*)::int from ipo_payments where result = 'paid_part') as partial,
                 (select count(*)::int from ipo_payments where result = 'abandoned') as abandoned`,
    );
    expect(counts).toMatchObject({ drawn: 7, open: 1 });
    expect(counts!.winners).toBeGreaterThan(10);
    expect(counts!.partial + counts!.abandoned).toBeGreaterThan(2);
    // every payment result was reported for a winning, and every winning has one
    const [unpaid] = await rows<{ n: number }>(ctx.db, sql`select count(*)::int as n from ipo_subscriptions s where s.winning_quantity > 0 and not exists (select 1 from ipo_payments p where p.subscription_id = s.id)`);
    expect(unpaid!.n).toBe(0);
  });

  it('has invalid subscriptions of every kind, none with numbers, and no investor with two valid ones in an offering', async () => {
    const reasons = await rows<{ reason: string; n: number; numbered: number }>(
      ctx.db,
      sql`select invalid_reason as reason, count(*)::int as n, count(first_number)::int as numbered from ipo_subscriptions where invalid_reason is not null group by 1 order by 1`,
    );
    expect(reasons.map((r) => r.reason)).toEqual(['ABOVE_QUOTA', 'DUPLICATE_ACCOUNT', 'DUPLICATE_INVESTOR']);
    expect(reasons.every((r) => r.n > 0 && r.numbered === 0)).toBe(true);
    const [twice] = await rows<{ n: number }>(
      ctx.db,
      sql`select count(*)::int as n from (select s.offering_id, h.name, h.id_number_hash from ipo_subscriptions s join holders h on h.id = s.holder_id
          where s.invalid_reason is null group by 1, 2, 3 having count(*) > 1) t`,
    );
    expect(twice!.n).toBe(0);
    const [over] = await rows<{ n: number }>(ctx.db, sql`select count(*)::int as n from ipo_subscriptions where invalid_reason is null and quantity > quota`);
    expect(over!.n).toBe(0);
  });

  it('the SQL lottery agrees with the arithmetic of ipo-rules on every demo subscription', async () => {
    const subs = await rows<{ first_number: string; number_count: string; winning_count: string; tails: string[] }>(
      ctx.db,
      sql`select s.first_number::text, s.number_count::text, s.winning_count::text, array_agg(t.tail) as tails
          from ipo_subscriptions s join ipo_winning_tails t on t.offering_id = s.offering_id where s.invalid_reason is null group by s.id`,
    );
    expect(subs.length).toBeGreaterThan(500);
    for (const s of subs) expect(countWinning(BigInt(s.first_number), BigInt(s.number_count), s.tails)).toBe(BigInt(s.winning_count));
  });

  it('has one holder barred in Shenzhen now, by abandonments of two IPOs and a convertible bond', async () => {
    const barred = ipo.barredHolder!;
    const sz = await subscriptionEligibility(ctx, { holderId: barred.holderId, market: 'SZ', date: '2026-11-21' });
    expect(sz).toMatchObject({ eligible: false, bar: { startOn: '2026-10-15', endOn: '2027-04-12' } }); // 180 calendar days from 2026-10-15: 17 + 30 + 31 + 31 + 28 + 31 + 12
    expect(sz.bar!.abandonments.map((a) => [a.accountNumber, a.productType])).toEqual([
      [barred.szAccount, 'new_share'],
      [barred.szAccount, 'new_share'],
      [barred.szAccount, 'convertible_bond'],
    ]);
    expect((await subscriptionEligibility(ctx, { holderId: barred.holderId, market: 'SH', date: '2026-11-21' })).eligible).toBe(true);
    expect(await abandonmentRecords(ctx, { holderId: barred.holderId })).toHaveLength(3);
    const allotments = await ipoAllotments(ctx, { holderId: barred.holderId });
    expect(allotments.filter((a) => a.payment?.result === 'abandoned')).toHaveLength(2);
    expect(allotments.every((a) => a.market === 'SH' || a.subscriptionDate < '2026-10-15')).toBe(true);
    expect((await riskDisclosureSignings(ctx, { holderId: barred.holderId, accountNumber: barred.szAccount })).map((s) => s.disclosureType)).toContain('chinext');
  });
});
