import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/databases.ts';
import { captchaAnswer, lastCodeSentTo } from '../../../../test/context.ts';
import { ApiClient, serverForSuite } from '../../../../test/http.ts';

describeEachDatabase('investor identity over HTTP', (getDb) => {
  const server = serverForSuite(getDb);

  it('refuses unsafe requests without the CSRF token', async () => {
    const response = await server.app.inject({ method: 'POST', url: '/api/v1/captcha', payload: {} });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'CSRF_FAILED', message: '页面已过期，请刷新后重试' });
    const english = await server.app.inject({ method: 'POST', url: '/api/v1/captcha', payload: {}, headers: { 'accept-language': 'en-GB' } });
    expect(english.json().message).toBe('This page has expired. Please reload it and try again.');
  });

  it('registers, passes the step-up check, and signs out', async () => {
    const ctx = server.ctx;
    const client = await new ApiClient(server.app).start();
    const mobile = '13611112222';
    expect((await client.request('POST', '/api/v1/investor/register/code', { mobile })).statusCode).toBe(200);
    const smsCode = await lastCodeSentTo(ctx, mobile);
    const registered = await client.request('POST', '/api/v1/investor/register', { mobile, password: 'abc12345', smsCode, agreementsAccepted: true });
    expect(registered.statusCode).toBe(201);
    expect(registered.cookies.find((c) => c.name === 'ch_sid')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });

    const needsStepUp = (await client.request('GET', '/api/v1/session')).json();
    expect(needsStepUp.principal).toMatchObject({ kind: 'investor', mobileMasked: '136****2222', stepUpValidUntil: null });

    const captcha = (await client.request('POST', '/api/v1/captcha', {})).json();
    const sent = await client.request('POST', '/api/v1/step-up/code', { captchaId: captcha.captchaId, captchaAnswer: await captchaAnswer(ctx, captcha.captchaId), channel: 'sms' });
    expect(sent.json()).toMatchObject({ destinationMasked: '136****2222' });
    const noEmail = await client.request('POST', '/api/v1/step-up', { channel: 'email', code: '123456' });
    expect(noEmail.json().code).toBe('CHANNEL_UNAVAILABLE');
    const passed = await client.request('POST', '/api/v1/step-up', { channel: 'sms', code: await lastCodeSentTo(ctx, mobile) });
    expect(passed.statusCode).toBe(200);
    expect((await client.request('GET', '/api/v1/session')).json().principal.stepUpValidUntil).toBe(passed.json().validUntil);

    expect((await client.request('POST', '/api/v1/session/logout', {})).statusCode).toBe(204);
    expect((await client.request('GET', '/api/v1/session')).json().principal).toBeNull();
    expect((await client.request('POST', '/api/v1/investor/password', { oldPassword: 'abc12345', newPassword: 'new12345' })).json().code).toBe('UNAUTHENTICATED');
  });

  it('answers every error in one shape, with security headers and a request id', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/api/v1/nowhere' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ code: 'NOT_FOUND', message: '请求的内容不存在', details: {} });
    expect(response.headers['x-request-id']).toBeTruthy();
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    const ready = await server.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.json()).toEqual({ status: 'ready' });
    const docs = await server.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(Object.keys(docs.json().paths)).toContain('/api/v1/investor/register');
  });
});
