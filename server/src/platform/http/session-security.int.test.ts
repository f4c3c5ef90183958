import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/databases.ts';
import { lastCodeSentTo } from '../../../../test/context.ts';
import { serverForSuite } from '../../../../test/http.ts';
import type { AppContext } from '../../context.ts';

const cookieOf = (response: LightMyRequestResponse, name: string) => response.cookies.find((c) => c.name === name);

/** Registers an investor over HTTP as a browser would; returns the tokens before and after sign-in. */
async function register(app: FastifyInstance, ctx: AppContext, mobile: string, sessionCookie: string) {
  const before = cookieOf(await app.inject({ method: 'GET', url: '/api/v1/session' }), 'ch_csrf')!.value;
  const post = (url: string, payload: unknown) => app.inject({ method: 'POST', url, cookies: { ch_csrf: before }, headers: { 'x-csrf-token': before }, payload: payload as object });
  expect((await post('/api/v1/investor/register/code', { mobile })).statusCode).toBe(200);
  const registered = await post('/api/v1/investor/register', { mobile, password: 'abc12345', smsCode: await lastCodeSentTo(ctx, mobile), agreementsAccepted: true });
  expect(registered.statusCode).toBe(201);
  const session = cookieOf(registered, sessionCookie)!;
  return { before, after: cookieOf(registered, 'ch_csrf')?.value, session: session.value, sessionCookie: session };
}

describeEachDatabase('CSRF token bound to the session', (getDb) => {
  const server = serverForSuite(getDb);
  const captcha = (sid: string, csrf: string) => server.app.inject({ method: 'POST', url: '/api/v1/captcha', cookies: { ch_sid: sid, ch_csrf: csrf }, headers: { 'x-csrf-token': csrf }, payload: {} });

  it('rotates the token at sign-in and refuses the one from before sign-in', async () => {
    const { before, after, session } = await register(server.app, server.ctx, '13611113333', 'ch_sid');
    expect(after).toBeTruthy();
    expect(after).not.toBe(before);
    const stale = await captcha(session, before);
    expect(stale.statusCode).toBe(403);
    expect(stale.json()).toMatchObject({ code: 'CSRF_FAILED' });
    expect((await captcha(session, after!)).statusCode).toBe(200);

    // A page that still holds the old token gets the session's own from /session (what the web client does on CSRF_FAILED).
    const refreshed = await server.app.inject({ method: 'GET', url: '/api/v1/session', cookies: { ch_sid: session, ch_csrf: before } });
    expect(refreshed.json().csrfToken).toBe(after);
    expect(cookieOf(refreshed, 'ch_csrf')?.value).toBe(after);
  });

  it("refuses another session's token, and rotates the token at sign-out", async () => {
    const first = await register(server.app, server.ctx, '13611114444', 'ch_sid');
    const second = await register(server.app, server.ctx, '13611115555', 'ch_sid');
    expect((await captcha(first.session, second.after!)).json()).toMatchObject({ code: 'CSRF_FAILED' });

    const logout = await server.app.inject({ method: 'POST', url: '/api/v1/session/logout', cookies: { ch_sid: first.session, ch_csrf: first.after! }, headers: { 'x-csrf-token': first.after! }, payload: {} });
    expect(logout.statusCode).toBe(204);
    const signedOut = cookieOf(logout, 'ch_csrf')!.value;
    expect(signedOut).not.toBe(first.after);
    expect((await server.app.inject({ method: 'POST', url: '/api/v1/captcha', cookies: { ch_csrf: signedOut }, headers: { 'x-csrf-token': signedOut }, payload: {} })).statusCode).toBe(200);
  });
});

describeEachDatabase('session cookie over HTTPS and the API docs setting', (getDb) => {
  describe('COOKIE_SECURE on, API_DOCS off', () => {
    const server = serverForSuite(getDb, { config: { cookieSecure: true, apiDocs: false } });

    it('names the session cookie __Host-ch_sid: Secure, path /, no Domain', async () => {
      const { sessionCookie, after } = await register(server.app, server.ctx, '13622223333', '__Host-ch_sid');
      expect(sessionCookie).toMatchObject({ name: '__Host-ch_sid', secure: true, path: '/', httpOnly: true });
      expect(sessionCookie.domain).toBeUndefined();
      const session = await server.app.inject({ method: 'GET', url: '/api/v1/session', cookies: { '__Host-ch_sid': sessionCookie.value } });
      expect(session.json().principal).toMatchObject({ kind: 'investor' });
      expect(session.json().csrfToken).toBe(after);
      // The plain name means nothing here.
      expect((await server.app.inject({ method: 'GET', url: '/api/v1/session', cookies: { ch_sid: sessionCookie.value } })).json().principal).toBeNull();
    });

    it('serves no API docs', async () => {
      for (const url of ['/api/docs', '/api/docs/json', '/api/docs/static/index.html']) {
        const response = await server.app.inject({ method: 'GET', url });
        expect(response.statusCode, url).toBe(404);
        expect(response.json()).toMatchObject({ code: 'NOT_FOUND' });
      }
      // The document is still built, for npm run api:types.
      expect(Object.keys((server.app.swagger() as { paths: object }).paths)).toContain('/api/v1/investor/register');
    });
  });

  describe('defaults of demo mode', () => {
    const server = serverForSuite(getDb);
    it('serves the API docs and names the session cookie ch_sid (plain HTTP)', async () => {
      expect((await server.app.inject({ method: 'GET', url: '/api/docs/json' })).statusCode).toBe(200);
      expect(server.ctx.config).toMatchObject({ apiDocs: true, cookieSecure: false });
    });
  });
});
