/**
 * The balance rules are checked line by line only for the positions whose sums could
 * break them (decision 0039): a position's opening balance plus every decrease of the
 * batch bounds its balances from below whatever the order of its lines. A position
 * whose bound holds is not walked; one that dips below zero in the middle of the batch
 * and ends above it is still walked and its line named.
 */
import { expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { describeEachDatabase } from '../../../../../test/databases.ts';
import { rejection, testContext } from '../../../../../test/context.ts';
import { aSecurity, anInvestor, issue } from '../../../../../test/registry.ts';
import { rows } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { applyChanges, type Change } from './ledger.ts';

describeEachDatabase('balance rules, screened by bounds per position', (getDb) => {
  it('walks only the positions whose bounds fail, and still finds a dip that the batch later makes good', async () => {
    const ctx = testContext(getDb());
    const security = await aSecurity(ctx);
    const seller = (await anInvestor(ctx)).shAccount;
    const buyer = (await anInvestor(ctx)).shAccount;
    await issue(ctx, security, seller, 100n);
    await issue(ctx, security, buyer, 300n);
    const change = (lineNo: number, accountNumber: string, quantity: bigint, effectiveOn: string): Change => ({
      lineNo,
      accountNumber,
      market: 'SH',
      securityCode: security.code,
      businessType: 'trade_settlement',
      category: 'tradable',
      quantity,
      effectiveOn,
    });
    // Hand-worked. Seller: 100 − 150 = −50 on 03-01 (line 1), then +200 = 150; bound 100 − 150 < 0: walked.
    // Buyer: 300 + 150 = 450, then − 200 = 250; bound 300 − 200 = 100 ≥ 0: not walked.
    const batch = [change(1, seller, -150n, '2024-03-01'), change(2, buyer, 150n, '2024-03-01'), change(3, seller, 200n, '2024-03-02'), change(4, buyer, -200n, '2024-03-02')];

    const outcome = await ctx.db.transaction(async (tx) => {
      const refused = await rejection(applyChanges(tx, 'BOUNDS', ctx.clock.now(), batch));
      expect(refused).toBeInstanceOf(AppError);
      const walked = await rows<{ account_number: string }>(tx, sql`select o.account_number from stage_at_risk r join stage_opening o using (pos)`);
      return { errors: (refused.details.errors as { line: number; reason: string }[]).map((e) => [e.line, e.reason]), walked: walked.map((w) => w.account_number) };
    });
    expect(outcome).toEqual({ errors: [[1, 'NEGATIVE_BALANCE']], walked: [seller] });
  });
});
