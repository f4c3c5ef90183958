import fc from 'fast-check';
import { expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { describeEachDatabase } from '../../../../../test/databases.ts';
import { testContext, type TestContext } from '../../../../../test/context.ts';
import { aSecurity, anInvestor, issue } from '../../../../../test/registry.ts';
import { addDays } from '../../../kernel/dates.ts';
import { rows } from '../../../platform/db/client.ts';
import { applyChanges, openSecuritiesAccount, type BusinessTypeName, type Change } from '../ledger/index.ts';
import { createDistribution, runDistribution } from '../events/index.ts';
import { computeDividendTax } from './index.ts';

/**
 * Issue 13 item 1 as a property on the journal: however an individual's shares
 * move between accounts (their own credit account, an heir's account, back
 * again) before they are sold, the tax on the dividend they received is the
 * same as if they had stayed in the account that bought them. Two securities
 * live the same story, one with the moves and one without.
 */

const meta = { requestId: 'test' };
const actor = { kind: 'system' as const };
let batchNo = 0;

async function post(ctx: TestContext, security: { code: string; market: string }, businessType: BusinessTypeName, from: string, to: string, quantity: bigint, on: string) {
  const base = { market: security.market, securityCode: security.code, businessType, category: 'tradable' as const, effectiveOn: on };
  const changes: Change[] = [
    { ...base, lineNo: 1, accountNumber: from, quantity: -quantity },
    { ...base, lineNo: 2, accountNumber: to, quantity },
  ];
  await ctx.db.transaction((tx) => applyChanges(tx, `tax-property-${++batchNo}-${Math.random()}`, ctx.clock.now(), changes));
}

type Step = { sell: boolean; to: number; share: number; days: number };
const step: fc.Arbitrary<Step> = fc.record({ sell: fc.boolean(), to: fc.nat(2), share: fc.integer({ min: 1, max: 100 }), days: fc.integer({ min: 1, max: 60 }) });

async function taxOf(ctx: TestContext, securityId: number): Promise<string> {
  const [total] = await rows<{ tax: string }>(ctx.db, sql`select coalesce(sum(tax_amount), 0)::text as tax from dividend_tax_records where security_id = ${securityId}`);
  return total!.tax;
}

describeEachDatabase('dividend tax follows moved shares (property)', (getDb) => {
  it('moves between accounts before the sales never change the tax', async () => {
    const ctx = testContext(getDb());
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 30 }), fc.array(step, { minLength: 1, maxLength: 6 }), async (hundreds, boughtBefore, steps) => {
        const seller = await anInvestor(ctx, '测试卖方');
        const buyer = await anInvestor(ctx, '测试买方');
        const heir = await anInvestor(ctx, '测试继承人');
        const credit = `A8${buyer.shAccount.slice(-8)}`;
        await openSecuritiesAccount(ctx.db, { holderId: buyer.holderId, unifiedAccountNumber: buyer.unifiedAccount, number: credit, kind: 'credit' }, { agent: 'B01866', method: 'online', on: '2020-01-02' });
        const places = [buyer.shAccount, credit, heir.shAccount];
        const recordOn = '2024-03-20';
        const bought = BigInt(hundreds * 100);
        const stayed = await aSecurity(ctx);
        const moved = await aSecurity(ctx);
        for (const s of [stayed, moved]) {
          await issue(ctx, s, seller.shAccount, 1_000_000n, '2024-01-02');
          await post(ctx, s, 'trade_settlement', seller.shAccount, buyer.shAccount, bought, addDays(recordOn, -boughtBefore));
          await runDistribution(ctx, meta, actor, await createDistribution(ctx, meta, actor, { market: s.market, code: s.code, recordOn, payOn: addDays(recordOn, 2), cashPer10: '2.5' }));
        }

        // The moved story: shares go from place to place and are sold from where they went last; the other sells as much from where they were bought.
        const held = [bought, 0n, 0n];
        let day = addDays(recordOn, 3);
        let where = 0;
        for (const s of steps) {
          day = addDays(day, s.days);
          const quantity = (held[where]! * BigInt(s.share)) / 100n;
          if (quantity === 0n) continue;
          if (s.sell) {
            await post(ctx, moved, 'trade_settlement', places[where]!, seller.shAccount, quantity, day);
            await post(ctx, stayed, 'trade_settlement', buyer.shAccount, seller.shAccount, quantity, day);
            held[where]! -= quantity;
          } else if (s.to !== where) {
            const kind = places[s.to] === heir.shAccount || places[where] === heir.shAccount ? 'non_trade_transfer' : 'custody_transfer';
            await post(ctx, moved, kind, places[where]!, places[s.to]!, quantity, day);
            held[where]! -= quantity;
            held[s.to]! += quantity;
            where = s.to;
          }
        }
        for (const s of [stayed, moved]) await computeDividendTax(ctx, meta, actor, { securityId: s.id });
        expect(await taxOf(ctx, moved.id)).toBe(await taxOf(ctx, stayed.id));
      }),
      { numRuns: 6 },
    );
  });
});
