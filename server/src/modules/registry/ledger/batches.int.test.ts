import { Readable } from 'node:stream';
import { expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { describeEachDatabase } from '../../../../../test/databases.ts';
import { testContext } from '../../../../../test/context.ts';
import { aSecurity, anInvestor, issue } from '../../../../../test/registry.ts';
import { AppError } from '../../../platform/errors.ts';
import { importSettlementBatch } from '../settlement/index.ts';
import { reverseBatch } from './batches.ts';
import { changeBatches, holdingChanges, holdings } from './schema.ts';

const meta = { requestId: 'test' };
const actor = { kind: 'system' as const };

const csv = (lines: string[]) => Readable.from([['account_number,market,security_code,business_type,category,quantity,effective_on,reference', ...lines].join('\n')]);

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describeEachDatabase('ledger reversal (冲正)', (getDb) => {
  async function aTrade(batchId: string) {
    const ctx = testContext(getDb());
    const security = await aSecurity(ctx);
    const seller = await anInvestor(ctx);
    const buyer = await anInvestor(ctx);
    await issue(ctx, security, seller.shAccount, 1000n);
    const trade = (from: string, to: string, quantity: number) => [
      `${from},SH,${security.code},trade_settlement,tradable,-${quantity},2024-03-01,T1`,
      `${to},SH,${security.code},trade_settlement,tradable,${quantity},2024-03-01,T1`,
    ];
    await importSettlementBatch(ctx, meta, actor, { batchId, stream: csv(trade(seller.shAccount, buyer.shAccount, 300)) });
    const balance = async (account: string) => (await ctx.db.select().from(holdings).where(eq(holdings.accountNumber, account)))[0]?.tradable;
    return { ctx, security, seller, buyer, trade, balance };
  }

  it('reverses a whole batch with new entries referencing it, restoring balances and editing nothing, once', async () => {
    const { ctx, seller, buyer, balance } = await aTrade('B-REV-1');
    expect([await balance(seller.shAccount), await balance(buyer.shAccount)]).toEqual([700n, 300n]);

    const reversed = await reverseBatch(ctx, meta, actor, { batchId: 'B-REV-1', reason: '过户指令重复' });
    expect(reversed).toEqual({ status: 'applied', batchId: 'reversal-B-REV-1', rows: 2 });
    expect([await balance(seller.shAccount), await balance(buyer.shAccount)]).toEqual([1000n, 0n]);

    const original = await ctx.db.select().from(holdingChanges).where(eq(holdingChanges.batchId, 'B-REV-1')).orderBy(asc(holdingChanges.accountNumber));
    expect(original.map((c) => [c.accountNumber, c.businessType, c.quantity])).toEqual(
      [
        [seller.shAccount, 'trade_settlement', -300n],
        [buyer.shAccount, 'trade_settlement', 300n],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    const reversal = await ctx.db.select().from(holdingChanges).where(eq(holdingChanges.batchId, 'reversal-B-REV-1')).orderBy(asc(holdingChanges.accountNumber));
    expect(reversal.map((c) => [c.accountNumber, c.businessType, c.quantity, c.reference, c.effectiveOn])).toEqual(
      [
        [seller.shAccount, 'reversal', 300n, 'B-REV-1', '2026-11-21'],
        [buyer.shAccount, 'reversal', -300n, 'B-REV-1', '2026-11-21'],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    const [batch] = await ctx.db
      .select()
      .from(changeBatches)
      .where(and(eq(changeBatches.id, 'reversal-B-REV-1'), eq(changeBatches.source, 'reversal')));
    expect(batch?.rowCount).toBe(2);

    expect(await reverseBatch(ctx, meta, actor, { batchId: 'B-REV-1', reason: '再次冲正' })).toEqual({ status: 'already_applied', batchId: 'reversal-B-REV-1', rows: 2 });
    expect(await balance(seller.shAccount)).toBe(1000n);
    expect((await rejection(reverseBatch(ctx, meta, actor, { batchId: 'reversal-B-REV-1', reason: 'x' }))).code).toBe('BATCH_NOT_REVERSIBLE');
    expect((await rejection(reverseBatch(ctx, meta, actor, { batchId: 'B-REV-NONE', reason: 'x' }))).code).toBe('BATCH_NOT_FOUND');
    expect((await rejection(reverseBatch(ctx, meta, actor, { batchId: 'B-REV-1', reason: '  ' }))).code).toBe('VALIDATION_FAILED');
  });

  it('refuses a reversal that would leave a balance negative, and changes nothing', async () => {
    const { ctx, seller, buyer, trade, balance } = await aTrade('B-REV-2');
    const third = await anInvestor(ctx);
    await importSettlementBatch(ctx, meta, actor, { batchId: 'B-REV-3', stream: csv(trade(buyer.shAccount, third.shAccount, 300)) });

    const refused = await rejection(reverseBatch(ctx, meta, actor, { batchId: 'B-REV-2', reason: '错误过户' }));
    expect(refused.code).toBe('BATCH_REJECTED');
    expect([await balance(seller.shAccount), await balance(buyer.shAccount), await balance(third.shAccount)]).toEqual([700n, 0n, 300n]);
    expect(await ctx.db.select().from(changeBatches).where(eq(changeBatches.id, 'reversal-B-REV-2'))).toEqual([]);
  });
});
