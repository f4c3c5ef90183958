import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/databases.ts';
import { captchaAnswer, lastCodeSentTo, testConfig } from '../../../../test/context.ts';
import { ApiClient } from '../../../../test/http.ts';
import { startServer, type RunningServer } from '../../server.ts';

describeEachDatabase('profile flows over HTTP: no step can be skipped', (getDb) => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer(testConfig(), { database: getDb(), listen: false, migrate: false });
  });
  afterAll(async () => {
    await server?.close();
  });

  async function registered(mobile: string) {
    const client = await new ApiClient(server.app).start();
    await client.request('POST', '/api/v1/investor/register/code', { mobile });
    const smsCode = await lastCodeSentTo(server.ctx, mobile);
    expect((await client.request('POST', '/api/v1/investor/register', { mobile, password: 'abc12345', smsCode, agreementsAccepted: true })).statusCode).toBe(201);
    return client;
  }

  it('refuses the final steps until the verification step is passed, then completes', async () => {
    const ctx = server.ctx;
    const client = await registered('13622223333');
    const taken = await client.request('POST', '/api/v1/investor/profile/mobile/code', { value: '13622223333' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ code: 'PROFILE_MOBILE_BOUND', message: '手机号已被绑定，请确认' });

    await client.request('POST', '/api/v1/investor/profile/mobile/code', { value: '13622224444' });
    const started = await client.request('POST', '/api/v1/investor/profile/mobile/change', { value: '13622224444', code: await lastCodeSentTo(ctx, '13622224444') });
    const { flowId } = started.json();
    const skipped = await client.request('POST', `/api/v1/investor/profile/mobile/change/${flowId}/confirm`);
    expect(skipped.statusCode).toBe(403);
    expect(skipped.json()).toMatchObject({ code: 'PROFILE_VERIFICATION_REQUIRED', message: '请先完成用户身份认证' });

    // another signed-in user cannot use this flow
    const stranger = await registered('13622225555');
    expect((await stranger.request('POST', `/api/v1/investor/profile/flows/${flowId}/verification/code`, { method: 'own-mobile' })).json().code).toBe('PROFILE_FLOW_INVALID');

    await client.request('POST', `/api/v1/investor/profile/flows/${flowId}/verification/code`, { method: 'own-mobile' });
    const verified = await client.request('POST', `/api/v1/investor/profile/flows/${flowId}/verification`, { method: 'own-mobile', code: await lastCodeSentTo(ctx, '13622223333') });
    expect(verified.json()).toEqual({ method: 'own-mobile' });
    expect((await client.request('GET', `/api/v1/investor/profile/mobile/change/${flowId}`)).json()).toMatchObject({ newValueMasked: '136****4444' });
    expect((await client.request('POST', `/api/v1/investor/profile/mobile/change/${flowId}/confirm`)).json()).toEqual({ masked: '136****4444' });
    expect((await client.request('GET', '/api/v1/session')).json().principal).toMatchObject({ mobileMasked: '136****4444' });

    // deregistration: the confirmation alone is refused; after the verification the session ends
    const { flowId: leaving } = (await client.request('POST', '/api/v1/investor/deregistration', { agreed: true })).json();
    expect((await client.request('POST', `/api/v1/investor/deregistration/${leaving}/confirm`)).statusCode).toBe(403);
    await client.request('POST', `/api/v1/investor/profile/flows/${leaving}/verification/code`, { method: 'own-mobile' });
    await client.request('POST', `/api/v1/investor/profile/flows/${leaving}/verification`, { method: 'own-mobile', code: await lastCodeSentTo(ctx, '13622224444') });
    expect((await client.request('POST', `/api/v1/investor/deregistration/${leaving}/confirm`)).statusCode).toBe(204);
    expect((await client.request('GET', '/api/v1/session')).json().principal ?? null).toBeNull();
  });

  it('recovery: the new password is refused without the code step; unknown accounts are named as such', async () => {
    const ctx = server.ctx;
    const client = await new ApiClient(server.app).start();
    await registered('13633334444');
    const captcha = async () => {
      const { captchaId } = (await client.request('POST', '/api/v1/captcha', {})).json();
      return { captchaId, captchaAnswer: await captchaAnswer(ctx, captchaId) };
    };
    const unknown = await client.request('POST', '/api/v1/investor/recovery', { account: '13633339999', ...(await captcha()) });
    expect(unknown.json()).toMatchObject({ code: 'PROFILE_RECOVERY_NOT_REGISTERED' });
    const { flowToken, methods } = (await client.request('POST', '/api/v1/investor/recovery', { account: '13633334444', ...(await captcha()) })).json();
    expect(methods).toEqual([{ method: 'own-mobile', destinationMasked: '136****4444' }]);
    const skipped = await client.request('POST', '/api/v1/investor/recovery/password', { flowToken, newPassword: 'Fresh2026go' });
    expect(skipped.statusCode).toBe(403);
    await client.request('POST', '/api/v1/investor/recovery/code', { flowToken, method: 'own-mobile' });
    await client.request('POST', '/api/v1/investor/recovery/verification', { flowToken, method: 'own-mobile', code: await lastCodeSentTo(ctx, '13633334444') });
    expect((await client.request('POST', '/api/v1/investor/recovery/password', { flowToken, newPassword: 'Fresh2026go' })).statusCode).toBe(204);
  });
});
