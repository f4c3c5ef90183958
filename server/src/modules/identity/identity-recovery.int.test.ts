import { expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { describeEachDatabase } from '../../../../test/databases.ts';
import { captchaAnswer, lastCodeSentTo } from '../../../../test/context.ts';
import { ApiClient, serverForSuite } from '../../../../test/http.ts';
import { aRegisteredInvestor } from '../../../../test/verification.ts';
import { FixedClock } from '../../platform/clock.ts';
import { DEMO_CARDS, DEMO_PEOPLE, seedVerificationDemo } from '../investor/index.ts';
import { investorUsers } from './schema.ts';

/**
 * 通过身份信息找回 (mobile §二.3.2, §二.5.2) and 忘记用户名 (desktop §一.5.1): flows that
 * start before any user is known; their UnionPay verification belongs to the flow.
 */
describeEachDatabase('recovery by identity details and user-name recovery', (getDb) => {
  const server = serverForSuite(getDb, { config: { otpResendSeconds: 0 }, clock: new FixedClock(new Date('2026-11-21T02:00:00Z')), seed: seedVerificationDemo });

  type Who = 'zhang' | 'li';
  const bankPhone = (who: Who) => (who === 'zhang' ? '19900000001' : '19900000002');
  const cardOf = (who: Who) => ({ name: DEMO_PEOPLE[who].name, idNumber: DEMO_PEOPLE[who].idNumber, cardNumber: DEMO_CARDS[who], mobile: bankPhone(who) });

  async function captcha(client: ApiClient) {
    const { captchaId } = (await client.request('POST', '/api/v1/captcha', {})).json();
    return { captchaId, captchaAnswer: await captchaAnswer(server.ctx, captchaId) };
  }

  async function passUnionPay(client: ApiClient, id: string, who: Who, headers: Record<string, string>) {
    const card = cardOf(who);
    expect((await client.request('POST', `/api/v1/verifications/${id}/unionpay/code`, card, headers)).statusCode).toBe(200);
    const passed = await client.request('POST', `/api/v1/verifications/${id}/unionpay`, { ...card, code: await lastCodeSentTo(server.ctx, card.mobile) }, headers);
    expect(passed.json()).toMatchObject({ status: 'passed' });
  }

  /** A user real-name verified as `who` (optionally bound by quick binding). */
  async function verifiedUser(who: Who, bind = false) {
    const { client, mobile } = await aRegisteredInvestor(server);
    const { id } = (await client.request('POST', '/api/v1/investor/real-name/start', {})).json();
    await passUnionPay(client, id, who, {});
    expect((await client.request('POST', '/api/v1/investor/real-name', { verificationId: id })).statusCode).toBe(200);
    if (bind) expect((await client.request('POST', '/api/v1/investor/binding/quick', { unifiedAccountNumber: '189900000002' })).statusCode).toBe(200);
    const [user] = await server.ctx.db
      .select({ id: investorUsers.id })
      .from(investorUsers)
      .where(eq(investorUsers.mobileHash, server.ctx.vault.lookupHash('mobile', mobile)));
    return { client, mobile, id: user!.id };
  }

  /** 通过身份信息找回 up to a passed UnionPay verification. */
  async function identityRecovery(who: Who) {
    const anonymous = await new ApiClient(server.app).start();
    const person = DEMO_PEOPLE[who];
    const started = await anonymous.request('POST', '/api/v1/investor/identity-recovery', { name: person.name, idType: 'resident_id', idNumber: person.idNumber, ...(await captcha(anonymous)) });
    expect(started.statusCode).toBe(200);
    const { flowToken, verification } = started.json();
    expect(verification).toMatchObject({ purpose: 'recover-password', methods: ['unionpay'] });
    const headers = { 'x-flow-token': flowToken };
    await passUnionPay(anonymous, verification.id, who, headers);
    return { anonymous, flowToken, verificationId: verification.id as string, headers };
  }

  async function login(account: string, password: string) {
    const client = await new ApiClient(server.app).start();
    return client.request('POST', '/api/v1/investor/login', { account, password, ...(await captcha(client)) });
  }

  it('3.2.1: a card that is not the person’s → 您输入的信息有误，请核对后再试', async () => {
    const anonymous = await new ApiClient(server.app).start();
    const li = DEMO_PEOPLE.li;
    const { flowToken, verification } = (await anonymous.request('POST', '/api/v1/investor/identity-recovery', { name: li.name, idType: 'resident_id', idNumber: li.idNumber, ...(await captcha(anonymous)) })).json();
    const headers = { 'x-flow-token': flowToken };
    const wrongCard = await anonymous.request('POST', `/api/v1/verifications/${verification.id}/unionpay/code`, cardOf('zhang'), headers);
    expect(wrongCard.json()).toMatchObject({ code: 'IDREC_DETAILS_MISMATCH', message: '您输入的信息有误，请核对后再试' });
    const wrongPhone = await anonymous.request('POST', `/api/v1/verifications/${verification.id}/unionpay/code`, { ...cardOf('li'), mobile: '19900000009' }, headers);
    expect(wrongPhone.json().code).toBe('IDREC_DETAILS_MISMATCH');
    // without the token the verification is nobody's
    expect((await anonymous.request('GET', `/api/v1/verifications/${verification.id}`)).statusCode).toBe(401);
    // the list is refused before UnionPay passed
    expect((await anonymous.request('POST', '/api/v1/investor/identity-recovery/accounts', { flowToken })).json().code).toBe('IDREC_VERIFICATION_REQUIRED');
    expect((await anonymous.request('POST', '/api/v1/investor/identity-recovery/accounts', { flowToken, verificationId: verification.id })).json().code).toBe('VERIFY_NOT_PASSED');
  });

  it('3.2.2: a person without hall users → 未查询到相关账号信息', async () => {
    const { anonymous, flowToken, verificationId } = await identityRecovery('zhang');
    const listed = await anonymous.request('POST', '/api/v1/investor/identity-recovery/accounts', { flowToken, verificationId });
    expect(listed.statusCode).toBe(404);
    expect(listed.json()).toMatchObject({ code: 'IDREC_NOT_REGISTERED', message: '根据您输入的身份信息，未查询到相关账号信息。' });
  });

  it('3.2.3/3.2.4: both users of the person are listed; the chosen one gets a new password, the other is untouched; the result serves once', async () => {
    const bound = await verifiedUser('li', true);
    const onlyVerified = await verifiedUser('li');
    await server.ctx.db.update(investorUsers).set({ username: 'lihua2026' }).where(eq(investorUsers.id, onlyVerified.id));
    const zhangUser = await verifiedUser('zhang');
    const { anonymous, flowToken, verificationId, headers } = await identityRecovery('li');

    const listed = await anonymous.request('POST', '/api/v1/investor/identity-recovery/accounts', { flowToken, verificationId });
    expect(listed.statusCode).toBe(200);
    const items = listed.json().items as Array<{ id: string; account: string; securitiesAccounts: string[] }>;
    expect(items.map((i) => i.id).sort()).toEqual([bound.id, onlyVerified.id].sort());
    const boundItem = items.find((i) => i.id === bound.id)!;
    expect(boundItem.account).toBe(`${bound.mobile.slice(0, 3)}****${bound.mobile.slice(-4)}`);
    expect(boundItem.securitiesAccounts).toEqual(['01******02', 'A9******02']);
    expect(items.find((i) => i.id === onlyVerified.id)).toMatchObject({ account: 'li****6', securitiesAccounts: [] });

    // the verification is spent: another flow cannot use it, nor this one again
    const other = await identityRecovery('li');
    expect((await other.anonymous.request('POST', '/api/v1/investor/identity-recovery/accounts', { flowToken: other.flowToken, verificationId })).json().code).toBe('VERIFY_NOT_PASSED');
    expect((await other.anonymous.request('GET', `/api/v1/verifications/${verificationId}`, undefined, other.headers)).json().code).toBe('VERIFY_NOT_FOUND');
    expect((await anonymous.request('POST', '/api/v1/investor/identity-recovery/accounts', { flowToken: other.flowToken, verificationId: other.verificationId })).statusCode).toBe(200);
    expect((await anonymous.request('POST', '/api/v1/investor/identity-recovery/accounts', { flowToken, verificationId: other.verificationId })).statusCode).toBe(200);
    expect((await anonymous.request('GET', `/api/v1/verifications/${other.verificationId}`, undefined, headers)).json().code).toBe('VERIFY_NOT_FOUND');

    // a user of another person is refused
    expect((await anonymous.request('POST', '/api/v1/investor/identity-recovery/choice', { flowToken, investorUserId: zhangUser.id })).json().code).toBe('IDREC_ACCOUNT_NOT_LISTED');
    expect((await anonymous.request('POST', '/api/v1/investor/identity-recovery/deregistration', { flowToken, investorUserId: zhangUser.id })).json().code).toBe('IDREC_ACCOUNT_NOT_LISTED');

    // choose the bound user: its own phone code (default) or e-mail, then the password
    const chosen = (await anonymous.request('POST', '/api/v1/investor/identity-recovery/choice', { flowToken, investorUserId: bound.id })).json();
    expect(chosen).toMatchObject({ purpose: 'recover-password', methods: ['user_mobile'] });
    expect((await anonymous.request('POST', '/api/v1/investor/identity-recovery/password', { flowToken, verificationId: chosen.id, newPassword: 'Fresh2026go' })).json().code).toBe('VERIFY_NOT_PASSED');
    expect((await anonymous.request('POST', `/api/v1/verifications/${chosen.id}/own-mobile/code`, {}, headers)).statusCode).toBe(200);
    const code = await lastCodeSentTo(server.ctx, bound.mobile);
    expect((await anonymous.request('POST', `/api/v1/verifications/${chosen.id}/own-mobile`, { code }, headers)).json()).toMatchObject({ status: 'passed' });
    expect((await anonymous.request('POST', '/api/v1/investor/identity-recovery/password', { flowToken, verificationId: chosen.id, newPassword: '12345678' })).statusCode).toBe(400);
    expect((await anonymous.request('POST', '/api/v1/investor/identity-recovery/password', { flowToken, verificationId: chosen.id, newPassword: 'Fresh2026go' })).statusCode).toBe(204);
    expect((await bound.client.request('GET', '/api/v1/session')).json().principal).toBeNull();
    expect((await login(bound.mobile, 'Fresh2026go')).statusCode).toBe(200);
    expect((await login(onlyVerified.mobile, 'abc12345')).statusCode).toBe(200);
    expect((await login(onlyVerified.mobile, 'Fresh2026go')).statusCode).toBe(401);
    // the flow is over
    expect((await anonymous.request('POST', '/api/v1/investor/identity-recovery/password', { flowToken, verificationId: chosen.id, newPassword: 'Again2026go' })).json().code).toBe('PROFILE_FLOW_INVALID');
    expect((await anonymous.request('POST', '/api/v1/investor/identity-recovery/deregistration', { flowToken, investorUserId: onlyVerified.id })).json().code).toBe('PROFILE_FLOW_INVALID');
  });

  it('§二.5.2: 申请注销 of a listed user from inside the recovery', async () => {
    const user = await verifiedUser('li');
    const { anonymous, flowToken, verificationId } = await identityRecovery('li');
    expect((await anonymous.request('POST', '/api/v1/investor/identity-recovery/accounts', { flowToken, verificationId })).statusCode).toBe(200);
    expect((await anonymous.request('POST', '/api/v1/investor/identity-recovery/deregistration', { flowToken, investorUserId: user.id })).statusCode).toBe(204);
    expect((await login(user.mobile, 'abc12345')).statusCode).toBe(401);
  });

  it('§一.5.1 忘记用户名: UnionPay, then the person’s user names; the result serves once', async () => {
    const user = await verifiedUser('zhang');
    await server.ctx.db.update(investorUsers).set({ username: 'zhangming88' }).where(eq(investorUsers.id, user.id));
    const phoneOnly = await verifiedUser('zhang'); // a second user of the same person, without a user name
    const anonymous = await new ApiClient(server.app).start();
    const z = DEMO_PEOPLE.zhang;
    const wrong = await anonymous.request('POST', '/api/v1/investor/username-recovery', { name: z.name, idNumber: '110105198503121230', ...(await captcha(anonymous)) });
    const { flowToken: wrongToken, verification: wrongVerification } = wrong.json();
    expect((await anonymous.request('POST', `/api/v1/verifications/${wrongVerification.id}/unionpay/code`, cardOf('zhang'), { 'x-flow-token': wrongToken })).json().code).toBe('IDREC_DETAILS_MISMATCH');

    const { flowToken, verification } = (await anonymous.request('POST', '/api/v1/investor/username-recovery', { name: z.name, idNumber: z.idNumber, ...(await captcha(anonymous)) })).json();
    expect(verification).toMatchObject({ purpose: 'recover-username', methods: ['unionpay'] });
    expect((await anonymous.request('POST', '/api/v1/investor/username-recovery/result', { flowToken, verificationId: verification.id })).json().code).toBe('VERIFY_NOT_PASSED');
    await passUnionPay(anonymous, verification.id, 'zhang', { 'x-flow-token': flowToken });
    const shown = await anonymous.request('POST', '/api/v1/investor/username-recovery/result', { flowToken, verificationId: verification.id });
    const names = shown.json().usernames as string[];
    expect(names).toContain('zhangming88');
    // A user without a user name is listed by its mobile number, masked (issue 12 item 6).
    expect(names).toContain(`${phoneOnly.mobile.slice(0, 3)}****${phoneOnly.mobile.slice(-4)}`);
    expect(JSON.stringify(shown.json())).not.toMatch(/1[3-9]\d{9}/);
    expect(names).not.toContain('lihua2026');
    expect((await anonymous.request('POST', '/api/v1/investor/username-recovery/result', { flowToken, verificationId: verification.id })).json().code).toBe('PROFILE_FLOW_INVALID');
  });
});
