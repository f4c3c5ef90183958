/**
 * How a batch lands in the journal (decision 0029): its entries take one
 * contiguous range of ids, reserved in one step, laid out in the position
 * index's order (account, then security; within a position by date, then
 * line), after every earlier entry; batches written at the same time get
 * ranges that do not overlap; and a batch rejected for its balances leaves no
 * journal entry behind, also in a transaction that goes on.
 */
import { Readable } from 'node:stream';
import { expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { describeEachDatabase } from '../../../../../test/databases.ts';
import { rejection, testContext } from '../../../../../test/context.ts';
import { aSecurity, anInvestor, issue } from '../../../../../test/registry.ts';
import { rows, type Executor } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { importSettlementBatch } from '../settlement/index.ts';
import { applyChanges, type Change } from './ledger.ts';

const meta = { requestId: 'test' };
const actor = { kind: 'system' as const };

function csv(lines: string[]): Readable {
  return Readable.from([['account_number,market,security_code,business_type,category,quantity,effective_on,reference', ...lines].join('\n')]);
}

const entriesOf = (ex: Executor, batchId: string) =>
  rows<{ id: string; account_number: string; effective_on: string; line_no: number; balance_after: string }>(
    ex,
    sql`select id::text as id, account_number, effective_on::text as effective_on, line_no, balance_after::text as balance_after
        from holding_changes hc where batch_id = ${batchId} order by hc.id`,
  );

const maxJournalId = async (ex: Executor) => BigInt((await rows<{ id: string }>(ex, sql`select coalesce(max(id), 0)::text as id from holding_changes`))[0]!.id);

describeEachDatabase('journal writes: id ranges, order, rejection', (getDb) => {
  it('gives a batch one contiguous range of ids, in position order, then date, then line, after every earlier entry', async () => {
    const ctx = testContext(getDb());
    const security = await aSecurity(ctx);
    const investors = [await anInvestor(ctx), await anInvestor(ctx), await anInvestor(ctx)];
    for (const investor of investors) await issue(ctx, security, investor.shAccount, 1000n);
    const [a, b, c] = investors.map((i) => i.shAccount).sort() as [string, string, string];
    const before = await maxJournalId(ctx.db);

    // Lines out of every order: positions interleaved, a later date before an earlier one.
    const file = [
      `${c},SH,${security.code},trade_settlement,tradable,-10,2024-03-02,T1`, // line 2
      `${a},SH,${security.code},trade_settlement,tradable,10,2024-03-02,T1`, // line 3
      `${b},SH,${security.code},trade_settlement,tradable,-5,2024-03-01,T2`, // line 4
      `${c},SH,${security.code},trade_settlement,tradable,5,2024-03-01,T2`, // line 5
      `${a},SH,${security.code},trade_settlement,tradable,-7,2024-03-01,T3`, // line 6
      `${b},SH,${security.code},trade_settlement,tradable,7,2024-03-01,T3`, // line 7
    ];
    expect(await importSettlementBatch(ctx, meta, actor, { batchId: 'J-ORDER', stream: csv(file) })).toEqual({ status: 'applied', batchId: 'J-ORDER', rows: 6 });

    const entries = await entriesOf(ctx.db, 'J-ORDER');
    // Hand-worked: a (line 6 on 03-01: 993, line 3 on 03-02: 1003), b (line 4: 995, line 7: 1002), c (line 5: 1005, line 2: 995).
    expect(entries.map((e) => [e.account_number, e.effective_on, e.line_no, e.balance_after])).toEqual([
      [a, '2024-03-01', 6, '993'],
      [a, '2024-03-02', 3, '1003'],
      [b, '2024-03-01', 4, '995'],
      [b, '2024-03-01', 7, '1002'],
      [c, '2024-03-01', 5, '1005'],
      [c, '2024-03-02', 2, '995'],
    ]);
    const first = BigInt(entries[0]!.id);
    expect(first).toBeGreaterThan(before);
    expect(entries.map((e) => BigInt(e.id) - first)).toEqual([0n, 1n, 2n, 3n, 4n, 5n]);

    // The next batch on one of these positions comes after the whole range.
    await issue(ctx, security, a, 1n, '2024-03-03');
    expect(await maxJournalId(ctx.db)).toBe(first + 6n);
  });

  it('gives batches written at the same time ranges that do not overlap', async () => {
    const ctx = testContext(getDb());
    const security = await aSecurity(ctx);
    const pairs = [];
    for (let i = 0; i < 3; i++) {
      const seller = await anInvestor(ctx);
      const buyer = await anInvestor(ctx);
      await issue(ctx, security, seller.shAccount, 10_000n);
      pairs.push({ seller: seller.shAccount, buyer: buyer.shAccount });
    }
    const batches = pairs.map(({ seller, buyer }, i) => {
      const lines: string[] = [];
      for (let t = 0; t < 200; t++) lines.push(`${seller},SH,${security.code},trade_settlement,tradable,-1,2024-03-01,T${t}`, `${buyer},SH,${security.code},trade_settlement,tradable,1,2024-03-01,T${t}`);
      return importSettlementBatch(ctx, meta, actor, { batchId: `J-PAR-${i}`, stream: csv(lines) });
    });
    expect((await Promise.all(batches)).map((r) => r.rows)).toEqual([400, 400, 400]);

    const ranges = [];
    for (let i = 0; i < 3; i++) {
      const ids = (await entriesOf(ctx.db, `J-PAR-${i}`)).map((e) => BigInt(e.id));
      expect(ids.length).toBe(400);
      expect(ids[ids.length - 1]! - ids[0]!).toBe(399n);
      ranges.push([ids[0]!, ids[ids.length - 1]!] as const);
    }
    ranges.sort((x, y) => (x[0] < y[0] ? -1 : 1));
    expect(ranges[0]![1] < ranges[1]![0] && ranges[1]![1] < ranges[2]![0]).toBe(true);
  });

  it('leaves no journal entry of a batch rejected for its balances, and the caller’s transaction goes on', async () => {
    const ctx = testContext(getDb());
    const security = await aSecurity(ctx);
    const seller = await anInvestor(ctx);
    const buyer = await anInvestor(ctx);
    await issue(ctx, security, seller.shAccount, 100n);
    const change = (lineNo: number, accountNumber: string, quantity: bigint): Change => ({
      lineNo,
      accountNumber,
      market: 'SH',
      securityCode: security.code,
      businessType: 'trade_settlement',
      category: 'tradable',
      quantity,
      effectiveOn: '2024-03-01',
    });

    const outcome = await ctx.db.transaction(async (tx) => {
      const refused = await rejection(applyChanges(tx, 'J-SHORT', ctx.clock.now(), [change(1, seller.shAccount, -150n), change(2, buyer.shAccount, 150n)]));
      expect(refused).toBeInstanceOf(AppError);
      expect((refused.details.errors as { line: number; reason: string }[]).map((e) => [e.line, e.reason])).toEqual([[1, 'NEGATIVE_BALANCE']]);
      const left = await entriesOf(tx, 'J-SHORT');
      // Still usable: a good batch in the same transaction applies.
      const written = await applyChanges(tx, 'J-GOOD', ctx.clock.now(), [change(1, seller.shAccount, -40n), change(2, buyer.shAccount, 40n)]);
      return { left: left.length, written };
    });
    expect(outcome).toEqual({ left: 0, written: 2 });
    expect(await entriesOf(ctx.db, 'J-SHORT')).toEqual([]);
    const balances = await rows<{ account_number: string; tradable: string }>(ctx.db, sql`select account_number, tradable::text as tradable from holdings where security_id = ${security.id} order by tradable`);
    expect(Object.fromEntries(balances.map((h) => [h.account_number, h.tradable]))).toEqual({ [seller.shAccount]: '60', [buyer.shAccount]: '40' });
  });
});
