import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/databases.ts';
import { serverForSuite } from '../../../../test/http.ts';
import { ping } from './client.ts';

const BOUND_MS = 400;

/** Holds the database (on PGlite: its one connection) in a transaction until released. */
async function holdDatabase(run: (release: () => void) => Promise<void>, server: ReturnType<typeof serverForSuite>) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let started!: () => void;
  const holding = new Promise<void>((resolve) => (started = resolve));
  const held = server.ctx.db.transaction(async (tx) => {
    await tx.execute(sql`select 1`);
    started();
    await released;
  });
  await holding;
  try {
    await run(release);
  } finally {
    release();
    await held;
  }
}

describeEachDatabase('a request queued for the database', (getDb) => {
  const server = serverForSuite(getDb, { config: { dbQueueWaitMs: BOUND_MS } });
  const csrf = 'a-csrf-token-for-the-queue-test';
  const captcha = (language = 'zh-CN') => server.app.inject({ method: 'POST', url: '/api/v1/captcha', cookies: { ch_csrf: csrf }, headers: { 'x-csrf-token': csrf, 'accept-language': language }, payload: {} });

  it('is answered 503 SERVICE_BUSY with Retry-After after the bound on PGlite, and served normally on PostgreSQL', async () => {
    const pglite = getDb().kind === 'pglite';
    expect((await captcha()).statusCode).toBe(200); // warm: the first request compiles what it needs
    await holdDatabase(async () => {
      const started = performance.now();
      const [zh, en] = await Promise.all([captcha(), captcha('en')]);
      const waited = performance.now() - started;
      if (!pglite) {
        // A pool: the held connection is not the one the request uses.
        expect([zh.statusCode, en.statusCode]).toEqual([200, 200]);
        return;
      }
      expect(zh.statusCode).toBe(503);
      expect(zh.headers['retry-after']).toBe('1');
      expect(zh.json()).toEqual({ code: 'SERVICE_BUSY', message: '系统繁忙，请1秒后再试', details: { retryAfterSeconds: 1 } });
      expect(en.json()).toMatchObject({ code: 'SERVICE_BUSY', message: 'The service is busy. Please try again in 1 seconds.' });
      expect(waited).toBeGreaterThanOrEqual(BOUND_MS - 5);
      expect(waited).toBeLessThan(BOUND_MS + 1500);
    }, server);
    // Once the connection is free again, the same request is served.
    expect((await captcha()).statusCode).toBe(200);
  });

  it('lets work outside a request (jobs, the command line) wait its turn without a bound', async () => {
    let pinged = false;
    await holdDatabase(async (release) => {
      const waiting = ping(server.ctx.db).then(() => (pinged = true));
      await new Promise((resolve) => setTimeout(resolve, BOUND_MS * 2));
      if (getDb().kind === 'pglite') expect(pinged).toBe(false);
      release();
      await waiting;
    }, server);
    expect(pinged).toBe(true);
  });

  it('serves requests queued within the bound, in their turn', async () => {
    await holdDatabase(async (release) => {
      const pending = captcha();
      setTimeout(release, BOUND_MS / 4);
      expect((await pending).statusCode).toBe(200);
    }, server);
  });
});
