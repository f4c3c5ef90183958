import { expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { describeEachDatabase } from '../../../../../test/databases.ts';
import { testContext, type TestContext } from '../../../../../test/context.ts';
import { aResidentId, aSecurity, issue } from '../../../../../test/registry.ts';
import { auditEntries } from '../../../platform/db/schema.ts';
import { createHolder, openSecuritiesAccount, openUnifiedAccount } from '../ledger/index.ts';
import { createDistribution, listEntitlements, runDistribution } from './distributions.ts';
import { shareEntitlements } from './distribution-rules.ts';

const meta = { requestId: 'test' };
const actor = { kind: 'system' as const };

// Lots by hand (md5 of "<seed>:<account>", computed outside this code with Python's hashlib):
// seed 5eed: A000000001 05ca2db3…, A000000002 e608ee97…; seed 0123…cdef: A000000001 dc1ec8db…, A000000002 9a67fd90….
const SEED = '5eed';
const OTHER_SEED = '0123456789abcdef0123456789abcdef';
const ACCOUNTS = ['A000000001', 'A000000002', 'A000000003', 'A000000004'];
const HELD = [15n, 25n, 7n, 33n];

describeEachDatabase('distributions: equal fractions settled by a recorded drawing of lots (issue 13)', (getDb) => {
  /** Four holders of a new security with accounts A000000001…4 holding 15, 25, 7 and 33 at the record date. */
  async function fourHolders(ctx: TestContext) {
    const security = await aSecurity(ctx);
    const opening = { agent: 'B01866', method: 'online' as const, on: '2020-01-02' };
    for (const [i, account] of ACCOUNTS.entries()) {
      const holderId = await createHolder(ctx, ctx.db, { kind: 'person', category: 'ordinary', name: `抽签测试${i + 1}`, idType: 'resident_id', idNumber: aResidentId() });
      const unified = `18200000000${i + 1}`;
      await openUnifiedAccount(ctx.db, holderId, unified, opening);
      await openSecuritiesAccount(ctx.db, { holderId, unifiedAccountNumber: unified, number: account, kind: 'a_share' }, opening);
      await issue(ctx, security, account, HELD[i]!, '2024-01-02');
    }
    return security;
  }

  async function sharesOf(ctx: TestContext, id: string) {
    const { items } = await listEntitlements(ctx.db, id, { page: 1, pageSize: 10 });
    return Object.fromEntries(items.map((e) => [e.accountNumber, e.shares]));
  }

  it('lets the lots, not the holding, settle equal fractions; records the seed and what it decided; replays', async () => {
    const ctx = testContext(getDb());
    const security = await fourHolders(ctx);
    const distribution = () => createDistribution(ctx, meta, actor, { market: security.market, code: security.code, recordOn: '2024-06-28', payOn: '2024-07-05', bonusPer10: '2', capitalisationPer10: '1' });

    // 3 per 10: 4.5, 7.5, 2.1, 9.9; 24 to issue, 22 whole, 2 left: A4 (0.9), then A1 and A2 tie at 0.5 and draw lots.
    // Seed 5eed: A1's lot 05ca… is below A2's e608…, so the smaller holding (15) wins the share.
    const first = await distribution();
    const summary = await runDistribution(ctx, meta, actor, first, undefined, SEED);
    expect(summary).toMatchObject({ status: 'completed', sharesIssued: '24', lotSeed: SEED });
    expect(await sharesOf(ctx, first)).toEqual({ A000000001: '5', A000000002: '7', A000000003: '2', A000000004: '10' });

    // The drawing is in the audit entry: the seed, the tied fraction, two candidates, one winner.
    const [entry] = await ctx.db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.action, 'registry.distribution_completed'), eq(auditEntries.objectId, first)));
    expect(entry!.details.drawing).toMatchObject({ lotSeed: SEED, candidates: 2, winners: 1 });
    expect(Number((entry!.details.drawing as { fraction: string }).fraction)).toBe(0.5);

    // Run again: the completed distribution is as it was, its seed unchanged.
    expect(await runDistribution(ctx, meta, actor, first, undefined, OTHER_SEED)).toEqual(summary);

    // The same register and the same seed replay the same drawing; another seed, another drawing (A2's 9a67… < A1's dc1e…).
    const replay = await distribution();
    await runDistribution(ctx, meta, actor, replay, undefined, SEED);
    expect(await sharesOf(ctx, replay)).toEqual(await sharesOf(ctx, first));
    const other = await distribution();
    expect((await runDistribution(ctx, meta, actor, other, undefined, OTHER_SEED)).lotSeed).toBe(OTHER_SEED);
    expect(await sharesOf(ctx, other)).toEqual({ A000000001: '4', A000000002: '8', A000000003: '2', A000000004: '10' });
  });

  it('draws a fresh seed when none is given, and the rules replay the SQL drawing from it', async () => {
    const ctx = testContext(getDb());
    const security = await aSecurity(ctx);
    const accounts = ['A000000011', 'A000000012', 'A000000013', 'A000000014', 'A000000015', 'A000000016'];
    const opening = { agent: 'B01866', method: 'online' as const, on: '2020-01-02' };
    for (const [i, account] of accounts.entries()) {
      const holderId = await createHolder(ctx, ctx.db, { kind: 'person', category: 'ordinary', name: `抽签重放${i + 1}`, idType: 'resident_id', idNumber: aResidentId() });
      await openUnifiedAccount(ctx.db, holderId, `18300000000${i + 1}`, opening);
      await openSecuritiesAccount(ctx.db, { holderId, unifiedAccountNumber: `18300000000${i + 1}`, number: account, kind: 'a_share' }, opening);
      await issue(ctx, security, account, 5n * BigInt(i + 1), '2024-01-02'); // 5, 10, … 30: every odd one ends in .5 at 1 per 10
    }
    const id = await createDistribution(ctx, meta, actor, { market: security.market, code: security.code, recordOn: '2024-06-28', payOn: '2024-07-05', bonusPer10: '1' });
    const summary = await runDistribution(ctx, meta, actor, id);
    expect(summary.lotSeed).toMatch(/^[0-9a-f]{32}$/);
    const reference = shareEntitlements(
      accounts.map((accountNumber, i) => ({ accountNumber, quantity: 5n * BigInt(i + 1) })),
      '1',
      summary.lotSeed!,
    );
    expect(await sharesOf(ctx, id)).toEqual(Object.fromEntries(reference.items.map((i) => [i.accountNumber, i.shares.toString()])));
    expect(summary.sharesIssued).toBe('10'); // 105 × 0.1 = 10.5: three tied halves for one share
  });

  it('records no seed when a distribution gives no shares', async () => {
    const ctx = testContext(getDb());
    const security = await aSecurity(ctx);
    const id = await createDistribution(ctx, meta, actor, { market: security.market, code: security.code, recordOn: '2024-06-28', payOn: '2024-07-05', cashPer10: '1' });
    expect((await runDistribution(ctx, meta, actor, id)).lotSeed).toBeNull();
  });
});
