import { expect, it } from 'vitest';
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
    if (bind) expect((await client.request('POST', '/api/v1/investor/binding/quick', {})).statusCode).toBe(200);
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
    expect((await anonymous.request('POST', '/api/v1/investor/recovery/password', { flowToken: started.flowToken, verificationId: verification.id, newPassword: 'Fresh2026go' })).statusCode).toBe(204);
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
    expect((await anonymous.request('POST', '/api/v1/investor/recovery/password', { flowToken: started.flowToken, verificationId: fresh.id, newPassword: 'Fresh2026go' })).statusCode).toBe(204);
  });
});
