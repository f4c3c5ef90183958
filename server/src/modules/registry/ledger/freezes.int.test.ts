/**
 * Judicial freezes, waiting freezes (轮候冻结) and renewals (续冻), with hand-computed cases (DOMAIN.md,
 * "Judicial freeze" and "Dates"): a freeze takes what is free and queues the rest; a new freeze with enough
 * free shares is never queued; waiting parts take effect in queue order when an earlier freeze ends, and what
 * cannot take effect yet stays waiting; the order names its term, a renewal runs from the previous end.
 */
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../../test/databases.ts';
import { rejection, testContext, type TestContext } from '../../../../../test/context.ts';
import { aSecurity, anInvestor, issue } from '../../../../../test/registry.ts';
import { expireFreezes, freeze, releaseFreeze, renewFreeze, type FreezeOrder } from './encumbrances.ts';
import { freezesAt, holdingsAt } from './queries.ts';
import { freezes, holdings } from './schema.ts';

const meta = { requestId: 'freezes' };
const actor = { kind: 'system' as const };

async function aHolding(ctx: TestContext, quantity: bigint, on = '2024-01-02') {
  const security = await aSecurity(ctx);
  const holder = await anInvestor(ctx);
  await issue(ctx, security, holder.shAccount, quantity, on);
  const position = { accountNumber: holder.shAccount, securityId: security.id };
  let caseNo = 0;
  const order = (quantity: bigint, on: string, months: number): FreezeOrder => ({ ...position, authority: '测试市中级人民法院', caseNumber: `(2024)测执${++caseNo}号`, quantity, on, months });
  return { security, holder, position, order };
}

/** Each freeze of the account as [case number, status, ordered, in force, waiting, queue no, start, end]. */
async function freezeRows(ctx: TestContext, accountNumber: string) {
  const found = await ctx.db.select().from(freezes).where(eq(freezes.accountNumber, accountNumber)).orderBy(freezes.queueNo);
  return found.map((f) => [f.caseNumber, f.status, f.quantity, f.frozenQuantity, f.quantity - f.frozenQuantity, f.queueNo, f.startOn, f.endOn]);
}

async function frozenOf(ctx: TestContext, accountNumber: string) {
  const [h] = await ctx.db.select().from(holdings).where(eq(holdings.accountNumber, accountNumber));
  return h!.frozen;
}

