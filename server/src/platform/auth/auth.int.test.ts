import { expect, it, vi } from 'vitest';
import { describeEachDatabase } from '../../../../test/databases.ts';
import { testContext, captchaAnswer } from '../../../../test/context.ts';
import { AppError } from '../errors.ts';
import { minutes, seconds } from '../clock.ts';
import { consume } from '../ratelimit.ts';

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'OK';
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

describeEachDatabase('auth primitives', (getDb) => {
  it('one-time codes: right code once, then spent', async () => {
    const ctx = testContext(getDb());
    const { code } = await ctx.codes.issue(ctx.db, ctx.clock.now(), 'p1', 'sms', '13800000001');
    expect(code).toMatch(/^\d{6}$/);
    expect(await codeOf(ctx.codes.verify(ctx.db, ctx.clock.now(), 'p1', 'sms', '13800000001', code))).toBe('OK');
    expect(await codeOf(ctx.codes.verify(ctx.db, ctx.clock.now(), 'p1', 'sms', '13800000001', code))).toBe('CODE_EXPIRED');
  });

  it('one-time codes: expire after their lifetime', async () => {
    const ctx = testContext(getDb(), { otpTtlSeconds: 300 });
    const { code } = await ctx.codes.issue(ctx.db, ctx.clock.now(), 'p2', 'sms', '13800000002');
    ctx.clock.advance(seconds(301));
    expect(await codeOf(ctx.codes.verify(ctx.db, ctx.clock.now(), 'p2', 'sms', '13800000002', code))).toBe('CODE_EXPIRED');
  });

  it('one-time codes: limited attempts, and wrong entries count though the caller fails', async () => {
    const ctx = testContext(getDb(), { otpMaxAttempts: 3 });
    const { code } = await ctx.codes.issue(ctx.db, ctx.clock.now(), 'p3', 'email', 'a@example.com');
    const wrong = code === '000000' ? '111111' : '000000';
    expect(await codeOf(ctx.codes.verify(ctx.db, ctx.clock.now(), 'p3', 'email', 'a@example.com', wrong))).toBe('CODE_INVALID');
    expect(await codeOf(ctx.codes.verify(ctx.db, ctx.clock.now(), 'p3', 'email', 'a@example.com', 'abc'))).toBe('CODE_INVALID');
    expect(await codeOf(ctx.codes.verify(ctx.db, ctx.clock.now(), 'p3', 'email', 'a@example.com', wrong))).toBe('CODE_EXPIRED');
    // spent: even the right code no longer works
    expect(await codeOf(ctx.codes.verify(ctx.db, ctx.clock.now(), 'p3', 'email', 'a@example.com', code))).toBe('CODE_EXPIRED');
  });

  it('one-time codes: resend interval, a new code replaces the old, daily limit', async () => {
    const ctx = testContext(getDb(), { otpResendSeconds: 60, otpDailyLimit: 3 });
    const first = await ctx.codes.issue(ctx.db, ctx.clock.now(), 'p4', 'sms', '13800000004');
    expect(await codeOf(ctx.codes.issue(ctx.db, ctx.clock.now(), 'p4', 'sms', '13800000004'))).toBe('CODE_RESEND_TOO_SOON');
    ctx.clock.advance(seconds(61));
    const second = await ctx.codes.issue(ctx.db, ctx.clock.now(), 'p4', 'sms', '13800000004');
    if (first.code !== second.code) {
      expect(await codeOf(ctx.codes.verify(ctx.db, ctx.clock.now(), 'p4', 'sms', '13800000004', first.code))).toBe('CODE_INVALID');
    }
    ctx.clock.advance(seconds(61));
    await ctx.codes.issue(ctx.db, ctx.clock.now(), 'p4', 'sms', '13800000004');
    ctx.clock.advance(seconds(61));
    expect(await codeOf(ctx.codes.issue(ctx.db, ctx.clock.now(), 'p4', 'sms', '13800000004'))).toBe('CODE_DAILY_LIMIT');
  });

  it('captcha: single use, case-insensitive, short-lived', async () => {
    const ctx = testContext(getDb(), { captchaTtlSeconds: 120 });
    const a = await ctx.captcha.issue(ctx.db, ctx.clock.now());
    expect(a.image.startsWith('data:image/svg+xml;base64,')).toBe(true);
    const answer = await captchaAnswer(ctx, a.captchaId);
    expect(await codeOf(ctx.captcha.verify(ctx.db, ctx.clock.now(), a.captchaId, answer.toUpperCase()))).toBe('OK');
    expect(await codeOf(ctx.captcha.verify(ctx.db, ctx.clock.now(), a.captchaId, answer))).toBe('CAPTCHA_INVALID');

    const b = await ctx.captcha.issue(ctx.db, ctx.clock.now());
    expect(await codeOf(ctx.captcha.verify(ctx.db, ctx.clock.now(), b.captchaId, 'zzzz'))).toBe('CAPTCHA_INVALID');
    // a wrong try spends it too
    expect(await codeOf(ctx.captcha.verify(ctx.db, ctx.clock.now(), b.captchaId, await captchaAnswer(ctx, b.captchaId)))).toBe('CAPTCHA_INVALID');

    const c = await ctx.captcha.issue(ctx.db, ctx.clock.now());
    ctx.clock.advance(seconds(121));
    expect(await codeOf(ctx.captcha.verify(ctx.db, ctx.clock.now(), c.captchaId, await captchaAnswer(ctx, c.captchaId)))).toBe('CAPTCHA_INVALID');
  });

  it('sessions: the look-up of every request is built once per database, then only executed', async () => {
    const ctx = testContext(getDb());
    const principal = { kind: 'investor' as const, id: crypto.randomUUID() };
    const sessions = await Promise.all([1, 2, 3].map(() => ctx.sessions.create(ctx.db, ctx.clock.now(), principal, {})));
    await ctx.sessions.resolve(ctx.db, ctx.clock.now(), 'warm-up: builds it, if no test did before');
    const select = vi.spyOn(ctx.db, 'select');
    for (const { token, session } of sessions) expect((await ctx.sessions.resolve(ctx.db, ctx.clock.now(), token))?.id).toBe(session.id);
    expect(await ctx.sessions.resolve(ctx.db, ctx.clock.now(), 'no-such-token')).toBeNull();
    expect(select).not.toHaveBeenCalled();
    select.mockRestore();
  });

  it('sessions: idle timeout slides, absolute timeout does not; revocation ends them', async () => {
    const ctx = testContext(getDb(), { sessionIdleMinutes: 30, sessionAbsoluteHours: 1 });
    const principal = { kind: 'investor' as const, id: crypto.randomUUID() };
    const { token, session } = await ctx.sessions.create(ctx.db, ctx.clock.now(), principal, {});
    ctx.clock.advance(minutes(25));
    expect(await ctx.sessions.resolve(ctx.db, ctx.clock.now(), token)).not.toBeNull();
    ctx.clock.advance(minutes(25)); // 50 min after start, 25 after the last request
    expect(await ctx.sessions.resolve(ctx.db, ctx.clock.now(), token)).not.toBeNull();
    ctx.clock.advance(minutes(11)); // past the absolute hour
    expect(await ctx.sessions.resolve(ctx.db, ctx.clock.now(), token)).toBeNull();

    const idle = await ctx.sessions.create(ctx.db, ctx.clock.now(), principal, {});
    ctx.clock.advance(minutes(31));
    expect(await ctx.sessions.resolve(ctx.db, ctx.clock.now(), idle.token)).toBeNull();

    const other = await ctx.sessions.create(ctx.db, ctx.clock.now(), principal, {});
    const mine = await ctx.sessions.create(ctx.db, ctx.clock.now(), principal, {});
    await ctx.sessions.revokeAll(ctx.db, ctx.clock.now(), principal, 'test', mine.session.id);
    expect(await ctx.sessions.resolve(ctx.db, ctx.clock.now(), other.token)).toBeNull();
    expect(await ctx.sessions.resolve(ctx.db, ctx.clock.now(), mine.token)).not.toBeNull();
    expect(session.principalKind).toBe('investor');
  });

  it('rate counters: a limit holds within its window and resets after it', async () => {
    const ctx = testContext(getDb());
    const limit = { bucket: `t:${crypto.randomUUID()}`, limit: 2, windowMs: 60_000 };
    await consume(ctx.db, limit, ctx.clock.now());
    await consume(ctx.db, limit, ctx.clock.now());
    expect(await codeOf(consume(ctx.db, limit, ctx.clock.now()))).toBe('RATE_LIMITED');
    ctx.clock.advance(60_000);
    expect(await codeOf(consume(ctx.db, limit, ctx.clock.now()))).toBe('OK');
  });
});
