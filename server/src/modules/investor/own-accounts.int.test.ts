import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, expect, it, vi } from 'vitest';
import { describeEachDatabase } from '../../../../test/databases.ts';
import { testContext, type TestContext } from '../../../../test/context.ts';
import { anInvestor, type TestInvestor } from '../../../../test/registry.ts';
import type { Session } from '../../platform/auth/sessions.ts';
import { openSecuritiesAccount, openUnifiedAccount, securitiesAccounts, unifiedAccounts } from '../registry/index.ts';
import { accountChoicesFor, accountRef, accountScopeFor, accountsFor, addTemporaryAccount, checkAccountFor, checkAccountRefFor, holderAccounts, type AccountUse, type BoundStanding } from './own-accounts.ts';

const meta = { requestId: 'test' };
const opening = { agent: 'B01866', method: 'online' as const, on: '2021-03-01' };

describeEachDatabase('the investor’s own accounts', (getDb) => {
  let ctx: TestContext;
  let mine: TestInvestor;
  let theirs: TestInvestor;
  let standing: BoundStanding;
  const userId = randomUUID();
  const serial = String(Date.now() % 1e7).padStart(7, '0');
  /** a second unified account of the holder, not bound, and its account */
  const spare = { unified: `1802${serial}1`, account: `A7${serial}1` };
  /** a cancelled unified account of the holder, not bound, and its account */
  const closed = { unified: `1802${serial}2`, account: `A7${serial}2` };
  /** a cancelled securities account under the bound unified account */
  const cancelledAccount = `A7${serial}3`;

  const aSession = (stepUpUntil: Date | null = null): Session => ({ id: randomUUID(), principalKind: 'investor', principalId: userId, stepUpUntil, createdAt: ctx.clock.now() });
  const numbersOf = (accounts: { number: string }[]) => accounts.map((a) => a.number).sort();

  beforeAll(async () => {
    ctx = testContext(getDb());
    mine = await anInvestor(ctx, '演示本人');
    theirs = await anInvestor(ctx, '演示他人');
    for (const extra of [spare, closed]) {
      await openUnifiedAccount(ctx.db, mine.holderId, extra.unified, opening);
      await openSecuritiesAccount(ctx.db, { holderId: mine.holderId, unifiedAccountNumber: extra.unified, number: extra.account, kind: 'a_share' }, opening);
    }
    await ctx.db.update(unifiedAccounts).set({ status: 'cancelled' }).where(eq(unifiedAccounts.number, closed.unified));
    await openSecuritiesAccount(ctx.db, { holderId: mine.holderId, unifiedAccountNumber: mine.unifiedAccount, number: cancelledAccount, kind: 'a_share' }, opening);
    await ctx.db.update(securitiesAccounts).set({ status: 'cancelled' }).where(eq(securitiesAccounts.number, cancelledAccount));
    standing = { boundUnifiedAccounts: [{ unifiedAccountNumber: mine.unifiedAccount, boundAt: '2026-01-02T00:00:00.000Z', method: 'quick' }], holderId: mine.holderId };
  });

  it('lists every account of the holder with its binding: bound, unbound; cancelled unified accounts and other holders left out', async () => {
    const accounts = await holderAccounts(ctx, aSession(), standing);
    expect(accounts.map((a) => [a.number, a.binding, a.status]).sort()).toEqual(
      [
        [mine.shAccount, 'bound', 'normal'],
        [mine.szAccount, 'bound', 'normal'],
        [cancelledAccount, 'bound', 'cancelled'],
        [spare.account, 'unbound', 'normal'],
      ].sort(),
    );
    expect(numbersOf(accounts)).not.toContain(theirs.shAccount);
  });

  it('gives each use the bound accounts, and the session’s temporary ones to the queries only', async () => {
    const session = aSession();
    const bound = [mine.shAccount, mine.szAccount, cancelledAccount].sort();
    for (const use of ['holding-query', 'event-query', 'certificate'] as AccountUse[]) expect(numbersOf(await accountsFor(ctx, session, standing, use))).toEqual(bound);

    expect(await addTemporaryAccount(ctx, meta, session, standing, ` ${spare.account.toLowerCase()} `)).toEqual({
      accountMasked: `${spare.account.slice(0, 3)}****${spare.account.slice(-3)}`,
      accountRef: accountRef(ctx, spare.account),
      unifiedAccountMasked: `${spare.unified.slice(0, 3)}******${spare.unified.slice(-3)}`,
      binding: 'temporary',
    });
    expect((await holderAccounts(ctx, session, standing)).find((a) => a.number === spare.account)?.binding).toBe('temporary');
    expect(numbersOf(await accountsFor(ctx, session, standing, 'holding-query'))).toEqual([...bound, spare.account].sort());
    expect(numbersOf(await accountsFor(ctx, session, standing, 'event-query'))).toEqual([...bound, spare.account].sort());
    expect(numbersOf(await accountsFor(ctx, session, standing, 'certificate'))).toEqual(bound);
    expect(await accountScopeFor(ctx, session, standing, 'event-query')).toEqual(expect.arrayContaining([spare.account, mine.shAccount]));
    expect(await accountScopeFor(ctx, session, standing, 'event-query', accountRef(ctx, spare.account))).toEqual([spare.account]);

    const other = aSession();
    expect(numbersOf(await accountsFor(ctx, other, standing, 'event-query'))).toEqual(bound);
    await expect(checkAccountFor(ctx, other, standing, 'holding-query', spare.account)).rejects.toMatchObject({ code: 'QRY_ACCOUNT_NOT_YOURS' });
    await expect(checkAccountFor(ctx, other, standing, 'event-query', spare.account)).rejects.toMatchObject({ code: 'EVQ_ACCOUNT_NOT_YOURS' });
  });

  it('checks one account for a use: its own refusal for other holders’, unknown and unusable accounts', async () => {
    const session = aSession();
    await addTemporaryAccount(ctx, meta, session, standing, spare.account);
    expect(await checkAccountFor(ctx, session, standing, 'holding-query', mine.shAccount.toLowerCase())).toMatchObject({ number: mine.shAccount, market: 'SH', binding: 'bound' });
    expect(await checkAccountFor(ctx, session, standing, 'event-query', spare.account)).toMatchObject({ number: spare.account, unifiedAccountNumber: spare.unified, binding: 'temporary' });
    expect(await checkAccountFor(ctx, session, standing, 'certificate', cancelledAccount)).toMatchObject({ status: 'cancelled', binding: 'bound' });
    await expect(checkAccountFor(ctx, session, standing, 'certificate', spare.account)).rejects.toMatchObject({ code: 'CERT_ACCOUNT_NOT_HOLDERS' });
    for (const [use, code] of [
      ['holding-query', 'QRY_ACCOUNT_NOT_YOURS'],
      ['event-query', 'EVQ_ACCOUNT_NOT_YOURS'],
      ['certificate', 'CERT_ACCOUNT_NOT_HOLDERS'],
    ] as [AccountUse, string][]) {
      await expect(checkAccountFor(ctx, session, standing, use, theirs.shAccount)).rejects.toMatchObject({ code });
      await expect(checkAccountFor(ctx, session, standing, use, 'A000000000')).rejects.toMatchObject({ code });
      await expect(checkAccountFor(ctx, session, standing, use, closed.account)).rejects.toMatchObject({ code });
    }
  });

  it('checks a bound account with one read, a temporary one with two', async () => {
    const session = aSession();
    await addTemporaryAccount(ctx, meta, session, standing, spare.account);
    const reads = vi.spyOn(ctx.db, 'select');
    try {
      await checkAccountFor(ctx, session, standing, 'holding-query', mine.shAccount);
      expect(reads).toHaveBeenCalledTimes(1);
      await checkAccountFor(ctx, session, standing, 'certificate', spare.account).catch(() => undefined);
      expect(reads).toHaveBeenCalledTimes(2);
      await checkAccountFor(ctx, session, standing, 'holding-query', spare.account);
      expect(reads).toHaveBeenCalledTimes(4);
    } finally {
      reads.mockRestore();
    }
  });

  it('adds only an unbound account of the holder: bound ones, other holders’ and cancelled unified accounts’ are refused', async () => {
    const session = aSession();
    await expect(addTemporaryAccount(ctx, meta, session, standing, mine.szAccount)).rejects.toMatchObject({ code: 'QRY_ACCOUNT_ALREADY_BOUND' });
    await expect(addTemporaryAccount(ctx, meta, session, standing, theirs.shAccount)).rejects.toMatchObject({ code: 'QRY_ACCOUNT_NOT_YOURS' });
    await expect(addTemporaryAccount(ctx, meta, session, standing, closed.account)).rejects.toMatchObject({ code: 'QRY_ACCOUNT_NOT_YOURS' });
    await addTemporaryAccount(ctx, meta, session, standing, spare.account);
    await addTemporaryAccount(ctx, meta, session, standing, spare.account);
    expect((await accountsFor(ctx, session, standing, 'holding-query')).filter((a) => a.number === spare.account)).toHaveLength(1);
  });

  it('offers the choices of a use by reference, numbers masked before and after the step-up check', async () => {
    const masked = await accountChoicesFor(ctx, aSession(), standing, 'certificate');
    expect(masked.find((c) => c.ref === accountRef(ctx, mine.shAccount))).toEqual({
      ref: accountRef(ctx, mine.shAccount),
      numberMasked: `${mine.shAccount.slice(0, 3)}****${mine.shAccount.slice(-3)}`,
      market: 'SH',
      kind: 'a_share',
      status: 'normal',
      binding: 'bound',
      unifiedAccountMasked: `${mine.unifiedAccount.slice(0, 3)}******${mine.unifiedAccount.slice(-3)}`,
    });
    const steppedUp = aSession(new Date(ctx.clock.now().getTime() + 60_000));
    const choices = JSON.stringify(await accountChoicesFor(ctx, steppedUp, standing, 'event-query'));
    for (const n of [mine.shAccount, mine.szAccount, cancelledAccount, mine.unifiedAccount]) expect(choices).not.toContain(n);
  });

  it('opens a reference only to an account the use accepts; a forged or foreign reference is refused alike', async () => {
    const session = aSession();
    expect(await checkAccountRefFor(ctx, session, standing, 'holding-query', accountRef(ctx, mine.shAccount))).toMatchObject({ number: mine.shAccount });
    await expect(checkAccountRefFor(ctx, session, standing, 'holding-query', accountRef(ctx, theirs.shAccount))).rejects.toMatchObject({ code: 'QRY_ACCOUNT_NOT_YOURS' });
    await expect(checkAccountRefFor(ctx, session, standing, 'event-query', 'x'.repeat(30))).rejects.toMatchObject({ code: 'EVQ_ACCOUNT_NOT_YOURS' });
    await expect(checkAccountRefFor(ctx, session, standing, 'certificate', mine.shAccount)).rejects.toMatchObject({ code: 'CERT_ACCOUNT_NOT_HOLDERS' });
  });
});
