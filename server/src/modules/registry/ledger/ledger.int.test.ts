import { Readable } from 'node:stream';
import { expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { describeEachDatabase } from '../../../../../test/databases.ts';
import { rejection, testContext } from '../../../../../test/context.ts';
import { aSecurity, aSellerAndBuyer, anInvestor, issue } from '../../../../../test/registry.ts';
import { rows } from '../../../platform/db/client.ts';
import { importSettlementBatch } from '../settlement/index.ts';
import { changesBetween, freezesAt, holdingsAt, registerAt } from './queries.ts';
import { freeze, registerPledge, releaseFreeze, releasePledge } from './encumbrances.ts';
import { holdings } from './schema.ts';

const meta = { requestId: 'test' };
const actor = { kind: 'system' as const };

function csv(lines: string[]): Readable {
  return Readable.from([['account_number,market,security_code,business_type,category,quantity,effective_on,reference', ...lines].join('\n')]);
}

describeEachDatabase('registry ledger and settlement import', (getDb) => {
  it('applies a balanced settlement batch atomically, once', async () => {
    const ctx = testContext(getDb());
    const { security, seller, buyer } = await aSellerAndBuyer(ctx, 1000n);
    const file = [`${seller.shAccount},SH,${security.code},trade_settlement,tradable,-300,2024-03-01,T1`, `${buyer.shAccount},SH,${security.code},trade_settlement,tradable,300,2024-03-01,T1`];
    const first = await importSettlementBatch(ctx, meta, actor, { batchId: 'B-001', stream: csv(file) });
    expect(first).toEqual({ status: 'applied', batchId: 'B-001', rows: 2 });
    const again = await importSettlementBatch(ctx, meta, actor, { batchId: 'B-001', stream: csv(file) });
    expect(again.status).toBe('already_applied');
    expect((await holdingsAt(ctx.db, seller.shAccount, '2024-03-01'))[0]?.tradable).toBe(700n);
    expect((await holdingsAt(ctx.db, seller.shAccount, '2024-02-29'))[0]?.tradable).toBe(1000n);
    expect((await holdingsAt(ctx.db, buyer.shAccount, '2024-03-01'))[0]?.tradable).toBe(300n);
    expect(await holdingsAt(ctx.db, buyer.shAccount, '2024-02-29')).toEqual([]);
    const changes = await changesBetween(ctx.db, seller.shAccount, '2024-01-01', '2024-12-31');
    expect(changes.map((c) => [c.businessType, c.quantity, c.balanceAfter])).toEqual([
      ['initial_registration', 1000n, 1000n],
      ['trade_settlement', -300n, 700n],
    ]);
    expect((await rejection(importSettlementBatch(ctx, meta, actor, { batchId: 'B-001', stream: csv(file.slice(0, 1)) }))).code).toBe('BATCH_ID_REUSED');
  });

  it('rejects the whole batch, listing bad lines, and applies nothing', async () => {
    const ctx = testContext(getDb());
    const { security, seller: a, buyer: b } = await aSellerAndBuyer(ctx, 100n);
    // two days of trades from a to b; the second would take a below zero
    const trades = [
      `${a.shAccount},SH,${security.code},trade_settlement,tradable,-50,2024-03-01,`,
      `${b.shAccount},SH,${security.code},trade_settlement,tradable,50,2024-03-01,`,
      `${a.shAccount},SH,${security.code},trade_settlement,tradable,-80,2024-03-02,`,
      `${b.shAccount},SH,${security.code},trade_settlement,tradable,80,2024-03-02,`,
    ];
    const bad = await rejection(importSettlementBatch(ctx, meta, actor, { batchId: 'B-bad', stream: csv([...trades, `A999999999,SH,${security.code},trade_settlement,tradable,5,2024-03-02,`]) }));
    expect(bad.code).toBe('BATCH_REJECTED');
    expect(bad.details.errors).toEqual([{ line: 6, reason: 'UNKNOWN_ACCOUNT', detail: null }]);

    const negative = await rejection(importSettlementBatch(ctx, meta, actor, { batchId: 'B-neg', stream: csv(trades) }));
    expect((negative.details.errors as { line: number; reason: string }[]).map((e) => [e.line, e.reason])).toEqual([[4, 'NEGATIVE_BALANCE']]);

    const malformed = await rejection(importSettlementBatch(ctx, meta, actor, { batchId: 'B-fmt', stream: csv([`${a.shAccount},SH,${security.code},trade_settlement,tradable,1.5,2024-02-30,`]) }));
    expect((malformed.details.errors as { reason: string }[])[0]?.reason).toBe('QUANTITY_FORMAT');

    const wrongMarket = await rejection(importSettlementBatch(ctx, meta, actor, { batchId: 'B-mkt', stream: csv([`${a.szAccount},SH,${security.code},initial_registration,tradable,10,2024-03-01,`]) }));
    expect(wrongMarket.details.errors).toEqual([{ line: 2, reason: 'MARKET_MISMATCH', detail: null }]);

    const unbalanced = await rejection(importSettlementBatch(ctx, meta, actor, { batchId: 'B-unb', stream: csv([`${b.shAccount},SH,${security.code},trade_settlement,tradable,10,2024-03-01,`]) }));
    expect((unbalanced.details.errors as { reason: string }[])[0]?.reason).toBe('NOT_BALANCED');

    expect((await holdingsAt(ctx.db, a.shAccount, '2030-01-01'))[0]?.tradable).toBe(100n);
    expect(await holdingsAt(ctx.db, b.shAccount, '2030-01-01')).toEqual([]);
    const [batches] = await rows<{ n: number }>(ctx.db, sql`select count(*)::int as n from change_batches where id in ('B-bad', 'B-neg', 'B-fmt', 'B-unb')`);
    expect(batches?.n).toBe(0);
  });

  it('a freeze blocks a sale that would break it; the waiting part takes effect on release', async () => {
    const ctx = testContext(getDb());
    const { security, seller: holder, buyer: other } = await aSellerAndBuyer(ctx, 1000n);
    const position = { accountNumber: holder.shAccount, securityId: security.id };
    const first = await freeze(ctx, meta, actor, { ...position, authority: '某市中级人民法院', caseNumber: '(2024)测01执1号', quantity: 600n, on: '2024-03-01', months: 24 });
    expect(first.status).toBe('active');
    const second = await freeze(ctx, meta, actor, { ...position, authority: '某区人民法院', caseNumber: '(2024)测02执2号', quantity: 500n, on: '2024-03-02', months: 12 });
    // 400 are free: they are frozen at once, the other 100 wait (DOMAIN.md, "Judicial freeze").
    expect(second).toMatchObject({ status: 'active', frozenQuantity: 400n, waitingQuantity: 100n });

    const sale = await rejection(
      importSettlementBatch(ctx, meta, actor, {
        batchId: 'S-1',
        stream: csv([`${holder.shAccount},SH,${security.code},trade_settlement,tradable,-500,2024-03-05,`, `${other.shAccount},SH,${security.code},trade_settlement,tradable,500,2024-03-05,`]),
      }),
    );
    expect((sale.details.errors as { reason: string }[])[0]?.reason).toBe('ENCUMBERED');

    const during = await freezesAt(ctx.db, holder.shAccount, '2024-03-03');
    expect(during.map((f) => [f.caseNumber, f.status, f.frozenQuantity, f.waitingQuantity])).toEqual([
      ['(2024)测01执1号', 'active', 600n, 0n],
      ['(2024)测02执2号', 'active', 400n, 100n],
    ]);
    await releaseFreeze(ctx, meta, actor, first.id, '2024-04-01');
    const after = await freezesAt(ctx.db, holder.shAccount, '2024-04-01');
    // its term runs from 2024-03-02, when it first took effect: twelve months end 2025-03-01
    expect(after.map((f) => [f.caseNumber, f.status, f.frozenQuantity, f.waitingQuantity, f.endOn])).toEqual([['(2024)测02执2号', 'active', 500n, 0n, '2025-03-01']]);
    const [h] = await ctx.db.select().from(holdings).where(eq(holdings.accountNumber, holder.shAccount));
    expect(h?.frozen).toBe(500n);
  });

  it('pledges: full release by the pledgee, partial release re-registers the remainder', async () => {
    const ctx = testContext(getDb());
    const security = await aSecurity(ctx);
    const holder = await anInvestor(ctx);
    await issue(ctx, security, holder.shAccount, 1000n);
    const position = { accountNumber: holder.shAccount, securityId: security.id };
    const pledgeId = await registerPledge(ctx, meta, actor, { ...position, pledgee: '示例银行', contractNumber: 'ZY-001', quantity: 800n, on: '2024-03-01' });
    expect((await rejection(registerPledge(ctx, meta, actor, { ...position, pledgee: '另一银行', contractNumber: 'ZY-002', quantity: 300n, on: '2024-03-02' }))).code).toBe('PLEDGE_INSUFFICIENT');
    const { remainderId } = await releasePledge(ctx, meta, actor, pledgeId, '2024-04-01', 300n);
    expect(remainderId).toBeTruthy();
    expect((await holdingsAt(ctx.db, holder.shAccount, '2024-04-01'))[0]?.pledged).toBe(500n);
    await releasePledge(ctx, meta, actor, remainderId!, '2024-05-01');
    expect((await holdingsAt(ctx.db, holder.shAccount, '2024-05-01'))[0]?.pledged).toBe(0n);
    expect((await holdingsAt(ctx.db, holder.shAccount, '2024-03-15'))[0]?.pledged).toBe(800n);
  });

  it('the register of a security at a date ranks holders by quantity', async () => {
    const ctx = testContext(getDb());
    const security = await aSecurity(ctx);
    const big = await anInvestor(ctx, '甲');
    const small = await anInvestor(ctx, '乙');
    await issue(ctx, security, big.shAccount, 900n, '2024-01-02');
    await issue(ctx, security, small.shAccount, 100n, '2024-01-02');
    await importSettlementBatch(ctx, meta, actor, {
      batchId: 'R-1',
      stream: csv([`${big.shAccount},SH,${security.code},trade_settlement,tradable,-850,2024-06-03,`, `${small.shAccount},SH,${security.code},trade_settlement,tradable,850,2024-06-03,`]),
    });
    expect((await registerAt(ctx.db, security.id, '2024-05-31')).map((l) => [l.holderName, l.total])).toEqual([
      ['甲', 900n],
      ['乙', 100n],
    ]);
    expect((await registerAt(ctx.db, security.id, '2024-06-03')).map((l) => [l.holderName, l.total])).toEqual([
      ['乙', 950n],
      ['甲', 50n],
    ]);
  });

  it('the journal is append-only', async () => {
    const ctx = testContext(getDb());
    const security = await aSecurity(ctx);
    const holder = await anInvestor(ctx);
    await issue(ctx, security, holder.shAccount, 10n);
    const refusal = (query: Promise<unknown>) =>
      query.then(
        () => 'changed',
        (error: Error) => String((error.cause as Error | undefined)?.message ?? error.message),
      );
    expect(await refusal(ctx.db.execute(sql`update holding_changes set quantity = 11 where account_number = ${holder.shAccount}`))).toMatch(/append-only/);
    expect(await refusal(ctx.db.execute(sql`delete from holding_changes where account_number = ${holder.shAccount}`))).toMatch(/append-only/);
  });
});
