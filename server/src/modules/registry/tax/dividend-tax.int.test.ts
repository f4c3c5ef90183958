import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../../test/databases.ts';
import { testContext, type TestContext } from '../../../../../test/context.ts';
import { aSecurity, aSellerAndBuyer, anInvestor, issue, type TestInvestor } from '../../../../../test/registry.ts';
import { applyChanges, openSecuritiesAccount, registerSecurity, type BusinessTypeName, type Change } from '../ledger/index.ts';
import { createDistribution, runDistribution } from '../events/index.ts';
import { computeDividendTax, dividendTaxFor } from './index.ts';

/**
 * Issue 13 items 1 and 2, on the journal: lots follow shares moved between
 * accounts, and bonus shares out of profits are taxed at par value. Figures
 * worked by hand in the comments.
 */

const meta = { requestId: 'test' };
const actor = { kind: 'system' as const };
let batchNo = 0;
const batch = () => `tax-test-${++batchNo}-${Math.random()}`;

/** `quantity` tradable shares from one account to another on `on`, as one batch of one business type. */
async function transfer(ctx: TestContext, security: { code: string; market: string }, businessType: BusinessTypeName, from: string, to: string, quantity: bigint, on: string) {
  const base = { market: security.market, securityCode: security.code, businessType, category: 'tradable' as const, effectiveOn: on };
  const changes: Change[] = [
    { ...base, lineNo: 1, accountNumber: from, quantity: -quantity },
    { ...base, lineNo: 2, accountNumber: to, quantity },
  ];
  await ctx.db.transaction((tx) => applyChanges(tx, batch(), ctx.clock.now(), changes));
}

const trade = (ctx: TestContext, security: { code: string; market: string }, seller: string, buyer: string, quantity: bigint, on: string) => transfer(ctx, security, 'trade_settlement', seller, buyer, quantity, on);

/** A second securities account of the investor, a credit account in Shanghai. */
async function aCreditAccount(ctx: TestContext, investor: TestInvestor): Promise<string> {
  const number = `A9${investor.shAccount.slice(-8)}`;
  await openSecuritiesAccount(ctx.db, { holderId: investor.holderId, unifiedAccountNumber: investor.unifiedAccount, number, kind: 'credit' }, { agent: 'B01866', method: 'online', on: '2020-01-02' });
  return number;
}

async function distribute(ctx: TestContext, security: { code: string; market: string }, input: { recordOn: string; payOn: string; cashPer10?: string; bonusPer10?: string; capitalisationPer10?: string }) {
  await runDistribution(ctx, meta, actor, await createDistribution(ctx, meta, actor, { market: security.market, code: security.code, ...input }));
}

async function recordsOf(ctx: TestContext, accountNumber: string) {
  const { items } = await dividendTaxFor(ctx.db, { accountNumbers: [accountNumber], from: '2024-01-01', to: '2025-12-31' });
  return items.map((r) => [r.soldOn, r.acquiredOn, r.quantity, r.band, r.dividendPerShare, r.taxableAmount, r.taxAmount]);
}

