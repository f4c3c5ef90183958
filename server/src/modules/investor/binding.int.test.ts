import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/databases.ts';
import { lastCodeSentTo } from '../../../../test/context.ts';
import { aRegisteredInvestor, aSignedInStaff } from '../../../../test/verification.ts';
import { serverForSuite, type ApiClient } from '../../../../test/http.ts';
import { FixedClock } from '../../platform/clock.ts';
import { rows } from '../../platform/db/client.ts';
import { DEMO_CARDS, DEMO_PEOPLE, seedVerificationDemo, withLuhn } from './demo/index.ts';

const zhang = DEMO_PEOPLE.zhang;
const li = DEMO_PEOPLE.li;
/** An identifier as typed with a Chinese input method: full-width, lower case, in groups of four. */
const asTyped = (id: string) =>
  id
    .toLowerCase()
    .replace(/[0-9a-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))
    .replace(/(.{4})/g, '$1 ');

const card = (overrides: Partial<{ name: string; idNumber: string; cardNumber: string; mobile: string }> = {}) => ({
  name: zhang.name,
  idNumber: zhang.idNumber,
  cardNumber: DEMO_CARDS.zhang,
  mobile: '19900000001',
  ...overrides,
});

describeEachDatabase('identity verification and binding', (getDb) => {
  const clock = new FixedClock(new Date('2026-11-21T02:00:00Z'));
  const server = serverForSuite(getDb, { config: { otpResendSeconds: 0 }, clock, seed: seedVerificationDemo });
  let admin: ApiClient;
  let clerk: ApiClient;

  beforeAll(async () => {
    admin = await aSignedInStaff(server, 'admin');
    clerk = await aSignedInStaff(server, 'witness');
  });

  const startBinding = async (client: ApiClient, who: { kind: string; name: string; idType: string; idNumber: string }, securitiesAccountNumber?: string) =>
    client.request('POST', '/api/v1/investor/binding/direct', { userType: who.kind, name: who.name, idType: who.idType, idNumber: who.idNumber, ...(securitiesAccountNumber ? { securitiesAccountNumber } : {}) });

  it('verifies the real name through UnionPay as the bank answers, then binds quickly', async () => {
    const { client } = await aRegisteredInvestor(server);
    const started = await client.request('POST', '/api/v1/investor/real-name/start', {});
    expect(started.json()).toMatchObject({ purpose: 'real-name', status: 'open', methods: ['unionpay'] });
    const id = started.json().id as string;
    const ask = (c: object) => client.request('POST', `/api/v1/verifications/${id}/unionpay/code`, c);

    expect((await ask(card({ cardNumber: '6222029900000000011' }))).json().code).toBe('UNIONPAY_CARD_INVALID'); // Luhn
    expect((await ask(card({ idNumber: '110105198503121235' }))).json().code).toBe('UNIONPAY_ID_INVALID'); // GB 11643 check
    expect((await ask(card({ cardNumber: withLuhn('621700000000000000') }))).json().code).toBe('UNIONPAY_CARD_UNKNOWN');
    const mismatch = await ask(card({ mobile: '19900000099' }));
    expect(mismatch.json()).toMatchObject({ code: 'UNIONPAY_MISMATCH', message: '银联身份认证失败：持卡人姓名、身份证号码、银行卡号与银行预留手机号不一致' });
    expect((await ask(card({ cardNumber: DEMO_CARDS.zhangLost }))).json().code).toBe('UNIONPAY_CARD_STATUS');
    const timeout = await ask(card({ cardNumber: DEMO_CARDS.zhangTimeout }));
    expect(timeout.statusCode).toBe(504);
    expect(timeout.json().code).toBe('UNIONPAY_TIMEOUT');

    const sent = await ask(card());
    expect(sent.json().view.details.mobileMasked).toBe('199****0001');
    const wrong = await client.request('POST', `/api/v1/verifications/${id}/unionpay`, { ...card(), code: '000000' });
    expect(wrong.json().code).toBe('CODE_INVALID');
    const code = await lastCodeSentTo(server.ctx, '19900000001');
    const passed = await client.request('POST', `/api/v1/verifications/${id}/unionpay`, { ...card(), code });
    expect(passed.json()).toMatchObject({ status: 'passed', method: 'unionpay' });

    // Only real-name may spend it: binding refuses a verification made for another purpose.
    expect((await client.request('POST', '/api/v1/investor/binding/confirm', { verificationId: id })).json().code).toBe('VERIFY_NOT_PASSED');
    const done = await client.request('POST', '/api/v1/investor/real-name', { verificationId: id });
    expect(done.json()).toMatchObject({ name: zhang.name, idType: 'resident_id' });
    expect((await client.request('GET', '/api/v1/session')).json().principal.realNameVerified).toBe(true);
    expect((await client.request('POST', '/api/v1/investor/real-name', { verificationId: id })).json().code).toBe('REAL_NAME_ALREADY');

    const options = await client.request('GET', '/api/v1/investor/binding/quick');
    expect(options.json()).toMatchObject({ name: zhang.name, idNumberMasked: '1101**********1234', unifiedAccounts: [{ number: '189900000001', bound: false }] });
    const bound = await client.request('POST', '/api/v1/investor/binding/quick', {});
    expect(bound.json()).toMatchObject({ unifiedAccountNumber: '189900000001', method: 'quick' });
    const standing = (await client.request('GET', '/api/v1/investor/standing')).json();
    expect(standing).toMatchObject({ verified: true, bound: true, boundUnifiedAccounts: [{ unifiedAccountNumber: '189900000001' }] });
    const mine = (await client.request('GET', '/api/v1/investor/queries/unified-accounts')).json();
    expect(mine.items[0]).toMatchObject({ unifiedAccountNumber: '189900000001', bound: true });
    expect(mine.items[0].securitiesAccounts.map((a: { number: string }) => a.number)).toEqual(['019****001', 'A99****001']);
  });

  it('a verification result is spent once, and only by its own user, purpose and subject', async () => {
    const { client } = await aRegisteredInvestor(server);
    const other = (await aRegisteredInvestor(server)).client;
    expect((await startBinding(client, li)).json().code).toBe('BIND_ACCOUNT_NUMBER_REQUIRED');
    expect((await startBinding(client, li, 'A990000001')).json().code).toBe('BIND_ACCOUNT_MISMATCH');
    const view = (await startBinding(client, li, 'A990000003')).json();
    expect(view.methods).toEqual(['reserved_phone', 'unionpay', 'trading', 'counter']);

    // No skipping: the last step refuses an attempt that has not passed.
    expect((await client.request('POST', '/api/v1/investor/binding/confirm', { verificationId: view.id })).json().code).toBe('VERIFY_NOT_PASSED');
    // Another investor cannot see, run or spend it.
    expect((await other.request('GET', `/api/v1/verifications/${view.id}`)).json().code).toBe('VERIFY_NOT_FOUND');
    expect((await other.request('POST', `/api/v1/verifications/${view.id}/reserved-phone/code`, {})).json().code).toBe('VERIFY_NOT_FOUND');

    expect((await client.request('POST', `/api/v1/verifications/${view.id}/reserved-phone/code`, {})).json().view.details.mobileMasked).toBe('199****0012');
    const code = await lastCodeSentTo(server.ctx, '19900000012');
    expect((await client.request('POST', `/api/v1/verifications/${view.id}/reserved-phone`, { code })).json().status).toBe('passed');
    expect((await other.request('POST', '/api/v1/investor/binding/confirm', { verificationId: view.id })).json().code).toBe('VERIFY_NOT_FOUND');
    expect((await client.request('POST', '/api/v1/investor/real-name', { verificationId: view.id })).json().code).toBe('VERIFY_NOT_PASSED');

    const preview = (await client.request('GET', `/api/v1/investor/binding/verifications/${view.id}`)).json();
    expect(preview).toMatchObject({ name: li.name, unifiedAccountNumber: '189900000003', method: 'reserved_phone' });
    const bound = await client.request('POST', '/api/v1/investor/binding/confirm', { verificationId: view.id });
    expect(bound.json()).toMatchObject({ unifiedAccountNumber: '189900000003', method: 'reserved_phone' });
    expect((await client.request('POST', '/api/v1/investor/binding/confirm', { verificationId: view.id })).json().code).toBe('VERIFY_NOT_PASSED');

    // The account is now this investor's: nobody else binds it, nor sees it.
    expect((await startBinding(other, li, 'A990000003')).json().code).toBe('BIND_ALREADY_BOUND');
    expect((await other.request('GET', '/api/v1/investor/queries/unified-accounts')).json().code).toBe('INVESTOR_NOT_BOUND');
    const boundNow = (await client.request('GET', '/api/v1/investor/queries/unified-accounts')).json().items.filter((i: { bound: boolean }) => i.bound);
    expect(boundNow.map((i: { unifiedAccountNumber: string }) => i.unifiedAccountNumber)).toEqual(['189900000003']);
    // Binding proved the identity: the user counts as verified, and may bind only this holder's accounts.
    expect((await client.request('GET', '/api/v1/investor/standing')).json()).toMatchObject({ verified: true, verifiedIdentity: { name: li.name } });
    expect((await startBinding(client, DEMO_PEOPLE.firm)).json().code).toBe('BIND_IDENTITY_MISMATCH');
  });

  it('a stale result is refused', async () => {
    const { client } = await aRegisteredInvestor(server);
    const view = (await startBinding(client, DEMO_PEOPLE.firm)).json();
    await client.request('POST', `/api/v1/verifications/${view.id}/reserved-phone/code`, {});
    const code = await lastCodeSentTo(server.ctx, '19900000013');
    expect((await client.request('POST', `/api/v1/verifications/${view.id}/reserved-phone`, { code })).json().status).toBe('passed');
    clock.advance((server.ctx.config.verificationResultMinutes + 1) * 60_000);
    expect((await client.request('POST', '/api/v1/investor/binding/confirm', { verificationId: view.id })).json().code).toBe('VERIFY_EXPIRED');
  });

  it('offers methods by holder category and refuses the others', async () => {
    const { client } = await aRegisteredInvestor(server);
    const firm = (await startBinding(client, DEMO_PEOPLE.firm)).json();
    expect(firm.methods).toEqual(['reserved_phone', 'trading', 'counter']);
    // Typed full width, lower case and in groups, the credit code names the same holder (issue 13).
    expect((await startBinding(client, { ...DEMO_PEOPLE.firm, idNumber: asTyped(DEMO_PEOPLE.firm.idNumber) })).json().methods).toEqual(firm.methods);
    const byCard = await client.request('POST', `/api/v1/verifications/${firm.id}/unionpay/code`, card());
    expect(byCard.json().code).toBe('VERIFY_METHOD_NOT_ALLOWED');

    const john = (await startBinding(client, DEMO_PEOPLE.john)).json();
    expect(john.methods).toEqual(['reserved_phone', 'trading', 'counter']);
    expect((await client.request('POST', `/api/v1/verifications/${john.id}/reserved-phone/code`, {})).json()).toMatchObject({
      code: 'VERIFY_NO_RESERVED_PHONE',
      message: '未查询到开户预留手机号，请重新选择其他验证方式',
    });

    const nominee = (await startBinding(client, DEMO_PEOPLE.nominee)).json();
    expect(nominee.methods).toEqual(['counter']);
    expect((await client.request('POST', `/api/v1/verifications/${nominee.id}/trading`, {})).json().code).toBe('VERIFY_METHOD_NOT_ALLOWED');
    expect((await startBinding(client, { ...DEMO_PEOPLE.firm, name: '演示别的公司' })).json().code).toBe('BIND_ACCOUNT_NUMBER_REQUIRED');
  });

  it('direct binding does not tell whether a name and ID number belong to a holder', async () => {
    const { client } = await aRegisteredInvestor(server);
    const answer = async (...args: Parameters<typeof startBinding>) => {
      const response = await startBinding(...args);
      return { status: response.statusCode, ...response.json() };
    };
    const nobody = { ...li, name: '演示无此人' };
    // without a securities account number: a holder with several unified accounts, and nobody at all
    const several = await answer(client, li);
    expect(several).toEqual(await answer(client, nobody));
    expect(several).toMatchObject({ status: 409, code: 'BIND_ACCOUNT_NUMBER_REQUIRED' });
    // with one: the holder's wrong account, and nobody at all
    const wrong = await answer(client, li, 'A990000001');
    expect(wrong).toEqual(await answer(client, nobody, 'A990000003'));
    expect(wrong).toMatchObject({ status: 400, code: 'BIND_ACCOUNT_MISMATCH' });
  });

  it('passes a trading-terminal verification when the marked order is reported; another method abandons it', async () => {
    const { client } = await aRegisteredInvestor(server);
    const first = (await startBinding(client, li, 'A990000002')).json();
    const trading = (await client.request('POST', `/api/v1/verifications/${first.id}/trading`, {})).json();
    expect(trading).toMatchObject({ status: 'pending', method: 'trading', details: { securityCodeSH: '799988', securityCodeSZ: '369999' } });
    const oldCode = trading.details.tradingCode as string;
    expect(oldCode).toMatch(/^\d{6}$/);

    // 重新选择其他验证方式: the old attempt ends, a later report for its code passes nothing.
    const second = (await client.request('POST', `/api/v1/verifications/${first.id}/reselect`, {})).json();
    expect(second).toMatchObject({ status: 'open', method: null });
    expect((await client.request('GET', `/api/v1/verifications/${first.id}`)).json().status).toBe('abandoned');
    const report = (quantity: string, account = 'A990000002', securityCode = '799988') =>
      admin.request('POST', '/api/v1/exchange/order-reports', { securitiesAccountNumber: account, securityCode, side: 'buy', quantity, price: '1.000', brokerCode: 'B01866' });
    expect((await report(oldCode)).json().passedVerifications).toBe(0);

    const pending = (await client.request('POST', `/api/v1/verifications/${second.id}/trading`, {})).json();
    const code = pending.details.tradingCode as string;
    expect((await report(code, 'A990000001')).json().passedVerifications).toBe(0); // another holder's account
    expect((await report(code, 'A990000002', '600000')).json().passedVerifications).toBe(0); // not the verification security
    expect((await clerk.request('POST', '/api/v1/exchange/order-reports', { securitiesAccountNumber: 'A990000002', securityCode: '799988', side: 'buy', quantity: code, price: '1', brokerCode: 'X1' })).json().code).toBe(
      'FORBIDDEN',
    );
    expect((await report(code, '0199000002', '369999')).json().passedVerifications).toBe(1);
    expect((await client.request('GET', `/api/v1/verifications/${second.id}`)).json().status).toBe('passed');
    expect((await client.request('POST', '/api/v1/investor/binding/confirm', { verificationId: second.id })).json().unifiedAccountNumber).toBe('189900000002');
  });

  it('a broker counter clerk confirms or refuses a counter verification', async () => {
    const { client } = await aRegisteredInvestor(server);
    const view = (await startBinding(client, DEMO_PEOPLE.nominee)).json();
    expect((await client.request('POST', `/api/v1/verifications/${view.id}/counter`, {})).json()).toMatchObject({ status: 'pending', method: 'counter' });
    const person = { name: DEMO_PEOPLE.nominee.name, idType: 'unified_social_credit_code', idNumber: DEMO_PEOPLE.nominee.idNumber };
    const lookup = (c: ApiClient, body: object) => c.request('POST', '/api/v1/broker/counter-verifications/lookup', body);
    expect((await lookup(admin, person)).json().code).toBe('FORBIDDEN');
    expect((await lookup(clerk, { ...person, name: 'x' })).json().items).toEqual([]);
    // The ID number is never taken in a URL (issue 12 item 7): the old query-string look-up is gone.
    const byUrl = `/api/v1/broker/counter-verifications?name=${encodeURIComponent(person.name)}&idType=${person.idType}&idNumber=${person.idNumber}`;
    expect((await clerk.request('GET', byUrl)).statusCode).toBe(404);
    const items = (await lookup(clerk, person)).json().items;
    expect(items).toHaveLength(1);
    // The credit code as a clerk may type it, full width, lower case and in groups, finds the same request (issue 13).
    expect((await lookup(clerk, { ...person, idNumber: asTyped(person.idNumber) })).json().items).toEqual(items);
    expect(items[0]).toMatchObject({ id: view.id, purpose: 'bind', name: DEMO_PEOPLE.nominee.name });
    expect((await clerk.request('POST', `/api/v1/broker/counter-verifications/${view.id}/decision`, { decision: 'refuse' })).statusCode).toBe(204);
    expect((await client.request('GET', `/api/v1/verifications/${view.id}`)).json()).toMatchObject({ status: 'failed', details: { counterDecision: 'refused' } });
    expect((await clerk.request('POST', `/api/v1/broker/counter-verifications/${view.id}/decision`, { decision: 'confirm' })).json().code).toBe('VERIFY_NOT_PENDING');

    const again = (await client.request('POST', `/api/v1/verifications/${view.id}/reselect`, {})).json();
    await client.request('POST', `/api/v1/verifications/${again.id}/counter`, {});
    expect((await clerk.request('POST', `/api/v1/broker/counter-verifications/${again.id}/decision`, { decision: 'confirm' })).statusCode).toBe(204);
    expect((await client.request('POST', '/api/v1/investor/binding/confirm', { verificationId: again.id })).json().unifiedAccountNumber).toBe('289900000006');
  });

  it('ends an attempt after too many failures', async () => {
    const { client } = await aRegisteredInvestor(server);
    const started = (await client.request('POST', '/api/v1/investor/real-name/start', {})).json();
    const max = server.ctx.config.verificationMaxFailures;
    for (let i = 1; i < max; i++) {
      const r = await client.request('POST', `/api/v1/verifications/${started.id}/unionpay/code`, card({ mobile: '19900000098' }));
      expect(r.json()).toMatchObject({ code: 'UNIONPAY_MISMATCH', details: { remainingAttempts: max - i } });
    }
    expect((await client.request('POST', `/api/v1/verifications/${started.id}/unionpay/code`, card({ mobile: '19900000098' }))).json().code).toBe('VERIFY_TOO_MANY_FAILURES');
    expect((await client.request('POST', `/api/v1/verifications/${started.id}/unionpay/code`, card())).json().code).toBe('VERIFY_TOO_MANY_FAILURES');
  });

  it('spends a result once even when two confirmations race', async () => {
    const { client } = await aRegisteredInvestor(server);
    const view = (await startBinding(client, DEMO_PEOPLE.firm)).json();
    await client.request('POST', `/api/v1/verifications/${view.id}/reserved-phone/code`, {});
    const code = await lastCodeSentTo(server.ctx, '19900000013');
    await client.request('POST', `/api/v1/verifications/${view.id}/reserved-phone`, { code });
    const answers = await Promise.all([1, 2, 3].map(() => client.request('POST', '/api/v1/investor/binding/confirm', { verificationId: view.id })));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 403, 403]);
    const [audited] = await rows<{ n: number }>(server.ctx.db, sql`select count(*)::int as n from audit_entries where action = 'verification.consumed' and object_id = ${view.id}`);
    expect(audited?.n).toBe(1);
  });
});
