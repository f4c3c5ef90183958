import { Readable } from 'node:stream';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../../test/databases.ts';
import { changesBetween, holdingsAt } from '../ledger/index.ts';
import { rejection, testContext } from '../../../../../test/context.ts';
import { aSellerAndBuyer } from '../../../../../test/registry.ts';
import { importSettlementBatch, settlementColumns } from './settlement-import.ts';

const meta = { requestId: 'test' };
const actor = { kind: 'system' as const };

describeEachDatabase('settlement import: staging the file', (getDb) => {
  it('takes plain and quoted lines alike (BOM, CRLF, blank lines, blanks to trim, Chinese references), in small chunks', async () => {
    const ctx = testContext(getDb());
    const { security, seller, buyer } = await aSellerAndBuyer(ctx, 1000n);
    const text = [
      `\ufeff${settlementColumns.join(',')}`,
      `${seller.shAccount},SH,${security.code},trade_settlement,tradable,-300,2024-03-01,T1`,
      '',
      ` ${buyer.shAccount} ,SH,${security.code},trade_settlement,tradable,300,2024-03-01,"成交, 编号 ""T1"""`,
      `${seller.shAccount},SH,${security.code},trade_settlement,tradable,-5,2024-03-02`,
      `${buyer.shAccount},SH,${security.code},trade_settlement,tradable,5,2024-03-02,过户`,
    ].join('\r\n');
    const bytes = Buffer.from(text);
    const chunks = Array.from({ length: Math.ceil(bytes.length / 5) }, (_, i) => bytes.subarray(i * 5, i * 5 + 5));
    const result = await importSettlementBatch(ctx, meta, actor, { batchId: 'S-mixed', stream: Readable.from(chunks) });
    expect(result).toEqual({ status: 'applied', batchId: 'S-mixed', rows: 4 });
    expect((await holdingsAt(ctx.db, seller.shAccount, '2024-03-02'))[0]?.tradable).toBe(695n);
    const bought = await changesBetween(ctx.db, buyer.shAccount, '2024-01-01', '2024-12-31');
    expect(bought.map((c) => [c.quantity, c.balanceAfter, c.effectiveOn])).toEqual([
      [300n, 300n, '2024-03-01'],
      [5n, 305n, '2024-03-02'],
    ]);
  });

  it('reports back-dated lines alone, and malformed lines before anything else', async () => {
    const ctx = testContext(getDb());
    const { security, seller: a, buyer: b } = await aSellerAndBuyer(ctx, 100n, { on: '2024-03-10' });
    const csv = (lines: string[]) => Readable.from([[settlementColumns.join(','), ...lines].join('\n')]);
    const backdated = await rejection(
      importSettlementBatch(ctx, meta, actor, {
        batchId: 'S-back',
        stream: csv([`${a.shAccount},SH,${security.code},trade_settlement,tradable,-500,2024-03-01,`, `${b.shAccount},SH,${security.code},trade_settlement,tradable,500,2024-03-01,`]),
      }),
    );
    expect(backdated.details.errors).toEqual([{ line: 2, reason: 'BACKDATED', detail: '2024-03-10' }]);
    const malformed = await rejection(
      importSettlementBatch(ctx, meta, actor, {
        batchId: 'S-fmt',
        stream: csv([`${a.shAccount},SH,${security.code},trade_settlement,tradable,-5,2024-03-11,"open`, `A999999999,SH,${security.code},trade_settlement,tradable,5,2024-03-11,`]),
      }),
    );
    expect(malformed.details.errors).toEqual([{ line: 2, reason: 'QUOTES' }]);
  });
});
