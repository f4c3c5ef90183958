import { expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { describeEachDatabase } from '../../../../../test/databases.ts';
import { rejection, testContext, type TestContext } from '../../../../../test/context.ts';
import { aSecurity, aSellerAndBuyer, anInvestor, issue } from '../../../../../test/registry.ts';
import { rows } from '../../../platform/db/client.ts';
import { applyChanges, type Change, changesBetween, holdingsAt } from '../ledger/index.ts';
import { createDistribution, listEntitlements, runDistribution } from './distributions.ts';
import { cashEntitlement, formatDecimal, shareEntitlements } from './distribution-rules.ts';
import { computeDividendTax, dividendTaxFor } from '../tax/index.ts';

const meta = { requestId: 'test' };
const actor = { kind: 'system' as const };

let tradeNo = 0;
/** A market trade settled on `on`: `quantity` shares from seller to buyer. */
async function trade(ctx: TestContext, security: { code: string; market: string }, seller: string, buyer: string, quantity: bigint, on: string) {
  const base = { market: security.market, securityCode: security.code, businessType: 'trade_settlement' as const, category: 'tradable' as const, effectiveOn: on };
  const changes: Change[] = [
    { ...base, lineNo: 1, accountNumber: seller, quantity: -quantity },
    { ...base, lineNo: 2, accountNumber: buyer, quantity },
  ];
  await ctx.db.transaction((tx) => applyChanges(tx, `trade-${++tradeNo}-${Math.random()}`, ctx.clock.now(), changes));
}

describeEachDatabase('distributions and dividend tax', (getDb) => {
  it('computes entitlements from the register at the record date, posts the new shares once', async () => {
    const ctx = testContext(getDb());
    const security = await aSecurity(ctx);
    const investors = await Promise.all([1, 2, 3, 4].map(() => anInvestor(ctx)));
    const held = [15n, 25n, 7n, 33n];
    for (const [i, inv] of investors.entries()) await issue(ctx, security, inv.shAccount, held[i]!, '2024-01-02');
    // after the record date the first sells 5 to the second: entitlements still follow the record date
    await trade(ctx, security, investors[0]!.shAccount, investors[1]!.shAccount, 5n, '2024-07-01');

    const id = await createDistribution(ctx, meta, actor, { market: security.market, code: security.code, recordOn: '2024-06-28', payOn: '2024-07-05', cashPer10: '1.2345', bonusPer10: '2', capitalisationPer10: '1' });
    const summary = await runDistribution(ctx, meta, actor, id);

    const reference = shareEntitlements(
      investors.map((inv, i) => ({ accountNumber: inv.shAccount, quantity: held[i]! })),
      '3',
      summary.lotSeed!,
    );
    const { items } = await listEntitlements(ctx.db, id, { page: 1, pageSize: 100 });
    const byAccount = new Map(items.map((e) => [e.accountNumber, e]));
    for (const [i, inv] of investors.entries()) {
      const e = byAccount.get(inv.shAccount)!;
      expect(e.quantity).toBe(held[i]!.toString());
      expect(e.cashAmount).toBe(formatDecimal(cashEntitlement(held[i]!, '1.2345', 'down'), 2));
      expect(e.shares).toBe(reference.items[i]!.shares.toString());
    }
    // 80 shares × 3 / 10 = 24 new shares; cash 1.85175 + 3.08625 + 0.86415 + 4.07385 → 1.85 + 3.08 + 0.86 + 4.07 = 9.86, 0.0160 left
    expect(summary).toMatchObject({ status: 'completed', holders: 4, sharesIssued: '24', cashTotal: '9.86' });
    expect(Number(summary.cashRemainder)).toBeCloseTo(0.016, 8);

    // the new shares are in the journal as 送股/转增 on the payment date
    const bonus = await changesBetween(ctx.db, investors[3]!.shAccount, '2024-07-05', '2024-07-05');
    expect(bonus.map((c) => [c.businessType, c.quantity])).toEqual([['bonus_shares', 10n]]);
    expect((await holdingsAt(ctx.db, investors[0]!.shAccount, '2024-07-05'))[0]?.tradable).toBe(10n + reference.items[0]!.shares); // 4 or 5: its 0.5 ties with the second's, the lots decide

    // running it again changes nothing
    const [before] = await rows<{ n: number }>(ctx.db, sql`select count(*)::int as n from holding_changes where security_id = ${security.id}`);
    const again = await runDistribution(ctx, meta, actor, id);
    const [after] = await rows<{ n: number }>(ctx.db, sql`select count(*)::int as n from holding_changes where security_id = ${security.id}`);
    expect(after!.n).toBe(before!.n);
    expect(again).toEqual(summary);
  });

  it('refuses a record date that has not ended and a distribution of nothing', async () => {
    const ctx = testContext(getDb());
    const security = await aSecurity(ctx);
    expect((await rejection(createDistribution(ctx, meta, actor, { market: security.market, code: security.code, recordOn: '2024-06-28', payOn: '2024-07-05' }))).code).toBe('DIST_NOTHING_TO_DISTRIBUTE');
    expect((await rejection(createDistribution(ctx, meta, actor, { market: security.market, code: security.code, recordOn: '2024-06-28', payOn: '2024-06-27', cashPer10: '1' }))).code).toBe('DIST_DATES_INVALID');
    expect((await rejection(createDistribution(ctx, meta, actor, { market: security.market, code: security.code, recordOn: '2024-06-28', payOn: '2024-07-01', cashPer10: '1.1234567' }))).code).toBe('DIST_RATE_INVALID');
    const id = await createDistribution(ctx, meta, actor, { market: security.market, code: security.code, recordOn: '2026-11-21', payOn: '2026-11-25', cashPer10: '1' });
    expect((await rejection(runDistribution(ctx, meta, actor, id))).code).toBe('DIST_RECORD_DATE_FUTURE');
  });

  it('computes the differentiated dividend tax of an individual who sold within a month and within a year', async () => {
    const ctx = testContext(getDb());
    const { security, seller, buyer } = await aSellerAndBuyer(ctx, 10_000n, { on: '2024-01-02', names: ['测试卖方', '测试买方'] });
    await trade(ctx, security, seller.shAccount, buyer.shAccount, 2000n, '2024-03-01');
    await trade(ctx, security, seller.shAccount, buyer.shAccount, 1000n, '2024-03-15');
    const id = await createDistribution(ctx, meta, actor, { market: security.market, code: security.code, recordOn: '2024-03-20', payOn: '2024-03-22', cashPer10: '2.5' });
    await runDistribution(ctx, meta, actor, id);
    await trade(ctx, security, buyer.shAccount, seller.shAccount, 1500n, '2024-03-29');
    await trade(ctx, security, buyer.shAccount, seller.shAccount, 1500n, '2024-09-20');

    const computed = await computeDividendTax(ctx, meta, actor, { securityId: security.id });
    expect(computed.records).toBe(3);
    const { items, total } = await dividendTaxFor(ctx.db, { accountNumbers: [buyer.shAccount], from: '2024-01-01', to: '2024-12-31' });
    expect(total).toBe(3);
    expect(items.map((r) => [r.soldOn, r.acquiredOn, r.quantity, r.band, r.taxableAmount, r.taxAmount])).toEqual([
      ['2024-09-20', '2024-03-01', '500', 'up_to_1_year', '62.50000000', '12.50'],
      ['2024-09-20', '2024-03-15', '1000', 'up_to_1_year', '125.00000000', '25.00'],
      ['2024-03-29', '2024-03-01', '1500', 'up_to_1_month', '375.00000000', '75.00'],
    ]);
    expect(items[0]).toMatchObject({ code: security.code, recordOn: '2024-03-20', dividendPerShare: '0.25000000' });
    // the seller's shares were never bought on the market: no record; a recomputation gives the same records
    expect((await dividendTaxFor(ctx.db, { accountNumbers: [seller.shAccount], from: '2024-01-01', to: '2024-12-31' })).total).toBe(0);
    expect((await computeDividendTax(ctx, meta, actor, { securityId: security.id })).records).toBe(3);
    expect((await dividendTaxFor(ctx.db, { holderId: buyer.holderId, from: '2024-03-29', to: '2024-03-29' })).total).toBe(1);
  });
});
