import { and, eq, inArray } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { auditEntries } from '../../platform/db/schema.ts';
import { describeEachDatabase } from '../../../../test/databases.ts';
import { captchaAnswer, lastCodeSentTo } from '../../../../test/context.ts';
import { ApiClient, serverForSuite } from '../../../../test/http.ts';
import { aRegisteredInvestor } from '../../../../test/verification.ts';
import { FixedClock } from '../../platform/clock.ts';
import { DEMO_CARDS, DEMO_PEOPLE, seedVerificationDemo } from '../investor/index.ts';

/**
 * One verification framework for the profile flows: recovery of real-name verified
 * users (§一.3.2) and bound users (§一.3.3) asks for the identity details first and
 * offers the methods their standing allows; a bound user's change of mobile offers
 * the four holder methods (§一.2.1.4 (3)).
 */
describeEachDatabase('recovery and profile changes of verified and bound users', (getDb) => {
  const server = serverForSuite(getDb, { config: { otpResendSeconds: 0 }, clock: new FixedClock(new Date('2026-11-21T02:00:00Z')), seed: seedVerificationDemo });

  const cardOf = (who: 'zhang' | 'li') => ({ name: DEMO_PEOPLE[who].name, idNumber: DEMO_PEOPLE[who].idNumber, cardNumber: DEMO_CARDS[who], mobile: who === 'zhang' ? '19900000001' : '19900000002' });

  async function passUnionPay(client: ApiClient, id: string, who: 'zhang' | 'li', headers: Record<string, string> = {}) {
    const card = cardOf(who);
    const sent = await client.request('POST', `/api/v1/verifications/${id}/unionpay/code`, card, headers);
    expect(sent.statusCode).toBe(200);
    const passed = await client.request('POST', `/api/v1/verifications/${id}/unionpay`, { ...card, code: await lastCodeSentTo(server.ctx, card.mobile) }, headers);
    expect(passed.json()).toMatchObject({ status: 'passed' });
  }

  async function verifiedUser(who: 'zhang' | 'li', bind: boolean) {
    const { client, mobile } = await aRegisteredInvestor(server);
    const { id } = (await client.request('POST', '/api/v1/investor/real-name/start', {})).json();
    await passUnionPay(client, id, who);
    expect((await client.request('POST', '/api/v1/investor/real-name', { verificationId: id })).statusCode).toBe(200);
    // 李华 holds two unified accounts: the first is chosen
    const choice = who === 'li' ? { unifiedAccountNumber: '189900000002' } : {};
    if (bind) expect((await client.request('POST', '/api/v1/investor/binding/quick', choice)).statusCode).toBe(200);
    return { client, mobile };
  }

  async function startRecovery(anonymous: ApiClient, account: string) {
    const { captchaId } = (await anonymous.request('POST', '/api/v1/captcha', {})).json();
    return (await anonymous.request('POST', '/api/v1/investor/recovery', { account, captchaId, captchaAnswer: await captchaAnswer(server.ctx, captchaId) })).json();
  }

  async function identity(anonymous: ApiClient, flowToken: string, who: { name: string; idType: string; idNumber: string }, userType = 'person') {
    const { captchaId } = (await anonymous.request('POST', '/api/v1/captcha', {})).json();
    return anonymous.request('POST', '/api/v1/investor/recovery/identity', { flowToken, userType, ...who, captchaId, captchaAnswer: await captchaAnswer(server.ctx, captchaId) });
  }

  it('已实名未绑定 (§一.3.2): identity details, then phone, e-mail or UnionPay — the card must be the user’s own', async () => {
    const { mobile } = await verifiedUser('li', false);
    const anonymous = await new ApiClient(server.app).start();
    const started = await startRecovery(anonymous, mobile);
    expect(started).toMatchObject({ identityRequired: true, verification: null });
    const li = DEMO_PEOPLE.li;
    // no verification exists before the identity step: the later steps are refused
    expect((await anonymous.request('POST', '/api/v1/investor/recovery/deregistration/verification', { flowToken: started.flowToken })).json().code).toBe('PROFILE_VERIFICATION_REQUIRED');
    const wrong = await identity(anonymous, started.flowToken, { name: li.name, idType: 'resident_id', idNumber: DEMO_PEOPLE.zhang.idNumber });
    expect(wrong.json()).toMatchObject({ code: 'PROFILE_RECOVERY_IDENTITY_MISMATCH', message: '您输入的信息有误，请核对后再试' });
    expect((await identity(anonymous, started.flowToken, { name: li.name, idType: li.idType, idNumber: li.idNumber }, 'institution')).json().code).toBe('PROFILE_RECOVERY_IDENTITY_MISMATCH');
    const verification = (await identity(anonymous, started.flowToken, { name: li.name, idType: li.idType, idNumber: li.idNumber })).json();
    expect(verification).toMatchObject({ purpose: 'recover-password', methods: ['user_mobile', 'unionpay'] });
    const token = { 'x-flow-token': started.flowToken };
    const other = await anonymous.request('POST', `/api/v1/verifications/${verification.id}/unionpay/code`, cardOf('zhang'), token);
    expect(other.json().code).toBe('VERIFY_NOT_HOLDER');
    await passUnionPay(anonymous, verification.id, 'li', token);
    expect((await anonymous.request('POST', '/api/v1/investor/recovery/password', { flowToken: started.flowToken, verificationId: verification.id, newPassword: 'Fresh2026go' })).json()).toEqual({ confirmation: null });
    const { captchaId } = (await anonymous.request('POST', '/api/v1/captcha', {})).json();
    const login = await anonymous.request('POST', '/api/v1/investor/login', { account: mobile, password: 'Fresh2026go', captchaId, captchaAnswer: await captchaAnswer(server.ctx, captchaId) });
    expect(login.statusCode).toBe(200);
  });

  it('已绑定一码通: the change of mobile offers the four holder methods (§一.2.1.4 (3)); recovery the five (§一.3.3)', async () => {
    const { client } = await verifiedUser('zhang', true);
    const mobile = '13799990001';
    await client.request('POST', '/api/v1/investor/profile/mobile/code', { value: mobile });
    const change = (await client.request('POST', '/api/v1/investor/profile/mobile/change', { value: mobile, code: await lastCodeSentTo(server.ctx, mobile) })).json();
    expect(change.verification.methods).toEqual(['reserved_phone', 'unionpay', 'trading', 'counter']);
    const changeId = change.verification.id;
    expect((await client.request('POST', `/api/v1/verifications/${changeId}/own-mobile/code`, {})).json().code).toBe('VERIFY_METHOD_NOT_ALLOWED');
    await client.request('POST', `/api/v1/verifications/${changeId}/reserved-phone/code`, {});
    await client.request('POST', `/api/v1/verifications/${changeId}/reserved-phone`, { code: await lastCodeSentTo(server.ctx, '19900000011') });
    expect((await client.request('POST', `/api/v1/investor/profile/mobile/change/${change.flowId}/confirm`, { verificationId: changeId })).json()).toEqual({ masked: '137****0001' });
    // the same result cannot serve twice, nor another purpose
    const { flowId: leaving } = (await client.request('POST', '/api/v1/investor/deregistration', { agreed: true })).json();
    expect((await client.request('POST', `/api/v1/investor/deregistration/${leaving}/confirm`, { verificationId: changeId })).statusCode).toBe(403);

    const anonymous = await new ApiClient(server.app).start();
    const started = await startRecovery(anonymous, mobile);
    expect(started.identityRequired).toBe(true);
    const zhang = DEMO_PEOPLE.zhang;
    const verification = (await identity(anonymous, started.flowToken, { name: zhang.name, idType: zhang.idType, idNumber: zhang.idNumber })).json();
    expect(verification.methods).toEqual(['user_mobile', 'unionpay', 'trading', 'counter']);
    const token = { 'x-flow-token': started.flowToken };
    // 重新选择其他验证方式 keeps the purpose and flow; the old attempt no longer serves
    await anonymous.request('POST', `/api/v1/verifications/${verification.id}/own-mobile/code`, {}, token);
    const fresh = (await anonymous.request('POST', `/api/v1/verifications/${verification.id}/reselect`, {}, token)).json();
    expect(fresh).toMatchObject({ purpose: 'recover-password', status: 'open', methods: verification.methods });
    await anonymous.request('POST', `/api/v1/verifications/${fresh.id}/own-mobile/code`, {}, token);
    await anonymous.request('POST', `/api/v1/verifications/${fresh.id}/own-mobile`, { code: await lastCodeSentTo(server.ctx, mobile) }, token);
    expect((await anonymous.request('POST', '/api/v1/investor/recovery/password', { flowToken: started.flowToken, verificationId: verification.id, newPassword: 'Fresh2026go' })).statusCode).toBe(403);
    expect((await anonymous.request('POST', '/api/v1/investor/recovery/password', { flowToken: started.flowToken, verificationId: fresh.id, newPassword: 'Fresh2026go' })).json()).toEqual({ confirmation: null });
  });

  /** A bound user's recovery up to a passed 通过手机号认证; answers the flow token and the verification. */
  async function boundRecoveryPassed(anonymous: ApiClient, mobile: string, who: 'zhang' | 'li') {
    const started = await startRecovery(anonymous, mobile);
    const person = DEMO_PEOPLE[who];
    const verification = (await identity(anonymous, started.flowToken, { name: person.name, idType: person.idType, idNumber: person.idNumber })).json();
    const token = { 'x-flow-token': started.flowToken };
    await anonymous.request('POST', `/api/v1/verifications/${verification.id}/own-mobile/code`, {}, token);
    await anonymous.request('POST', `/api/v1/verifications/${verification.id}/own-mobile`, { code: await lastCodeSentTo(server.ctx, mobile) }, token);
    return { flowToken: started.flowToken as string, verificationId: verification.id as string };
  }

  async function logsIn(mobile: string, password: string) {
    const anonymous = await new ApiClient(server.app).start();
    const { captchaId } = (await anonymous.request('POST', '/api/v1/captcha', {})).json();
    return (await anonymous.request('POST', '/api/v1/investor/login', { account: mobile, password, captchaId, captchaAnswer: await captchaAnswer(server.ctx, captchaId) })).statusCode === 200;
  }

  it('申请注销 from a bound user’s recovery (§二.5.1 (3)–(4)) goes straight to the registered phone’s code, then deregisters', async () => {
    const { mobile } = await verifiedUser('li', true);
    const anonymous = await new ApiClient(server.app).start();
    const started = await startRecovery(anonymous, mobile);
    const li = DEMO_PEOPLE.li;
    expect((await identity(anonymous, started.flowToken, { name: li.name, idType: li.idType, idNumber: li.idNumber })).statusCode).toBe(200);
    const leaving = (await anonymous.request('POST', '/api/v1/investor/recovery/deregistration/verification', { flowToken: started.flowToken })).json();
    // one method, the code to the registered mobile: no choice of method first
    expect(leaving).toMatchObject({ purpose: 'deregister', methods: ['user_mobile'], details: { ownMobileMasked: mobile.slice(0, 3) + '****' + mobile.slice(-4) } });
    const token = { 'x-flow-token': started.flowToken };
    await anonymous.request('POST', `/api/v1/verifications/${leaving.id}/own-mobile/code`, {}, token);
    await anonymous.request('POST', `/api/v1/verifications/${leaving.id}/own-mobile`, { code: await lastCodeSentTo(server.ctx, mobile) }, token);
    expect((await anonymous.request('POST', '/api/v1/investor/recovery/deregistration', { flowToken: started.flowToken, verificationId: leaving.id })).statusCode).toBe(204);
    expect(await logsIn(mobile, 'abc12345')).toBe(false);
    // the binding was released with the user: 李华 may bind again from a new user (the next test)
  });

  it('已绑定一码通 on the desktop (§一.3.3 (5)): 完成 keeps the new password for 找回密码信息确认, and only 确认 sets it', async () => {
    const { mobile } = await verifiedUser('li', true);
    const anonymous = await new ApiClient(server.app).start();
    const { flowToken, verificationId } = await boundRecoveryPassed(anonymous, mobile, 'li');
    const confirm = () => anonymous.request('POST', '/api/v1/investor/recovery/password/confirm', { flowToken, verificationId });
    // nothing to confirm before 完成
    expect((await confirm()).json().code).toBe('PROFILE_FLOW_INVALID');
    const policy = await anonymous.request('POST', '/api/v1/investor/recovery/password', { flowToken, verificationId, newPassword: 'short', withConfirmation: true });
    expect(policy.json().code).toBe('PASSWORD_POLICY');
    const first = await anonymous.request('POST', '/api/v1/investor/recovery/password', { flowToken, verificationId, newPassword: 'First2026go', withConfirmation: true });
    // 李华's unified account, masked as the investor's own lists show it; the way of verification passed
    expect(first.json()).toEqual({
      confirmation: { account: mobile.slice(0, 3) + '****' + mobile.slice(-4), name: DEMO_PEOPLE.li.name, unifiedAccounts: ['189******002'], method: 'user_mobile' },
    });
    expect(await logsIn(mobile, 'First2026go')).toBe(false);
    // 上一步 and 完成 again: the later password is the one kept
    await anonymous.request('POST', '/api/v1/investor/recovery/password', { flowToken, verificationId, newPassword: 'Second2026go', withConfirmation: true });
    expect((await confirm()).statusCode).toBe(204);
    // the kept password and its confirmation are audited: twice kept, once recovered
    const audits = await server.ctx.db
      .select({ action: auditEntries.action, details: auditEntries.details })
      .from(auditEntries)
      .where(and(eq(auditEntries.objectType, 'investor_user'), inArray(auditEntries.action, ['investor.recovery_awaits_confirmation', 'investor.password_recovered'])));
    const mine = audits.filter((a) => (a.action === 'investor.password_recovered' ? (a.details as { confirmed?: boolean }).confirmed : true));
    expect(mine.map((a) => a.action).sort()).toEqual(['investor.password_recovered', 'investor.recovery_awaits_confirmation', 'investor.recovery_awaits_confirmation']);
    expect(await logsIn(mobile, 'First2026go')).toBe(false);
    expect(await logsIn(mobile, 'Second2026go')).toBe(true);
    // the recovery is spent
    expect((await confirm()).json().code).toBe('PROFILE_FLOW_INVALID');
  });
});
