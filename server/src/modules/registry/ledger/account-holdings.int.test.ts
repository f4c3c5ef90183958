import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../../test/databases.ts';
import { testContext } from '../../../../../test/context.ts';
import { aSecurity, anInvestor, issue } from '../../../../../test/registry.ts';
import { securitiesAccount } from './accounts.ts';
import { accountWithHoldingsAt, holdingsAt } from './queries.ts';

describeEachDatabase('an account with its holdings in one statement', (getDb) => {
  it('reads the account as securitiesAccount does and the holdings as holdingsAt does, whole numbers beyond 2^53 included', async () => {
    const ctx = testContext(getDb());
    const investor = await anInvestor(ctx);
    const [first, second] = [await aSecurity(ctx, { code: '600901' }), await aSecurity(ctx, { code: '600101' })];
    await issue(ctx, first, investor.shAccount, 9_007_199_254_740_993n, '2024-01-02');
    await issue(ctx, second, investor.shAccount, 500n, '2024-03-01');
    for (const date of ['2024-01-01', '2024-01-02', '2024-03-01']) {
      const found = await accountWithHoldingsAt(ctx.db, investor.shAccount, date);
      expect(found!.account).toEqual(await securitiesAccount(ctx.db, investor.shAccount));
      expect(found!.positions).toEqual(await holdingsAt(ctx.db, investor.shAccount, date));
    }
    const both = await accountWithHoldingsAt(ctx.db, investor.shAccount, '2024-03-01');
    // Hand-computed: both securities, in code order, the first with its 17-digit quantity intact.
    expect(both!.positions.map((p) => [p.code, p.tradable])).toEqual([
      ['600101', 500n],
      ['600901', 9_007_199_254_740_993n],
    ]);
    // An account without holdings, and no account at all.
    expect(await accountWithHoldingsAt(ctx.db, investor.szAccount, '2024-03-01')).toMatchObject({ account: { number: investor.szAccount }, positions: [] });
    expect(await accountWithHoldingsAt(ctx.db, 'A999999999', '2024-03-01')).toBeNull();
  });
});
