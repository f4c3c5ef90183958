import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/databases.ts';
import { captchaAnswer, lastCodeSentTo } from '../../../../test/context.ts';
import { ApiClient, serverForSuite } from '../../../../test/http.ts';

describeEachDatabase('profile flows over HTTP: no step can be skipped', (getDb) => {
  const server = serverForSuite(getDb);

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
    // a bound number gets its code like a free one; 下一步 with that code says it is bound
    expect((await client.request('POST', '/api/v1/investor/profile/mobile/code', { value: '13622223333' })).statusCode).toBe(200);
    const taken = await client.request('POST', '/api/v1/investor/profile/mobile/change', { value: '13622223333', code: await lastCodeSentTo(ctx, '13622223333') });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ code: 'PROFILE_MOBILE_BOUND', message: '手机号已被绑定，请确认' });

    await client.request('POST', '/api/v1/investor/profile/mobile/code', { value: '13622224444' });
    const started = await client.request('POST', '/api/v1/investor/profile/mobile/change', { value: '13622224444', code: await lastCodeSentTo(ctx, '13622224444') });
    const { flowId, verification } = started.json();
    expect(verification.methods).toEqual(['user_mobile']);
    const skipped = await client.request('POST', `/api/v1/investor/profile/mobile/change/${flowId}/confirm`, { verificationId: verification.id });
    expect(skipped.statusCode).toBe(403);
    expect(skipped.json()).toMatchObject({ code: 'VERIFY_NOT_PASSED', message: '请先完成身份认证' });

    // another signed-in user cannot use this flow's verification
    const stranger = await registered('13622225555');
    expect((await stranger.request('POST', `/api/v1/verifications/${verification.id}/own-mobile/code`, {})).json().code).toBe('VERIFY_NOT_FOUND');

    await client.request('POST', `/api/v1/verifications/${verification.id}/own-mobile/code`, {});
    const verified = await client.request('POST', `/api/v1/verifications/${verification.id}/own-mobile`, { code: await lastCodeSentTo(ctx, '13622223333') });
    expect(verified.json()).toMatchObject({ status: 'passed', method: 'user_mobile' });
    expect((await client.request('GET', `/api/v1/investor/profile/mobile/change/${flowId}`)).json()).toEqual({ newValueMasked: '136****4444', verificationId: verification.id });
    expect((await stranger.request('POST', `/api/v1/investor/profile/mobile/change/${flowId}/confirm`, { verificationId: verification.id })).json().code).toBe('PROFILE_FLOW_INVALID');
    expect((await client.request('POST', `/api/v1/investor/profile/mobile/change/${flowId}/confirm`, { verificationId: verification.id })).json()).toEqual({ masked: '136****4444' });
    expect((await client.request('GET', '/api/v1/session')).json().principal).toMatchObject({ mobileMasked: '136****4444' });

    // deregistration: the confirmation alone is refused; after the verification the session ends
    const { flowId: leaving, verification: check } = (await client.request('POST', '/api/v1/investor/deregistration', { agreed: true })).json();
    expect((await client.request('POST', `/api/v1/investor/deregistration/${leaving}/confirm`, { verificationId: check.id })).statusCode).toBe(403);
    // the spent change verification does not serve the deregistration
    expect((await client.request('POST', `/api/v1/investor/deregistration/${leaving}/confirm`, { verificationId: verification.id })).statusCode).toBe(403);
    await client.request('POST', `/api/v1/verifications/${check.id}/own-mobile/code`, {});
    await client.request('POST', `/api/v1/verifications/${check.id}/own-mobile`, { code: await lastCodeSentTo(ctx, '13622224444') });
    expect((await client.request('POST', `/api/v1/investor/deregistration/${leaving}/confirm`, { verificationId: check.id })).statusCode).toBe(204);
    expect((await client.request('GET', '/api/v1/session')).json().principal ?? null).toBeNull();
  });

  it('recovery: an unknown account is answered like a known one; only the holder of the number, after its code, learns it is not registered', async () => {
    const ctx = server.ctx;
    const client = await new ApiClient(server.app).start();
    await registered('13633335555');
    const captcha = async () => {
      const { captchaId } = (await client.request('POST', '/api/v1/captcha', {})).json();
      return { captchaId, captchaAnswer: await captchaAnswer(ctx, captchaId) };
    };
    /** Everything an anonymous caller sees of each step, with the ids and the masked number's digits taken out. */
    const walk = async (account: string) => {
      const started = await client.request('POST', '/api/v1/investor/recovery', { account, ...(await captcha()) });
      const body = started.json();
      const headers = { 'x-flow-token': body.flowToken };
      const early = await client.request('POST', '/api/v1/investor/recovery/password', { flowToken: body.flowToken, verificationId: body.verification.id, newPassword: 'Fresh2026go' });
      const sent = await client.request('POST', `/api/v1/verifications/${body.verification.id}/own-mobile/code`, {}, headers);
      const wrong = await client.request('POST', `/api/v1/verifications/${body.verification.id}/own-mobile`, { code: '000000' }, headers);
      const shape = (view: { id: string; expiresAt: string; details: Record<string, string> }) => ({ ...view, id: 'id', expiresAt: 'at', details: Object.keys(view.details) });
      return {
        started: [started.statusCode, Object.keys(body), body.identityRequired, shape(body.verification)],
        early: [early.statusCode, early.json().code],
        sent: [sent.statusCode, Object.keys(sent.json()), shape(sent.json().view)],
        wrong: [wrong.statusCode, wrong.json().code],
        body,
      };
    };
    const known = await walk('13633335555');
    const unknown = await walk('13633338888');
    expect(unknown.started).toEqual(known.started);
    expect(unknown.started[0]).toBe(200);
    expect(unknown.early).toEqual(known.early);
    expect(unknown.sent).toEqual(known.sent);
    expect(unknown.wrong).toEqual(known.wrong);
    // The holder of the unknown number gets the code, passes, and only then is told.
    const headers = { 'x-flow-token': unknown.body.flowToken };
    const passed = await client.request('POST', `/api/v1/verifications/${unknown.body.verification.id}/own-mobile`, { code: await lastCodeSentTo(ctx, '13633338888') }, headers);
    expect(passed.json()).toMatchObject({ status: 'passed' });
    const told = await client.request('POST', '/api/v1/investor/recovery/password', { flowToken: unknown.body.flowToken, verificationId: unknown.body.verification.id, newPassword: 'Fresh2026go' });
    expect(told.statusCode).toBe(404);
    expect(told.json()).toMatchObject({ code: 'PROFILE_RECOVERY_NOT_REGISTERED' });
  });

  it('recovery: the new password is refused without the code step', async () => {
    const ctx = server.ctx;
    const client = await new ApiClient(server.app).start();
    await registered('13633334444');
    const captcha = async () => {
      const { captchaId } = (await client.request('POST', '/api/v1/captcha', {})).json();
      return { captchaId, captchaAnswer: await captchaAnswer(ctx, captchaId) };
    };
    const { flowToken, identityRequired, verification } = (await client.request('POST', '/api/v1/investor/recovery', { account: '13633334444', ...(await captcha()) })).json();
    expect(identityRequired).toBe(false);
    expect(verification).toMatchObject({ purpose: 'recover-password', methods: ['user_mobile'], details: { ownMobileMasked: '136****4444' } });
    const skipped = await client.request('POST', '/api/v1/investor/recovery/password', { flowToken, verificationId: verification.id, newPassword: 'Fresh2026go' });
    expect(skipped.statusCode).toBe(403);
    // without a session, the verification is reached with the recovery's token only
    expect((await client.request('POST', `/api/v1/verifications/${verification.id}/own-mobile/code`, {})).json().code).toBe('UNAUTHENTICATED');
    const other = (await client.request('POST', '/api/v1/investor/recovery', { account: '13633334444', ...(await captcha()) })).json();
    expect((await client.request('POST', `/api/v1/verifications/${verification.id}/own-mobile/code`, {}, { 'x-flow-token': other.flowToken })).json().code).toBe('VERIFY_NOT_FOUND');
    await client.request('POST', `/api/v1/verifications/${verification.id}/own-mobile/code`, {}, { 'x-flow-token': flowToken });
    const passed = await client.request('POST', `/api/v1/verifications/${verification.id}/own-mobile`, { code: await lastCodeSentTo(ctx, '13633334444') }, { 'x-flow-token': flowToken });
    expect(passed.json()).toMatchObject({ status: 'passed' });
    expect((await client.request('POST', '/api/v1/investor/recovery/password', { flowToken: other.flowToken, verificationId: verification.id, newPassword: 'Fresh2026go' })).statusCode).toBe(403);
    // asked for the desktop's confirmation, a user not bound is not asked: the password is set at once
    const done = await client.request('POST', '/api/v1/investor/recovery/password', { flowToken, verificationId: verification.id, newPassword: 'Fresh2026go', withConfirmation: true });
    expect([done.statusCode, done.json()]).toEqual([200, { confirmation: null }]);
  });
});
