import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it, vi } from 'vitest';
import { describeEachDatabase } from '../../../../test/databases.ts';
import { captchaAnswer, lastCodeSentTo } from '../../../../test/context.ts';
import { aSecurity, anInvestor, issue, type TestInvestor } from '../../../../test/registry.ts';
import { aRegisteredInvestor } from '../../../../test/verification.ts';
import { ApiClient, serverForSuite } from '../../../../test/http.ts';
import { FixedClock } from '../../platform/clock.ts';
import { applyChanges, freeze, openSecuritiesAccount, openUnifiedAccount } from '../registry/index.ts';
import { investorBindings } from './schema.ts';
import { accountRef } from './own-accounts.ts';

const meta = { requestId: 'test' };
const actor = { kind: 'system' as const };
const Q = '/api/v1/investor/queries';

describeEachDatabase('investor queries of 我的一码通', (getDb) => {
  const server = serverForSuite(getDb, { config: { otpResendSeconds: 0 }, clock: new FixedClock(new Date('2026-11-21T02:00:00Z')) });
  let mine: TestInvestor;
  let theirs: TestInvestor;
  let security: { id: number; code: string; market: string };
  let client: ApiClient;
  let mobile: string;
  const otherUnified = `1801${String(Date.now() % 1e8).padStart(8, '0')}`;
  const otherAccount = `A8${String(Date.now() % 1e8).padStart(8, '0')}`;

  /** Binds the investor user to the holder's unified account, as a passed binding would have. */
  async function bind(c: ApiClient, investor: TestInvestor) {
    const principal = (await c.request('GET', '/api/v1/session')).json().principal as { id: string };
    await server.ctx.db.insert(investorBindings).values({
      id: randomUUID(),
      investorUserId: principal.id,
      holderId: investor.holderId,
      unifiedAccountNumber: investor.unifiedAccount,
      method: 'quick',
      verificationId: null,
      status: 'active',
      boundAt: server.ctx.clock.now(),
    });
  }

  beforeAll(async () => {
    const ctx = server.ctx;
    security = await aSecurity(ctx, { name: '演示测试股份' });
    mine = await anInvestor(ctx, '演示查询人');
    theirs = await anInvestor(ctx, '演示他人');
    // A second unified account of the same holder, not bound: 添加证券账户 adds its account.
    const opening = { agent: 'B01866', method: 'online' as const, on: '2021-03-01' };
    await openUnifiedAccount(ctx.db, mine.holderId, otherUnified, opening);
    await openSecuritiesAccount(ctx.db, { holderId: mine.holderId, unifiedAccountNumber: otherUnified, number: otherAccount, kind: 'a_share' }, opening);
    await issue(ctx, security, mine.shAccount, 1000n, '2025-01-02');
    await issue(ctx, security, otherAccount, 70n, '2025-01-02');
    await issue(ctx, security, theirs.shAccount, 500n, '2025-01-02');
    await ctx.db.transaction((tx) =>
      applyChanges(tx, 'Q-1', ctx.clock.now(), [
        { lineNo: 1, accountNumber: mine.shAccount, market: 'SH', securityCode: security.code, businessType: 'trade_settlement', category: 'tradable', quantity: -300n, effectiveOn: '2025-06-03' },
        { lineNo: 2, accountNumber: theirs.shAccount, market: 'SH', securityCode: security.code, businessType: 'trade_settlement', category: 'tradable', quantity: 300n, effectiveOn: '2025-06-03' },
      ]),
    );
    await freeze(ctx, meta, actor, { accountNumber: mine.shAccount, securityId: security.id, authority: '演示市中级人民法院', caseNumber: '(2025)演01执1号', quantity: 600n, on: '2025-07-01', months: 24 }); // both in force at the suite's clock (2026-11-21): the freeze-expiry job leaves them
    await freeze(ctx, meta, actor, { accountNumber: mine.shAccount, securityId: security.id, authority: '演示区人民法院', caseNumber: '(2025)演02执2号', quantity: 500n, on: '2025-07-02', months: 24 });
    ({ client, mobile } = await aRegisteredInvestor(server));
    await bind(client, mine);
  });

  const ref = (account: string) => accountRef(server.ctx, account);
  const holdings = (c: ApiClient, account: string, date = '2025-12-31', market = 'SH') => c.request('GET', `${Q}/holdings?account=${ref(account)}&market=${market}&securityClass=A&date=${date}`);

  it('refuses an investor who has not bound a unified account', async () => {
    const { client: unbound } = await aRegisteredInvestor(server);
    for (const path of [`${Q}/unified-accounts`, `${Q}/accounts`, `${Q}/holdings?account=${ref(mine.shAccount)}&market=SH&securityClass=A&date=2025-12-31`]) {
      const response = await unbound.request('GET', path);
      expect(response.statusCode).toBe(403);
      expect(response.json().code).toBe('INVESTOR_NOT_BOUND');
    }
  });

  it('shows only the holder’s own accounts, masked until the step-up check, then in full', async () => {
    const masked = (await client.request('GET', `${Q}/unified-accounts`)).json();
    expect(masked.fullNumbers).toBe(false);
    expect(masked.items.map((u: { unifiedAccountNumber: string; bound: boolean }) => [u.unifiedAccountNumber, u.bound])).toEqual([
      [mine.unifiedAccount, true],
      [otherUnified, false],
    ]);
    const numbers = masked.items.flatMap((u: { securitiesAccounts: { number: string; binding: string }[] }) => u.securitiesAccounts.map((a) => [a.number, a.binding]));
    expect(numbers).toEqual(
      expect.arrayContaining([
        [`${mine.shAccount.slice(0, 3)}****${mine.shAccount.slice(-3)}`, 'bound'],
        [`${otherAccount.slice(0, 3)}****${otherAccount.slice(-3)}`, 'unbound'],
      ]),
    );
    expect(JSON.stringify(masked)).not.toContain(mine.shAccount);
    expect(JSON.stringify(masked)).not.toContain(theirs.shAccount.slice(-3) + '"');

    const captcha = (await client.request('POST', '/api/v1/captcha', {})).json();
    await client.request('POST', '/api/v1/step-up/code', { captchaId: captcha.captchaId, captchaAnswer: await captchaAnswer(server.ctx, captcha.captchaId), channel: 'sms' });
    expect((await client.request('POST', '/api/v1/step-up', { channel: 'sms', code: await lastCodeSentTo(server.ctx, mobile) })).statusCode).toBe(200);
    const full = (await client.request('GET', `${Q}/unified-accounts`)).json();
    expect(full.fullNumbers).toBe(true);
    expect(JSON.stringify(full)).toContain(mine.shAccount);
    // The account choices stay masked after the step-up: they carry a reference, never the number (issue 12 item 6).
    const choices = (await client.request('GET', `${Q}/accounts`)).json().items;
    expect(choices.map((a: { ref: string; numberMasked: string; market: string }) => [a.ref, a.numberMasked, a.market])).toEqual(
      [
        [ref(mine.szAccount), `${mine.szAccount.slice(0, 3)}****${mine.szAccount.slice(-3)}`, 'SZ'],
        [ref(mine.shAccount), `${mine.shAccount.slice(0, 3)}****${mine.shAccount.slice(-3)}`, 'SH'],
      ].sort((a, b) => (a[1]! < b[1]! ? -1 : 1)),
    );
    expect(JSON.stringify(choices)).not.toMatch(new RegExp(`${mine.shAccount}|${mine.szAccount}|${mine.unifiedAccount}`));
  });

  it('reads holdings by category at a date, and refuses another holder’s account and a wrong market', async () => {
    const at = await holdings(client, mine.shAccount);
    expect(at.statusCode).toBe(200);
    expect(at.json()).toMatchObject({ total: 1, items: [{ code: security.code, name: '演示测试股份', tradable: '700', restricted: '0', frozen: '700', total: '700' }] });
    expect((await holdings(client, mine.shAccount, '2025-01-01')).json()).toMatchObject({ total: 0, items: [] });
    const other = await holdings(client, theirs.shAccount);
    expect(other.statusCode).toBe(404);
    expect(other.json().code).toBe('QRY_ACCOUNT_NOT_YOURS');
    expect((await holdings(client, 'A000000000')).json().code).toBe('QRY_ACCOUNT_NOT_YOURS');
    // An account number is never taken in the URL, only its reference; a forged reference is an account not yours.
    expect((await client.request('GET', `${Q}/holdings?account=${mine.shAccount}&market=SH&securityClass=A&date=2025-12-31`)).statusCode).toBe(400);
    expect((await client.request('GET', `${Q}/holdings?account=${'A'.repeat(35)}&market=SH&securityClass=A&date=2025-12-31`)).json().code).toBe('QRY_ACCOUNT_NOT_YOURS');
    expect((await holdings(client, mine.shAccount, '2025-12-31', 'SZ')).json().code).toBe('QRY_MARKET_MISMATCH');
  });

  it('answers a holdings query in four statements (session, bindings, account, positions), decrypting nothing', async () => {
    expect((await holdings(client, mine.shAccount)).statusCode).toBe(200);
    // Drizzle sends each statement through the driver's query (the PGlite instance or the pg pool).
    const raw = getDb().raw as unknown as { query: (...args: unknown[]) => unknown };
    const statements = vi.spyOn(raw, 'query');
    const decrypt = vi.spyOn(server.ctx.vault, 'decrypt');
    try {
      expect((await holdings(client, mine.shAccount)).statusCode).toBe(200);
      const texts = statements.mock.calls.map(([first]) => (typeof first === 'string' ? first : String((first as { text?: string }).text)));
      expect(texts.length, texts.join('\n')).toBeLessThanOrEqual(4);
      expect(decrypt).not.toHaveBeenCalled();
    } finally {
      statements.mockRestore();
      decrypt.mockRestore();
    }
  });

  it('validates dates: real days, not after today, periods in order and at most a year', async () => {
    expect((await holdings(client, mine.shAccount, '2025-02-30')).json().code).toBe('QRY_DATE_INVALID');
    const future = await holdings(client, mine.shAccount, '2026-11-22');
    expect(future.statusCode).toBe(400);
    expect(future.json()).toMatchObject({ code: 'QRY_DATE_IN_FUTURE', message: '查询日期不能晚于今天' });
    expect((await holdings(client, mine.shAccount, '2026-11-21')).statusCode).toBe(200);
    const changes = (from: string, to: string) => client.request('GET', `${Q}/changes?account=${ref(mine.shAccount)}&market=SH&securityClass=A&from=${from}&to=${to}`);
    expect((await changes('2025-06-01', '2025-01-01')).json().code).toBe('QRY_RANGE_REVERSED');
    const long = await changes('2024-12-31', '2026-01-01');
    expect(long.json()).toMatchObject({ code: 'QRY_RANGE_TOO_LONG', message: '起始日期与结束日期的间隔不能超过一年' });
    expect((await changes('2025-01-01', '2025-12-31')).statusCode).toBe(200);
    expect((await client.request('GET', `${Q}/freezes?account=${ref(mine.shAccount)}&market=SH&securityClass=A&date=2027-01-01`)).json().code).toBe('QRY_DATE_IN_FUTURE');
  });

  it('lists changes with Chinese business type names, paged, and the balance history for the chart', async () => {
    const base = `${Q}/changes?account=${ref(mine.shAccount)}&market=SH&securityClass=A&from=2025-01-01&to=2025-12-31`;
    const first = (await client.request('GET', `${base}&pageSize=2`)).json();
    expect(first.total).toBe(4); // the second freeze took the 100 left free
    expect(first.items.map((c: { date: string; businessTypeZh: string; quantity: string; balanceAfter: string }) => [c.date, c.businessTypeZh, c.quantity, c.balanceAfter])).toEqual([
      ['2025-01-02', '初始登记', '1000', '1000'],
      ['2025-06-03', '交易过户', '-300', '700'],
    ]);
    const second = (await client.request('GET', `${base}&pageSize=2&page=2`)).json();
    expect(second.items.map((c: { businessTypeZh: string }) => c.businessTypeZh)).toEqual(['司法冻结', '司法冻结']);
    expect((await client.request('GET', `${Q}/changes?account=${ref(mine.shAccount)}&market=SH&securityClass=B&from=2025-01-01&to=2025-12-31`)).json().total).toBe(0);

    const history = (await client.request('GET', `${Q}/holding-history?account=${ref(mine.shAccount)}&market=SH&securityClass=A&from=2025-01-01&to=2025-12-31&securityCode=${security.code}`)).json();
    expect(history.points).toEqual([
      { date: '2024-12-31', balance: '0' },
      { date: '2025-01-02', balance: '1000' },
      { date: '2025-06-03', balance: '700' },
    ]);
  });

  it('shows freezes in force and waiting at a date', async () => {
    const found = (await client.request('GET', `${Q}/freezes?account=${ref(mine.shAccount)}&market=SH&securityClass=A&date=2025-07-02`)).json();
    // The second order found 100 of 700 free: those are frozen, its other 400 wait.
    expect(found.items.map((f: { caseNumber: string; state: string; quantity: string; frozenQuantity: string; authority: string }) => [f.caseNumber, f.state, f.quantity, f.frozenQuantity, f.authority])).toEqual([
      ['(2025)演01执1号', 'active', '600', '600', '演示市中级人民法院'],
      ['(2025)演02执2号', 'active', '500', '100', '演示区人民法院'],
    ]);
    expect((await client.request('GET', `${Q}/freezes?account=${ref(mine.shAccount)}&market=SH&securityClass=A&date=2025-06-30`)).json().total).toBe(0);
  });

  it('adds an unbound account of the same holder for this session only, and refuses other holders’ accounts', async () => {
    expect((await holdings(client, otherAccount)).json().code).toBe('QRY_ACCOUNT_NOT_YOURS');
    const refused = await client.request('POST', `${Q}/temporary-accounts`, { accountNumber: theirs.shAccount });
    expect(refused.statusCode).toBe(404);
    expect(refused.json().code).toBe('QRY_ACCOUNT_NOT_YOURS');
    expect((await client.request('POST', `${Q}/temporary-accounts`, { accountNumber: mine.szAccount })).json().code).toBe('QRY_ACCOUNT_ALREADY_BOUND');
    const added = await client.request('POST', `${Q}/temporary-accounts`, { accountNumber: otherAccount.toLowerCase() });
    expect(added.json()).toEqual({
      accountMasked: `${otherAccount.slice(0, 3)}****${otherAccount.slice(-3)}`,
      accountRef: ref(otherAccount),
      unifiedAccountMasked: `${otherUnified.slice(0, 3)}******${otherUnified.slice(-3)}`,
      binding: 'temporary',
    });
    expect((await client.request('POST', `${Q}/temporary-accounts`, { accountNumber: otherAccount })).statusCode).toBe(200);
    expect((await holdings(client, otherAccount)).json().items[0]).toMatchObject({ tradable: '70' });
    const view = (await client.request('GET', `${Q}/unified-accounts`)).json();
    expect(view.items[1].securitiesAccounts[0]).toMatchObject({ binding: 'temporary' });

    // Another session of the same user has not added it.
    const login = await new ApiClient(server.app).start();
    const captcha = (await login.request('POST', '/api/v1/captcha', {})).json();
    const signedIn = await login.request('POST', '/api/v1/investor/login', { account: mobile, password: 'abc12345', captchaId: captcha.captchaId, captchaAnswer: await captchaAnswer(server.ctx, captcha.captchaId) });
    expect(signedIn.statusCode).toBe(200);
    expect((await holdings(login, otherAccount)).json().code).toBe('QRY_ACCOUNT_NOT_YOURS');
  });
});