describeEachDatabase('dividend tax: moved shares and stock dividends', (getDb) => {
  it('taxes a dividend on shares moved to another account and sold there (custody transfer, non-trade transfer)', async () => {
    const ctx = testContext(getDb());
    const { security, seller, buyer } = await aSellerAndBuyer(ctx, 10_000n, { on: '2024-01-02', names: ['测试卖方', '测试买方'] });
    const credit = await aCreditAccount(ctx, buyer);
    const heir = await anInvestor(ctx, '测试继承人');
    await trade(ctx, security, seller.shAccount, buyer.shAccount, 3000n, '2024-03-01');
    await distribute(ctx, security, { recordOn: '2024-03-20', payOn: '2024-03-22', cashPer10: '2.5' });
    // 2,000 to the buyer's credit account, 1,000 inherited by another person, each sold from there
    await transfer(ctx, security, 'custody_transfer', buyer.shAccount, credit, 2000n, '2024-03-25');
    await transfer(ctx, security, 'non_trade_transfer', buyer.shAccount, heir.shAccount, 1000n, '2024-03-26');
    await trade(ctx, security, heir.shAccount, seller.shAccount, 1000n, '2024-03-28');
    await trade(ctx, security, credit, seller.shAccount, 2000n, '2024-04-10');

    expect((await computeDividendTax(ctx, meta, actor, { securityId: security.id })).records).toBe(2);
    // bought 1 March, sold 10 April from the credit account: held to 9 April, over a month; 2,000 × 0.25 = 500, half 250, 20% = 50.00
    expect(await recordsOf(ctx, credit)).toEqual([['2024-04-10', '2024-03-01', '2000', 'up_to_1_year', '0.25000000', '250.00000000', '50.00']]);
    // the heir sold on 28 March: held 1–27 March, within a month; 1,000 × 0.25 = 250 all taxable, 50.00
    expect(await recordsOf(ctx, heir.shAccount)).toEqual([['2024-03-28', '2024-03-01', '1000', 'up_to_1_month', '0.25000000', '250.00000000', '50.00']]);
    const [record] = (await dividendTaxFor(ctx.db, { holderId: heir.holderId, from: '2024-03-28', to: '2024-03-28' })).items;
    expect(record?.accountNumber).toBe(heir.shAccount);
    expect(await recordsOf(ctx, buyer.shAccount)).toEqual([]);
  });

  it('taxes bonus shares out of profits at par value and capitalisation shares not at all', async () => {
    const ctx = testContext(getDb());
    const { security, seller, buyer } = await aSellerAndBuyer(ctx, 10_000n, { on: '2024-01-02' });
    await trade(ctx, security, seller.shAccount, buyer.shAccount, 1000n, '2024-03-01');
    // 10派1送3转增2: income a share 0.10 cash + 0.3 × RMB 1 par = 0.40; the 转增 shares are no income
    await distribute(ctx, security, { recordOn: '2024-03-20', payOn: '2024-03-22', cashPer10: '1', bonusPer10: '3', capitalisationPer10: '2' });
    // 10转增5 only: no income at all
    await distribute(ctx, security, { recordOn: '2024-04-01', payOn: '2024-04-03', capitalisationPer10: '5' });
    // the 1,000 bought became 1,500 on 22 March and 2,250 on 3 April; all sold on 10 April
    await trade(ctx, security, buyer.shAccount, seller.shAccount, 2250n, '2024-04-10');

    await computeDividendTax(ctx, meta, actor, { securityId: security.id });
    // only the 1,000 held on 20 March received income: 1,000 × 0.40 = 400; held 1 March – 9 April: over a month, half = 200, tax 40.00
    expect(await recordsOf(ctx, buyer.shAccount)).toEqual([['2024-04-10', '2024-03-01', '1000', 'up_to_1_year', '0.40000000', '200.00000000', '40.00']]);
  });

  it('taxes a stock dividend without cash, at the security’s own par value', async () => {
    const ctx = testContext(getDb());
    const made = await aSecurity(ctx);
    const security = { id: made.id + 1, code: made.code === '609999' ? '609998' : `${made.code.slice(0, 5)}${(Number(made.code.slice(5)) + 1) % 10}`, market: 'SH' as const };
    await registerSecurity(ctx.db, { id: security.id, code: security.code, market: 'SH', name: '面值测试', isin: `CNE${String(security.id).padStart(8, '0')}0`, parValue: '0.2500' });
    const seller = await anInvestor(ctx);
    const buyer = await anInvestor(ctx);
    await issue(ctx, security, seller.shAccount, 10_000n, '2024-01-02');
    await trade(ctx, security, seller.shAccount, buyer.shAccount, 800n, '2024-03-01');
    // 10送2 at par RMB 0.25: 0.2 × 0.25 = 0.05 a share
    await distribute(ctx, security, { recordOn: '2024-03-20', payOn: '2024-03-22', bonusPer10: '2' });
    await trade(ctx, security, buyer.shAccount, seller.shAccount, 960n, '2024-03-27');

    await computeDividendTax(ctx, meta, actor, { securityId: security.id });
    // 800 × 0.05 = 40, within a month: all taxable, 20% = 8.00 (the 160 bonus shares received nothing)
    expect(await recordsOf(ctx, buyer.shAccount)).toEqual([['2024-03-27', '2024-03-01', '800', 'up_to_1_month', '0.05000000', '40.00000000', '8.00']]);
  });

  it('gives each record its own id where one sale of lots acquired on one day gives twin records', async () => {
    const ctx = testContext(getDb());
    const { security, seller, buyer } = await aSellerAndBuyer(ctx, 10_000n, { on: '2024-01-02' });
    await trade(ctx, security, seller.shAccount, buyer.shAccount, 1000n, '2024-03-01');
    // 10送5 (0.50 a share at par 1), then 10派2 (0.20 a share), the 500 bonus shares keeping the 1 March acquisition date
    await distribute(ctx, security, { recordOn: '2024-03-05', payOn: '2024-03-07', bonusPer10: '5' });
    await distribute(ctx, security, { recordOn: '2024-03-20', payOn: '2024-03-22', cashPer10: '2' });
    await trade(ctx, security, buyer.shAccount, seller.shAccount, 1500n, '2024-03-28');

    await computeDividendTax(ctx, meta, actor, { securityId: security.id });
    const { items } = await dividendTaxFor(ctx.db, { accountNumbers: [buyer.shAccount], from: '2024-01-01', to: '2024-12-31' });
    // held 1–27 March, within a month: 1,000 × 0.50 = 500 → 100.00; 1,000 × 0.20 = 200 → 40.00; the bonus 500 × 0.20 = 100 → 20.00
    expect(items.map((r) => [r.recordOn, r.acquiredOn, r.quantity, r.taxableAmount, r.taxAmount])).toEqual([
      ['2024-03-05', '2024-03-01', '1000', '500.00000000', '100.00'],
      ['2024-03-20', '2024-03-01', '1000', '200.00000000', '40.00'],
      ['2024-03-20', '2024-03-01', '500', '100.00000000', '20.00'],
    ]);
    // the last two share account, security and every date: only the id tells them apart
    expect(new Set(items.map((r) => r.id)).size).toBe(3);
  });
});
