import { expect, it, vi } from 'vitest';
import { eq, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { describeEachDatabase } from '../../../../test/databases.ts';
import { captchaAnswer, lastCodeSentTo, rejection, testContext, type TestContext } from '../../../../test/context.ts';
import { auditEntries } from '../../platform/db/schema.ts';
import { minutes } from '../../platform/clock.ts';
import { describeError } from '../../platform/errors.ts';
import { changeInvestorPassword, loginInvestor, registerInvestor, sendRegistrationCode } from './investors.ts';
import { createOrganisation, createStaffUser, loginStaff, setStaffStatus, staffPrincipal } from './staff.ts';
import { totpCode } from './totp.ts';

const meta = { ip: '127.0.0.9', requestId: 'test' };

async function register(ctx: TestContext, mobile: string, password = 'abc12345') {
  await sendRegistrationCode(ctx, meta, mobile);
  const smsCode = await lastCodeSentTo(ctx, mobile);
  return registerInvestor(ctx, meta, { mobile, password, smsCode, agreementsAccepted: true });
}

async function login(ctx: TestContext, account: string, password: string, ip = meta.ip) {
  const { captchaId } = await ctx.captcha.issue(ctx.db, ctx.clock.now());
  return loginInvestor(ctx, { ...meta, ip }, { account, password, captchaId, captchaAnswer: await captchaAnswer(ctx, captchaId) });
}

let n = 0;
const nextMobile = () => `1370000${String(1000 + n++).padStart(4, '0')}`;

describeEachDatabase('investor identity', (getDb) => {
  it('registers with the SMS code and signs the person in; that the number is taken is told only after its code', async () => {
    const ctx = testContext(getDb());
    const mobile = nextMobile();
    const { principal, token } = await register(ctx, mobile);
    expect(principal).toMatchObject({ kind: 'investor', mobileMasked: `${mobile.slice(0, 3)}****${mobile.slice(-4)}`, realNameVerified: false });
    expect(await ctx.sessions.resolve(ctx.db, ctx.clock.now(), token)).not.toBeNull();
    const audits = await ctx.db.select().from(auditEntries).where(eq(auditEntries.objectId, principal.id));
    expect(audits.map((a) => a.action)).toContain('investor.registered');

    // Anyone asking for a code gets the same answer for a taken and a free number.
    ctx.clock.advance(minutes(2));
    const taken = await sendRegistrationCode(ctx, meta, mobile);
    const free = await sendRegistrationCode(ctx, meta, nextMobile());
    expect(taken).toEqual(free);
    // Without the code, nothing says the number is taken.
    const smsCode = await lastCodeSentTo(ctx, mobile);
    const wrong = smsCode === '000000' ? '111111' : '000000';
    expect((await rejection(registerInvestor(ctx, meta, { mobile, password: 'abc12345', smsCode: wrong, agreementsAccepted: true }))).code).toBe('CODE_INVALID');
    // The holder of the number, with its code, is told.
    expect((await rejection(registerInvestor(ctx, meta, { mobile, password: 'abc12345', smsCode, agreementsAccepted: true }))).code).toBe('MOBILE_TAKEN');
  });

  it('checks the SMS code before hashing the password', async () => {
    const ctx = testContext(getDb());
    const mobile = nextMobile();
    await sendRegistrationCode(ctx, meta, mobile);
    const smsCode = await lastCodeSentTo(ctx, mobile);
    const hash = vi.spyOn(ctx.passwords, 'hash');
    const wrong = smsCode === '000000' ? '111111' : '000000';
    expect((await rejection(registerInvestor(ctx, meta, { mobile, password: 'abc12345', smsCode: wrong, agreementsAccepted: true }))).code).toBe('CODE_INVALID');
    expect(hash).not.toHaveBeenCalled();
    await registerInvestor(ctx, meta, { mobile, password: 'abc12345', smsCode, agreementsAccepted: true });
    expect(hash).toHaveBeenCalledTimes(1);
  });

  it('refuses bad numbers, a weak password, missing agreements and a wrong code, creating nothing', async () => {
    const ctx = testContext(getDb());
    expect((await rejection(sendRegistrationCode(ctx, meta, '12345678901'))).code).toBe('MOBILE_INVALID');
    const mobile = nextMobile();
    await sendRegistrationCode(ctx, meta, mobile);
    const smsCode = await lastCodeSentTo(ctx, mobile);
    expect((await rejection(registerInvestor(ctx, meta, { mobile, password: 'abcdefgh', smsCode, agreementsAccepted: true }))).details.rule).toBe('digit');
    expect((await rejection(registerInvestor(ctx, meta, { mobile, password: 'abc12345', smsCode, agreementsAccepted: false }))).code).toBe('AGREEMENTS_REQUIRED');
    const wrong = smsCode === '000000' ? '111111' : '000000';
    expect((await rejection(registerInvestor(ctx, meta, { mobile, password: 'abc12345', smsCode: wrong, agreementsAccepted: true }))).code).toBe('CODE_INVALID');
    // the right code still works after one wrong try
    const { principal } = await registerInvestor(ctx, meta, { mobile, password: 'abc12345', smsCode, agreementsAccepted: true });
    expect(principal.id).toBeTruthy();
  });

  it('answers a wrong password for a known account and any password for an unknown one alike, and never locks', async () => {
    const ctx = testContext(getDb(), { loginMaxFailures: 3, loginSlowdownMs: 0 });
    const mobile = nextMobile();
    await register(ctx, mobile);
    const answers = async (account: string, ip: string) => {
      const seen: { code: string; status: number; message: string }[] = [];
      for (let i = 0; i < 5; i++) {
        const error = await rejection(login(ctx, account, 'wrong1234', ip));
        seen.push({ code: error.code, ...describeError(error.code, 'zh-CN', error.details) });
      }
      return seen;
    };
    const known = await answers(mobile, '127.0.1.1');
    const unknown = await answers(nextMobile(), '127.0.1.2');
    expect(known).toEqual(unknown);
    expect(known.map((a) => a.code)).toEqual(['LOGIN_FAILED', 'LOGIN_FAILED', 'LOGIN_FAILED', 'LOGIN_THROTTLED', 'LOGIN_THROTTLED']);
    expect(known.map((a) => a.status)).toEqual([401, 401, 401, 429, 429]);
    // The owner, from their own address, is not kept out.
    expect((await login(ctx, mobile, 'abc12345', '127.0.1.3')).principal.kind).toBe('investor');
  });

  it('an attacker failing from many addresses cannot keep the owner out; the account is only slowed', async () => {
    const ctx = testContext(getDb(), { loginMaxFailures: 3, loginSlowdownMs: 300, loginIpMaxFailures: 1000 });
    const mobile = nextMobile();
    await register(ctx, mobile);
    for (let i = 0; i < 4; i++) await rejection(login(ctx, mobile, `wrong${i}pass`, `10.0.0.${i}`));
    // a renewed attack within the window changes nothing for the owner
    ctx.clock.advance(minutes(10));
    for (let i = 0; i < 4; i++) await rejection(login(ctx, mobile, `wrong${i}pass`, `10.0.1.${i}`));
    const started = performance.now();
    expect((await login(ctx, mobile, 'abc12345', '192.168.1.5')).principal.kind).toBe('investor');
    // past LOGIN_MAX_FAILURES from all addresses every attempt waits LOGIN_SLOWDOWN_MS
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('throttles an address on an account in a sliding window, with the time to wait', async () => {
    const ctx = testContext(getDb(), { loginMaxFailures: 3, loginWindowMinutes: 15, loginSlowdownMs: 0 });
    const mobile = nextMobile();
    await register(ctx, mobile);
    const ip = '127.0.2.1';
    for (let i = 0; i < 3; i++) expect((await rejection(login(ctx, mobile, 'wrong1234', ip))).code).toBe('LOGIN_FAILED');
    const throttled = await rejection(login(ctx, mobile, 'abc12345', ip));
    expect(throttled.code).toBe('LOGIN_THROTTLED');
    expect(describeError(throttled.code, 'en', throttled.details)).toEqual({ status: 429, message: 'Too many sign-in attempts. Please try again in 15 minutes, or reset your password.' });
    expect(Number(throttled.details.retryAfterSeconds)).toBe(15 * 60);
    ctx.clock.advance(minutes(14));
    expect((await rejection(login(ctx, mobile, 'abc12345', ip))).code).toBe('LOGIN_THROTTLED');
    ctx.clock.advance(minutes(2));
    expect((await login(ctx, mobile, 'abc12345', ip)).principal.kind).toBe('investor');
  });

  it('a success forgets the address’s failures on the account', async () => {
    const ctx = testContext(getDb(), { loginMaxFailures: 3, loginSlowdownMs: 0 });
    const mobile = nextMobile();
    await register(ctx, mobile);
    await rejection(login(ctx, mobile, 'wrong1234'));
    await rejection(login(ctx, mobile, 'wrong1234'));
    await login(ctx, mobile, 'abc12345');
    await rejection(login(ctx, mobile, 'wrong1234'));
    expect((await rejection(login(ctx, mobile, 'wrong1234'))).code).toBe('LOGIN_FAILED');
  });

  it('reads the account’s throttle in one statement, and a success with no failures on record deletes no counter', async () => {
    const ctx = testContext(getDb(), { loginMaxFailures: 3, loginSlowdownMs: 0 });
    const mobile = nextMobile();
    await register(ctx, mobile);
    const { captchaId } = await ctx.captcha.issue(ctx.db, ctx.clock.now());
    const captcha = await captchaAnswer(ctx, captchaId);
    // The raw statements of a sign-in (the throttle's counters; the rest is built by Drizzle's query builder).
    const dialect = new PgDialect();
    const statements: string[] = [];
    const record = (ex: object) => {
      const target = ex as { execute: (query: SQL) => unknown };
      const execute = target.execute.bind(ex);
      vi.spyOn(target, 'execute').mockImplementation(((query: SQL) => {
        statements.push(dialect.sqlToQuery(query).sql.replace(/\s+/g, ' '));
        return execute(query);
      }) as never);
    };
    record(ctx.db);
    const transaction = ctx.db.transaction.bind(ctx.db);
    vi.spyOn(ctx.db, 'transaction').mockImplementation(((work: (tx: never) => Promise<unknown>) =>
      transaction((tx) => {
        record(tx);
        return work(tx as never);
      })) as never);
    await loginInvestor(ctx, meta, { account: mobile, password: 'abc12345', captchaId, captchaAnswer: captcha });
    vi.restoreAllMocks();
    const counterReads = statements.filter((s) => s.startsWith('select bucket, window_start, count from rate_counters'));
    expect(counterReads).toHaveLength(2); // the address's, then the account's two buckets together
    expect(statements.filter((s) => s.startsWith('delete from rate_counters'))).toEqual([]);
  });

  it('throttles an address that fails too often, whatever accounts it tries', async () => {
    const ctx = testContext(getDb(), { loginIpMaxFailures: 4, loginIpWindowMinutes: 15 });
    const ip = '127.0.0.77';
    for (let i = 0; i < 4; i++) expect((await rejection(login(ctx, `nobody${i}@example.com`, 'abc12345', ip))).code).toBe('LOGIN_FAILED');
    const throttled = await rejection(login(ctx, 'someone@example.com', 'abc12345', ip));
    expect(throttled.code).toBe('LOGIN_THROTTLED');
    expect(Number(throttled.details.retryAfterSeconds)).toBeGreaterThan(0);
    ctx.clock.advance(minutes(31));
    expect((await rejection(login(ctx, 'someone@example.com', 'abc12345', ip))).code).toBe('LOGIN_FAILED');
  });

  it('refuses a wrong captcha before looking at the password', async () => {
    const ctx = testContext(getDb());
    const { captchaId } = await ctx.captcha.issue(ctx.db, ctx.clock.now());
    expect((await rejection(loginInvestor(ctx, meta, { account: 'x@example.com', password: 'abc12345', captchaId, captchaAnswer: '????' }))).code).toBe('CAPTCHA_INVALID');
  });

  it('changing the password needs the old one and ends every other session', async () => {
    const ctx = testContext(getDb());
    const mobile = nextMobile();
    const first = await register(ctx, mobile);
    const second = await login(ctx, mobile, 'abc12345');
    expect((await rejection(changeInvestorPassword(ctx, meta, second.session, { oldPassword: 'nope12345', newPassword: 'new12345' }))).code).toBe('OLD_PASSWORD_WRONG');
    expect((await rejection(changeInvestorPassword(ctx, meta, second.session, { oldPassword: 'abc12345', newPassword: 'abc12345' }))).code).toBe('PASSWORD_SAME');
    expect((await rejection(changeInvestorPassword(ctx, meta, second.session, { oldPassword: 'abc12345', newPassword: 'short' }))).code).toBe('PASSWORD_POLICY');
    await changeInvestorPassword(ctx, meta, second.session, { oldPassword: 'abc12345', newPassword: 'new12345' });
    expect(await ctx.sessions.resolve(ctx.db, ctx.clock.now(), first.token)).toBeNull();
    expect(await ctx.sessions.resolve(ctx.db, ctx.clock.now(), second.token)).not.toBeNull();
    expect((await rejection(login(ctx, mobile, 'abc12345'))).code).toBe('LOGIN_FAILED');
    expect((await login(ctx, mobile, 'new12345')).principal.kind).toBe('investor');
  });
});

describeEachDatabase('staff identity', (getDb) => {
  async function anAdministrator(ctx: TestContext) {
    const system = { kind: 'system' as const };
    const org = await createOrganisation(ctx, meta, system, { kind: 'depository', code: `D${n++}`, name: '测试登记结算机构' });
    const username = `admin${n++}`;
    const created = await createStaffUser(ctx, meta, system, { organisationId: org.id, username, displayName: '管理员', password: 'abc12345', roles: ['administrator'] });
    return { org, username, secret: created.totp.secret, user: created.user };
  }

  it('signs in with password and authenticator code; a code cannot be replayed', async () => {
    const ctx = testContext(getDb());
    const { username, secret } = await anAdministrator(ctx);
    const code = totpCode(secret, ctx.clock.now());
    const { principal } = await loginStaff(ctx, meta, { username, password: 'abc12345', totpCode: code });
    expect(principal.permissions).toEqual(['appointments.manage', 'appointments.read', 'audit.read', 'exchange.order_reports', 'jobs.read', 'queue.counter', 'registry.import', 'registry.read', 'staff.manage']);
    expect((await rejection(loginStaff(ctx, meta, { username, password: 'abc12345', totpCode: code }))).code).toBe('LOGIN_FAILED');
    ctx.clock.advance(30_000);
    await loginStaff(ctx, meta, { username, password: 'abc12345', totpCode: totpCode(secret, ctx.clock.now()) });
  });

  it('a wrong authenticator code counts as a failure; staff are throttled per address, never locked out', async () => {
    const ctx = testContext(getDb(), { loginMaxFailures: 2, loginSlowdownMs: 0 });
    const { username, secret } = await anAdministrator(ctx);
    const wrong = totpCode(secret, new Date(ctx.clock.now().getTime() - 300_000));
    const attacker = { ...meta, ip: '10.9.9.9' };
    expect((await rejection(loginStaff(ctx, attacker, { username, password: 'abc12345', totpCode: wrong }))).code).toBe('LOGIN_FAILED');
    expect((await rejection(loginStaff(ctx, attacker, { username, password: 'abc12345', totpCode: wrong }))).code).toBe('LOGIN_FAILED');
    expect((await rejection(loginStaff(ctx, attacker, { username, password: 'abc12345', totpCode: totpCode(secret, ctx.clock.now()) }))).code).toBe('LOGIN_THROTTLED');
    // an unknown user name is answered the same way
    expect((await rejection(loginStaff(ctx, { ...meta, ip: '10.9.9.8' }, { username: `nobody${n++}`, password: 'abc12345', totpCode: wrong }))).code).toBe('LOGIN_FAILED');
    // the owner, elsewhere, signs in
    expect((await loginStaff(ctx, meta, { username, password: 'abc12345', totpCode: totpCode(secret, ctx.clock.now()) })).principal.kind).toBe('staff');
  });

  it('roles must fit the organisation; a disabled user cannot sign in and loses sessions', async () => {
    const ctx = testContext(getDb());
    const admin = await anAdministrator(ctx);
    const actor = { kind: 'staff' as const, id: admin.user.id };
    const broker = await createOrganisation(ctx, meta, actor, { kind: 'broker', code: `B${n++}`, name: '测试证券' });
    expect((await rejection(createStaffUser(ctx, meta, actor, { organisationId: broker.id, username: `w${n++}`, displayName: '见证', password: 'abc12345', roles: ['auditor'] }))).code).toBe('ROLE_NOT_FOR_ORGANISATION');
    const witness = await createStaffUser(ctx, meta, actor, { organisationId: broker.id, username: `w${n++}`, displayName: '见证', password: 'abc12345', roles: ['witness'] });
    const { token } = await loginStaff(ctx, meta, { username: witness.user.username, password: 'abc12345', totpCode: totpCode(witness.totp.secret, ctx.clock.now()) });
    expect((await staffPrincipal(ctx.db, witness.user.id))?.permissions).toEqual([]);
    await setStaffStatus(ctx, meta, actor, witness.user.id, 'disabled');
    expect(await ctx.sessions.resolve(ctx.db, ctx.clock.now(), token)).toBeNull();
    ctx.clock.advance(30_000);
    expect((await rejection(loginStaff(ctx, meta, { username: witness.user.username, password: 'abc12345', totpCode: totpCode(witness.totp.secret, ctx.clock.now()) }))).code).toBe('ACCOUNT_DISABLED');
    expect((await rejection(setStaffStatus(ctx, meta, actor, admin.user.id, 'disabled'))).code).toBe('CANNOT_DISABLE_SELF');
  });
});
