/**
 * Issue 12 item 8: sign-up hashed the password before checking the SMS code, with no
 * limit, and 64 anonymous requests pushed /healthz from 1 ms to over 1 s. Every route
 * that hashes a password is now limited per address (PASSWORD_ROUTE_LIMIT a minute),
 * and sign-up checks the code first.
 */
import { performance } from 'node:perf_hooks';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/databases.ts';
import { captchaAnswer, lastCodeSentTo } from '../../../../test/context.ts';
import { ApiClient, serverForSuite } from '../../../../test/http.ts';
import { sendRegistrationCode } from './investors.ts';

const LIMIT = 5;

describeEachDatabase('routes that hash a password', (getDb) => {
  // the production argon2id cost, so that hashing costs what it costs in production
  const server = serverForSuite(getDb, { config: { passwordRouteLimit: LIMIT, argon2MemoryKib: 19456, argon2Passes: 2 } });

  it('answers the sign-up past PASSWORD_ROUTE_LIMIT from one address with 429 and Retry-After; other routes keep their own count', async () => {
    const client = await new ApiClient(server.app).start();
    const statuses: number[] = [];
    for (let i = 0; i <= LIMIT; i++) {
      const response = await client.request('POST', '/api/v1/investor/register', { mobile: `1390000${String(7000 + i)}`, password: 'abc12345', smsCode: '000000', agreementsAccepted: true });
      statuses.push(response.statusCode);
      if (i === LIMIT) {
        expect(response.json()).toMatchObject({ code: 'RATE_LIMITED' });
        expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
      }
    }
    expect(statuses).toEqual([...Array<number>(LIMIT).fill(400), 429]);
    // sign-in is limited on its own
    const { captchaId } = (await client.request('POST', '/api/v1/captcha', {})).json();
    const login = await client.request('POST', '/api/v1/investor/login', { account: '13900009999', password: 'abc12345', captchaId, captchaAnswer: await captchaAnswer(server.ctx, captchaId) });
    expect(login.json().code).toBe('LOGIN_FAILED');
  });
});

describeEachDatabase('routes that hash a password, flooded', (getDb) => {
  const server = serverForSuite(getDb, { config: { passwordRouteLimit: LIMIT, argon2MemoryKib: 19456, argon2Passes: 2 } });

  it('64 anonymous sign-ups at once (with right codes) hash at most PASSWORD_ROUTE_LIMIT passwords, and /healthz stays fast', async () => {
    const ctx = server.ctx;
    const meta = { ip: '10.1.1.1', requestId: 'test' };
    const attempts = await Promise.all(
      Array.from({ length: 64 }, async (_, i) => {
        const mobile = `1390001${String(1000 + i)}`;
        await sendRegistrationCode(ctx, meta, mobile);
        return mobile;
      }),
    );
    await ctx.jobs.drain();
    const codes = new Map<string, string>();
    for (const mobile of attempts) codes.set(mobile, await lastCodeSentTo(ctx, mobile));
    const client = await new ApiClient(server.app).start();
    const flood = Promise.all(attempts.map((mobile) => client.request('POST', '/api/v1/investor/register', { mobile, password: 'abc12345', smsCode: codes.get(mobile), agreementsAccepted: true })));
    const started = performance.now();
    const health = await server.app.inject({ method: 'GET', url: '/healthz' });
    const healthMs = performance.now() - started;
    const answers = await flood;
    expect(health.statusCode).toBe(200);
    const created = answers.filter((a) => a.statusCode === 201).length;
    const limited = answers.filter((a) => a.statusCode === 429).length;
    expect(created).toBe(LIMIT);
    expect(limited).toBe(64 - LIMIT);
    console.info(`/healthz answered in ${healthMs.toFixed(1)} ms during 64 concurrent sign-ups (${created} hashed, ${limited} refused)`);
    expect(healthMs).toBeLessThan(1000);
  });
});