describeEachDatabase('judicial freezes and the queue of waiting freezes', (getDb) => {
  it('freezes what is free and queues the rest; a new freeze takes free shares even behind a waiting one; waiting parts take effect in order and the rest stays waiting', async () => {
    const ctx = testContext(getDb());
    const { security, holder, order } = await aHolding(ctx, 1000n);
    const account = holder.shAccount;

    // 1000 held. A: 600 of them, from 2024-01-31 for one month: ends 2024-02-29 (a leap year's February has no 30th).
    expect(await freeze(ctx, meta, actor, order(600n, '2024-01-31', 1))).toMatchObject({ status: 'active', frozenQuantity: 600n, waitingQuantity: 0n });
    // B asks 500 with 400 free: 400 in force at once, 100 wait (before: all 500 waited).
    const b = await freeze(ctx, meta, actor, order(500n, '2024-02-01', 12));
    expect(b).toMatchObject({ status: 'active', frozenQuantity: 400n, waitingQuantity: 100n });
    expect(await frozenOf(ctx, account)).toBe(1000n);

    // 300 more shares arrive; C asks 200: they are free, so C is in force at once although B's 100 wait (before: C waited behind B).
    await issue(ctx, security, account, 300n, '2024-02-05');
    expect(await freeze(ctx, meta, actor, order(200n, '2024-02-05', 6))).toMatchObject({ status: 'active', frozenQuantity: 200n, waitingQuantity: 0n });
    // D asks 1000 with 100 free: 100 in force, 900 wait. E asks 300 with nothing free: all of it waits, no term yet.
    expect(await freeze(ctx, meta, actor, order(1000n, '2024-02-06', 3))).toMatchObject({ status: 'active', frozenQuantity: 100n, waitingQuantity: 900n });
    expect(await freeze(ctx, meta, actor, order(300n, '2024-02-11', 1))).toMatchObject({ status: 'waiting', frozenQuantity: 0n, waitingQuantity: 300n });
    expect(await frozenOf(ctx, account)).toBe(1300n);
    expect(await freezeRows(ctx, account)).toEqual([
      ['(2024)测执1号', 'active', 600n, 600n, 0n, 1, '2024-01-31', '2024-02-29'],
      ['(2024)测执2号', 'active', 500n, 400n, 100n, 2, '2024-02-01', '2025-01-31'],
      ['(2024)测执3号', 'active', 200n, 200n, 0n, 3, '2024-02-05', '2024-08-04'],
      ['(2024)测执4号', 'active', 1000n, 100n, 900n, 4, '2024-02-06', '2024-05-05'],
      ['(2024)测执5号', 'waiting', 300n, 0n, 300n, 5, null, null],
    ]);

    // A ends: its 600 go down the queue. B takes its last 100 (its term does not restart), D takes 500 and 400 of it
    // still wait (before: the part that could not take effect was dropped), E gets nothing yet.
    const [a] = await ctx.db.select().from(freezes).where(eq(freezes.caseNumber, '(2024)测执1号'));
    await releaseFreeze(ctx, meta, actor, a!.id, '2024-02-10');
    expect((await freezeRows(ctx, account)).slice(1)).toEqual([
      ['(2024)测执2号', 'active', 500n, 500n, 0n, 2, '2024-02-01', '2025-01-31'],
      ['(2024)测执3号', 'active', 200n, 200n, 0n, 3, '2024-02-05', '2024-08-04'],
      ['(2024)测执4号', 'active', 1000n, 600n, 400n, 4, '2024-02-06', '2024-05-05'],
      ['(2024)测执5号', 'waiting', 300n, 0n, 300n, 5, null, null],
    ]);
    expect(await frozenOf(ctx, account)).toBe(1300n);

    // C is released on 2024-03-31: D, earlier in the queue, takes the 200 before E; 200 of D still wait.
    const [c] = await ctx.db.select().from(freezes).where(eq(freezes.caseNumber, '(2024)测执3号'));
    await releaseFreeze(ctx, meta, actor, c!.id, '2024-03-31');
    expect((await freezeRows(ctx, account)).slice(3)).toEqual([
      ['(2024)测执4号', 'active', 1000n, 800n, 200n, 4, '2024-02-06', '2024-05-05'],
      ['(2024)测执5号', 'waiting', 300n, 0n, 300n, 5, null, null],
    ]);

    // D's term ends on 2024-05-05 and it expires the next day with its waiting 200: E takes 300 of the 800 freed,
    // and its own one-month term starts then: 2024-05-06 → 2024-06-05.
    expect(await expireFreezes(ctx, '2024-05-06')).toBe(1);
    expect((await freezeRows(ctx, account)).slice(3)).toEqual([
      ['(2024)测执4号', 'expired', 1000n, 800n, 200n, 4, '2024-02-06', '2024-05-05'],
      ['(2024)测执5号', 'active', 300n, 300n, 0n, 5, '2024-05-06', '2024-06-05'],
    ]);
    expect(await frozenOf(ctx, account)).toBe(800n); // B 500 + E 300 of 1300 held
    expect((await holdingsAt(ctx.db, account, '2024-05-06'))[0]?.frozen).toBe(800n);

    // The staff view at a date: the order's term and the waiting part beside what is in force.
    const [bView] = (await freezesAt(ctx.db, account, '2024-05-06')).filter((f) => f.caseNumber === '(2024)测执2号');
    expect(bView).toMatchObject({ status: 'active', quantity: 500n, frozenQuantity: 500n, waitingQuantity: 0n, periodMonths: 12 });
    const [eBefore] = (await freezesAt(ctx.db, account, '2024-03-01')).filter((f) => f.caseNumber === '(2024)测执5号');
    expect(eBefore).toMatchObject({ status: 'waiting', quantity: 300n, frozenQuantity: 0n, waitingQuantity: 300n, periodMonths: 1, queueNo: 5 });
  });

  it('a waiting freeze released before it takes effect changes no balance and leaves the queue to the next', async () => {
    const ctx = testContext(getDb());
    const { holder, order } = await aHolding(ctx, 100n);
    const first = await freeze(ctx, meta, actor, order(100n, '2024-03-01', 12));
    const waiting = await freeze(ctx, meta, actor, order(60n, '2024-03-02', 12));
    const last = await freeze(ctx, meta, actor, order(70n, '2024-03-03', 12));
    expect([waiting.status, last.status]).toEqual(['waiting', 'waiting']);
    await releaseFreeze(ctx, meta, actor, waiting.id, '2024-03-04');
    expect(await frozenOf(ctx, holder.shAccount)).toBe(100n);
    await releaseFreeze(ctx, meta, actor, first.id, '2024-03-05');
    expect((await freezeRows(ctx, holder.shAccount)).map((f) => f.slice(1, 5))).toEqual([
      ['released', 100n, 100n, 0n],
      ['released', 60n, 0n, 60n],
      ['active', 70n, 70n, 0n],
    ]);
  });

  it('two releases on one position at once both apply, and the queue ends the same whichever comes first', async () => {
    const ctx = testContext(getDb());
    const { holder, order } = await aHolding(ctx, 1000n);
    const a = await freeze(ctx, meta, actor, order(400n, '2024-03-01', 12));
    // Both released orders matter to the queue: the second still waits in part, so releasing the first would hand it shares.
    const b = await freeze(ctx, meta, actor, order(800n, '2024-03-02', 12));
    expect(b).toMatchObject({ frozenQuantity: 600n, waitingQuantity: 200n });
    expect(await freeze(ctx, meta, actor, order(300n, '2024-03-03', 12))).toMatchObject({ status: 'waiting', waitingQuantity: 300n });
    await Promise.all([releaseFreeze(ctx, meta, actor, a.id, '2024-03-10'), releaseFreeze(ctx, meta, actor, b.id, '2024-03-10')]);
    // Whichever went first, the third order is whole in force from 2024-03-10 and nothing else is frozen.
    const rows = await freezeRows(ctx, holder.shAccount);
    expect(rows.map((f) => f[1])).toEqual(['released', 'released', 'active']);
    expect(rows[2]!.slice(1)).toEqual(['active', 300n, 300n, 0n, 3, '2024-03-10', '2025-03-09']);
    expect(await frozenOf(ctx, holder.shAccount)).toBe(300n);
  });

  it('the order names its term, up to FREEZE_MAX_MONTHS; the end is the same date N months later minus a day', async () => {
    const ctx = testContext(getDb());
    const { holder, order } = await aHolding(ctx, 10_000n, '2005-12-30');
    const endOf = async (quantity: bigint, on: string, months: number) => {
      const { id } = await freeze(ctx, meta, actor, order(quantity, on, months));
      const [f] = await ctx.db.select().from(freezes).where(eq(freezes.id, id));
      return f!.endOn;
    };
    expect(await endOf(1n, '2006-01-12', 24)).toBe('2008-01-11'); // DOMAIN.md's example
    expect(await endOf(1n, '2023-01-31', 1)).toBe('2023-02-28');
    expect(await endOf(1n, '2024-01-31', 1)).toBe('2024-02-29');
    expect(await endOf(1n, '2024-02-29', 12)).toBe('2025-02-28');
    expect(await endOf(1n, '2025-03-31', 1)).toBe('2025-04-30');
    expect(await endOf(1n, '2025-04-01', 36)).toBe('2028-03-31'); // three years: the default maximum (before: refused above 24 months)
    expect(await rejection(freeze(ctx, meta, actor, order(1n, '2025-04-01', 37)))).toMatchObject({ code: 'FREEZE_PERIOD_TOO_LONG', details: { maxMonths: 36 } });
    expect(await rejection(freeze(ctx, meta, actor, order(1n, '2025-04-01', 0)))).toMatchObject({ code: 'FREEZE_PERIOD_TOO_LONG' });
    const strict = testContext(getDb(), { freezeMaxMonths: 24 });
    expect(await rejection(freeze(strict, meta, actor, order(1n, '2025-04-01', 25)))).toMatchObject({ code: 'FREEZE_PERIOD_TOO_LONG', details: { maxMonths: 24 } });
    expect(await frozenOf(ctx, holder.shAccount)).toBe(6n);
  });

  it('a renewal is asked before the term ends and runs from the previous end, each at most FREEZE_MAX_MONTHS', async () => {
    const ctx = testContext(getDb());
    const { order } = await aHolding(ctx, 1000n);
    const { id } = await freeze(ctx, meta, actor, order(500n, '2024-02-29', 12)); // ends 2025-02-28
    // Asked on 2025-02-20 for 36 months: from 2025-03-01, so it ends on the last day of February 2028 (before: 2028-02-19, from the renewal date).
    expect(await renewFreeze(ctx, meta, actor, id, '2025-02-20', 36)).toEqual({ endOn: '2028-02-29' });
    // Asked on its last day for one month: from 2028-03-01 to 2028-03-31.
    expect(await renewFreeze(ctx, meta, actor, id, '2028-02-29', 1)).toEqual({ endOn: '2028-03-31' });
    // From 2028-04-01 for 12 months ends 2029-03-31.
    expect(await renewFreeze(ctx, meta, actor, id, '2028-03-01', 12)).toEqual({ endOn: '2029-03-31' });
    expect(await rejection(renewFreeze(ctx, meta, actor, id, '2029-04-01', 12))).toMatchObject({ code: 'FREEZE_RENEWAL_OUT_OF_TERM', details: { endOn: '2029-03-31' } });
    expect(await rejection(renewFreeze(ctx, meta, actor, id, '2029-03-01', 37))).toMatchObject({ code: 'FREEZE_PERIOD_TOO_LONG' });

    const { order: another } = await aHolding(ctx, 100n, '2022-12-30');
    const { id: other } = await freeze(ctx, meta, actor, another(100n, '2023-01-31', 1)); // ends 2023-02-28
    expect(await renewFreeze(ctx, meta, actor, other, '2023-02-28', 1)).toEqual({ endOn: '2023-03-31' }); // from 03-01: the whole of March
    const { id: queued, status } = await freeze(ctx, meta, actor, another(1n, '2023-02-01', 12));
    expect(status).toBe('waiting');
    expect(await rejection(renewFreeze(ctx, meta, actor, queued, '2023-02-02', 12))).toMatchObject({ code: 'FREEZE_NOT_FOUND' }); // nothing in force yet: no term to renew
  });
});
