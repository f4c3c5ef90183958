import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/databases.ts';
import { captchaAnswer, lastCodeSentTo, rejection, testContext, type TestContext } from '../../../../test/context.ts';
import type { AppError } from '../../platform/errors.ts';
import { auditEntries, sessions } from '../../platform/db/schema.ts';
import type { Session } from '../../platform/auth/sessions.ts';
import { loginInvestor, registerInvestor, sendRegistrationCode } from './investors.ts';
import { investorUsers } from './schema.ts';
import { confirmContactChange, sendNewContactCode, startContactChange, supplementContact } from './contacts.ts';
import { confirmDeregistration, deregisterInvestor, startDeregistration } from './deregistration.ts';
import { notificationSettings, setNotificationChannel } from './notification-settings.ts';
import { completeRecovery, deregisterFromRecovery, startRecovery, startRecoveryDeregistration } from './recovery.ts';
import { confirmOwnCode, sendOwnCode } from './verification-methods.ts';

const meta = { ip: '127.0.0.7', requestId: 'test' };

let n = 0;
const nextMobile = () => `1580000${String(1000 + n++).padStart(4, '0')}`;
const nextEmail = () => `investor${n++}@example.test`;

/** The newest 6-digit code mailed to an address (tests use a recording mailer, not SMTP). */
async function lastMailedCode(ctx: TestContext, to: string): Promise<string> {
  await ctx.jobs.drain();
  const mail = ctx.mailer.sent.filter((m) => m.to === to).at(-1);
  const code = mail?.text.match(/\d{6}/)?.[0];
  if (!code) throw new Error(`no code was mailed to ${to}`);
  return code;
}

/** A user registered by mobile number, signed in. */
async function aMobileUser(ctx: TestContext, mobile = nextMobile()) {
  await sendRegistrationCode(ctx, meta, mobile);
  const { session, token } = await registerInvestor(ctx, meta, { mobile, password: 'abc12345', smsCode: await lastCodeSentTo(ctx, mobile), agreementsAccepted: true });
  return { mobile, session, token };
}

/** A user who registered with an e-mail address and has no mobile number, signed in. */
async function anEmailUser(ctx: TestContext, email = nextEmail()) {
  const id = randomUUID();
  const now = ctx.clock.now();
  await ctx.db
    .insert(investorUsers)
    .values({ id, emailEnc: ctx.vault.encrypt(email), emailHash: ctx.vault.lookupHash('email', email), passwordHash: await ctx.passwords.hash('abc12345'), status: 'active', passwordChangedAt: now, createdAt: now });
  const { session, token } = await ctx.sessions.create(ctx.db, now, { kind: 'investor', id }, meta);
  return { email, session, token };
}

async function login(ctx: TestContext, account: string, password = 'abc12345') {
  const { captchaId } = await ctx.captcha.issue(ctx.db, ctx.clock.now());
  return loginInvestor(ctx, meta, { account, password, captchaId, captchaAnswer: await captchaAnswer(ctx, captchaId) });
}

type OwnCodeMethod = 'user_mobile' | 'user_email';

/** 通过手机号认证 / 通过电子邮箱认证 of a verification (of a flow). */
async function verifyFlow(ctx: TestContext, session: Pick<Session, 'principalId'>, verificationId: string, method: OwnCodeMethod, destination: string) {
  await sendOwnCode(ctx, meta, session.principalId, verificationId, method);
  const code = method === 'user_mobile' ? await lastCodeSentTo(ctx, destination) : await lastMailedCode(ctx, destination);
  return confirmOwnCode(ctx, meta, session.principalId, verificationId, method, code);
}

async function startMobileChange(ctx: TestContext, session: Session, mobile: string) {
  await sendNewContactCode(ctx, meta, session, 'mobile', mobile);
  return startContactChange(ctx, meta, session, 'mobile', { value: mobile, code: await lastCodeSentTo(ctx, mobile) });
}

async function sessionRevoked(ctx: TestContext, sessionId: string) {
  const [row] = await ctx.db.select().from(sessions).where(eq(sessions.id, sessionId));
  return row?.revokedAt !== null;
}

describeEachDatabase('profile: mobile and e-mail', (getDb) => {
  it('supplements a mobile number for an e-mail user with the code alone; a bound number is refused after its code', async () => {
    const ctx = testContext(getDb());
    const taken = await aMobileUser(ctx);
    const { session } = await anEmailUser(ctx);
    // Asking for a code tells nothing: a bound number gets its code like a free one.
    const toTaken = await sendNewContactCode(ctx, meta, session, 'mobile', taken.mobile);
    expect(toTaken).toEqual(await sendNewContactCode(ctx, meta, session, 'mobile', nextMobile()));
    const takenCode = await lastCodeSentTo(ctx, taken.mobile);
    expect((await rejection(supplementContact(ctx, meta, session, 'mobile', { value: taken.mobile, code: takenCode === '000000' ? '111111' : '000000' }))).code).toBe('CODE_INVALID');
    // Only with the number's code (whoever holds it) is 手机号已被绑定 said.
    expect((await rejection(supplementContact(ctx, meta, session, 'mobile', { value: taken.mobile, code: takenCode }))).code).toBe('PROFILE_MOBILE_BOUND');
    expect((await rejection(sendNewContactCode(ctx, meta, session, 'mobile', '12345'))).code).toBe('MOBILE_INVALID');
    const mobile = nextMobile();
    await sendNewContactCode(ctx, meta, session, 'mobile', mobile);
    const code = await lastCodeSentTo(ctx, mobile);
    // the code proves this number only
    expect((await rejection(supplementContact(ctx, meta, session, 'mobile', { value: nextMobile(), code }))).code).toBe('CODE_EXPIRED');
    expect(await supplementContact(ctx, meta, session, 'mobile', { value: mobile, code })).toEqual({ masked: `${mobile.slice(0, 3)}****${mobile.slice(-4)}` });
    expect((await login(ctx, mobile)).principal.id).toBe(session.principalId);
    // now it has one: supplementing again is refused, and the code is spent anyway
    expect((await rejection(supplementContact(ctx, meta, session, 'mobile', { value: mobile, code }))).code).toBe('PROFILE_MOBILE_PRESENT');
    const audits = await ctx.db.select().from(auditEntries).where(eq(auditEntries.objectId, session.principalId));
    expect(audits.map((a) => a.action)).toContain('investor.mobile_supplemented');
  });

  it('changes the mobile number only after a verification for that change, which serves once', async () => {
    const ctx = testContext(getDb());
    const user = await aMobileUser(ctx);
    // one's own number: the code is sent, and 下一步 with it says it is bound
    await sendNewContactCode(ctx, meta, user.session, 'mobile', user.mobile);
    expect((await rejection(startContactChange(ctx, meta, user.session, 'mobile', { value: user.mobile, code: await lastCodeSentTo(ctx, user.mobile) }))).code).toBe('PROFILE_MOBILE_BOUND');
    const newMobile = nextMobile();
    const started = await startMobileChange(ctx, user.session, newMobile);
    expect(started.verification.methods).toEqual(['user_mobile']);
    expect(started.verification.details).toMatchObject({ ownMobileMasked: `${user.mobile.slice(0, 3)}****${user.mobile.slice(-4)}` });
    // skipping the verification step
    expect((await rejection(confirmContactChange(ctx, meta, user.session, 'mobile', started.flowId, started.verification.id))).code).toBe('VERIFY_NOT_PASSED');
    // a method the user has no contact for
    expect((await rejection(sendOwnCode(ctx, meta, user.session.principalId, started.verification.id, 'user_email'))).code).toBe('VERIFY_METHOD_NOT_ALLOWED');
    await verifyFlow(ctx, user.session, started.verification.id, 'user_mobile', user.mobile);
    await confirmContactChange(ctx, meta, user.session, 'mobile', started.flowId, started.verification.id);
    expect((await login(ctx, newMobile)).principal.id).toBe(user.session.principalId);
    expect((await rejection(login(ctx, user.mobile))).code).toBe('LOGIN_FAILED');
    // the flow and its verification are spent
    expect((await rejection(confirmContactChange(ctx, meta, user.session, 'mobile', started.flowId, started.verification.id))).code).toBe('PROFILE_FLOW_INVALID');
  });

  it('a verification serves only its own flow and user', async () => {
    const ctx = testContext(getDb());
    const user = await aMobileUser(ctx);
    const other = await aMobileUser(ctx);
    const first = await startMobileChange(ctx, user.session, nextMobile());
    ctx.clock.advance(61_000);
    const second = await startMobileChange(ctx, user.session, nextMobile());
    await verifyFlow(ctx, user.session, first.verification.id, 'user_mobile', user.mobile);
    // passed for the first change: does not confirm the second, nor a deregistration
    expect((await rejection(confirmContactChange(ctx, meta, user.session, 'mobile', second.flowId, first.verification.id))).code).toBe('VERIFY_NOT_PASSED');
    const deregistration = await startDeregistration(ctx, meta, user.session, { agreed: true });
    expect((await rejection(confirmDeregistration(ctx, meta, user.session, deregistration.flowId, first.verification.id))).code).toBe('VERIFY_NOT_PASSED');
    // another user cannot reach this user's flow or verification at any step
    expect((await rejection(confirmContactChange(ctx, meta, other.session, 'mobile', first.flowId, first.verification.id))).code).toBe('PROFILE_FLOW_INVALID');
    expect((await rejection(sendOwnCode(ctx, meta, other.session.principalId, second.verification.id, 'user_mobile'))).code).toBe('VERIFY_NOT_FOUND');
    // a code sent for one verification does not pass another
    ctx.clock.advance(61_000);
    await sendOwnCode(ctx, meta, user.session.principalId, second.verification.id, 'user_mobile');
    const code = await lastCodeSentTo(ctx, user.mobile);
    ctx.clock.advance(61_000);
    await sendOwnCode(ctx, meta, user.session.principalId, deregistration.verification.id, 'user_mobile');
    expect(['CODE_INVALID', 'CODE_EXPIRED']).toContain((await rejection(confirmOwnCode(ctx, meta, user.session.principalId, deregistration.verification.id, 'user_mobile', code))).code);
    // the result expires
    await confirmOwnCode(ctx, meta, user.session.principalId, second.verification.id, 'user_mobile', code);
    ctx.clock.advance((ctx.config.verificationResultMinutes + 1) * 60_000);
    expect((await rejection(confirmContactChange(ctx, meta, user.session, 'mobile', second.flowId, second.verification.id))).code).toBe('VERIFY_EXPIRED');
    expect((await rejection(confirmContactChange(ctx, meta, user.session, 'mobile', first.flowId, first.verification.id))).code).toBe('VERIFY_EXPIRED');
  });

  it('refuses a number bound by someone else between the first step and the confirmation, keeping the verification', async () => {
    const ctx = testContext(getDb());
    const user = await aMobileUser(ctx);
    const wanted = nextMobile();
    const started = await startMobileChange(ctx, user.session, wanted);
    await verifyFlow(ctx, user.session, started.verification.id, 'user_mobile', user.mobile);
    const rival = await anEmailUser(ctx);
    await sendNewContactCode(ctx, meta, rival.session, 'mobile', wanted);
    await supplementContact(ctx, meta, rival.session, 'mobile', { value: wanted, code: await lastCodeSentTo(ctx, wanted) });
    expect((await rejection(confirmContactChange(ctx, meta, user.session, 'mobile', started.flowId, started.verification.id))).message).toBe('PROFILE_MOBILE_BOUND');
    const [row] = await ctx.db.select().from(investorUsers).where(eq(investorUsers.id, user.session.principalId));
    expect(ctx.vault.decrypt(row!.mobileEnc!)).toBe(user.mobile);
  });

  it('two users confirming the same new number at once: one gets it, the other is told it is bound', async () => {
    const ctx = testContext(getDb());
    const wanted = nextMobile();
    const users = [await aMobileUser(ctx), await aMobileUser(ctx)];
    const flows: string[] = [];
    const verifications: string[] = [];
    for (const user of users) {
      const started = await startMobileChange(ctx, user.session, wanted);
      await verifyFlow(ctx, user.session, started.verification.id, 'user_mobile', user.mobile);
      flows.push(started.flowId);
      verifications.push(started.verification.id);
    }
    const outcomes = await Promise.allSettled(users.map((user, i) => confirmContactChange(ctx, meta, user.session, 'mobile', flows[i]!, verifications[i]!)));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect((refused?.reason as AppError).code).toBe('PROFILE_MOBILE_BOUND');
  });

  it('supplements and changes the e-mail with codes sent by e-mail; a bound address is refused', async () => {
    const ctx = testContext(getDb());
    const mailUser = await anEmailUser(ctx);
    const user = await aMobileUser(ctx);
    expect((await rejection(sendNewContactCode(ctx, meta, user.session, 'email', 'not-an-address'))).code).toBe('PROFILE_EMAIL_INVALID');
    await sendNewContactCode(ctx, meta, user.session, 'email', mailUser.email.toUpperCase());
    expect((await rejection(supplementContact(ctx, meta, user.session, 'email', { value: mailUser.email, code: await lastMailedCode(ctx, mailUser.email) }))).code).toBe('PROFILE_EMAIL_BOUND');
    expect((await rejection(startContactChange(ctx, meta, user.session, 'email', { value: nextEmail(), code: '123456' }))).code).toBe('PROFILE_EMAIL_ABSENT');
    const email = nextEmail();
    await sendNewContactCode(ctx, meta, user.session, 'email', email);
    await supplementContact(ctx, meta, user.session, 'email', { value: email, code: await lastMailedCode(ctx, email) });
    expect((await login(ctx, email)).principal.id).toBe(user.session.principalId);

    // change: new address + its code, then 通过电子邮箱认证 (the current address), then confirm
    const changed = nextEmail();
    ctx.clock.advance(61_000);
    await sendNewContactCode(ctx, meta, user.session, 'email', changed);
    const started = await startContactChange(ctx, meta, user.session, 'email', { value: changed, code: await lastMailedCode(ctx, changed) });
    expect(started.verification.methods).toEqual(['user_mobile', 'user_email']);
    expect((await rejection(confirmContactChange(ctx, meta, user.session, 'email', started.flowId, started.verification.id))).code).toBe('VERIFY_NOT_PASSED');
    await verifyFlow(ctx, user.session, started.verification.id, 'user_email', email);
    // one language per mail: the subject is the manual's Chinese, not 中文 / English
    expect(ctx.mailer.sent.filter((m) => m.to === email).at(-1)?.subject).toBe('用户身份认证验证码');
    await confirmContactChange(ctx, meta, user.session, 'email', started.flowId, started.verification.id);
    expect((await login(ctx, changed)).principal.id).toBe(user.session.principalId);
    expect((await rejection(login(ctx, email))).code).toBe('LOGIN_FAILED');
  });
});

describeEachDatabase('profile: notification settings', (getDb) => {
  it('changes the channel only after the step-up check, and only to a channel the user has', async () => {
    const ctx = testContext(getDb());
    const { session, email } = await anEmailUser(ctx);
    expect(await notificationSettings(ctx, session.principalId)).toEqual({ channel: 'email', hasMobile: false, hasEmail: true });
    expect((await rejection(setNotificationChannel(ctx, meta, session, 'sms'))).code).toBe('STEP_UP_REQUIRED');
    const steppedUp = { ...session, stepUpUntil: new Date(ctx.clock.now().getTime() + 60_000) };
    expect((await rejection(setNotificationChannel(ctx, meta, steppedUp, 'sms'))).code).toBe('PROFILE_NOTIFY_MOBILE_MISSING');
    const mobile = nextMobile();
    await sendNewContactCode(ctx, meta, session, 'mobile', mobile);
    await supplementContact(ctx, meta, session, 'mobile', { value: mobile, code: await lastCodeSentTo(ctx, mobile) });
    expect(await setNotificationChannel(ctx, meta, steppedUp, 'sms')).toEqual({ channel: 'sms', hasMobile: true, hasEmail: true });
    expect((await notificationSettings(ctx, session.principalId)).channel).toBe('sms');
    expect(email).toBeTruthy();
  });
});

describeEachDatabase('password recovery (not real-name verified)', (getDb) => {
  async function start(ctx: TestContext, account: string) {
    const { captchaId } = await ctx.captcha.issue(ctx.db, ctx.clock.now());
    return startRecovery(ctx, meta, { account, captchaId, captchaAnswer: await captchaAnswer(ctx, captchaId) });
  }

  it('recovers by the mobile code: the new password works, every session ends, the sign-in throttle is cleared', async () => {
    const ctx = testContext(getDb(), { loginMaxFailures: 2, loginSlowdownMs: 0 });
    const user = await aMobileUser(ctx);
    await rejection(login(ctx, user.mobile, 'wrong1234'));
    expect((await rejection(login(ctx, user.mobile, 'wrong1234'))).code).toBe('LOGIN_FAILED');
    // this address is now throttled for this account, even with the right password
    expect((await rejection(login(ctx, user.mobile, 'abc12345'))).code).toBe('LOGIN_THROTTLED');
    const { captchaId } = await ctx.captcha.issue(ctx.db, ctx.clock.now());
    expect((await rejection(startRecovery(ctx, meta, { account: user.mobile, captchaId, captchaAnswer: 'zzzz' }))).code).toBe('CAPTCHA_INVALID');
    const { flowToken, identityRequired, verification } = await start(ctx, user.mobile);
    expect(identityRequired).toBe(false);
    expect(verification!.methods).toEqual(['user_mobile']);
    // the last step cannot be called first
    expect((await rejection(completeRecovery(ctx, meta, { flowToken, verificationId: verification!.id, newPassword: 'Fresh2026go' }))).code).toBe('VERIFY_NOT_PASSED');
    expect((await rejection(sendOwnCode(ctx, meta, user.session.principalId, verification!.id, 'user_email'))).code).toBe('VERIFY_METHOD_NOT_ALLOWED');
    await verifyFlow(ctx, user.session, verification!.id, 'user_mobile', user.mobile);
    expect((await rejection(completeRecovery(ctx, meta, { flowToken, verificationId: verification!.id, newPassword: 'short' }))).code).toBe('PASSWORD_POLICY');
    await completeRecovery(ctx, meta, { flowToken, verificationId: verification!.id, newPassword: 'Fresh2026go' });
    expect(await sessionRevoked(ctx, user.session.id)).toBe(true);
    expect((await login(ctx, user.mobile, 'Fresh2026go')).principal.id).toBe(user.session.principalId);
    expect((await rejection(login(ctx, user.mobile, 'abc12345'))).code).toBe('LOGIN_FAILED');
    // the recovery is spent
    expect((await rejection(completeRecovery(ctx, meta, { flowToken, verificationId: verification!.id, newPassword: 'Other2026go' }))).code).toBe('PROFILE_FLOW_INVALID');
    const audits = await ctx.db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.objectId, user.session.principalId), eq(auditEntries.action, 'investor.password_recovered')));
    expect(audits).toHaveLength(1);
  });

  it('recovers by e-mail; answers an unknown account like a known one, refuses a malformed one', async () => {
    const ctx = testContext(getDb());
    const user = await anEmailUser(ctx);
    for (const account of [nextEmail(), nextMobile()]) {
      const unknown = await start(ctx, account);
      expect(unknown.identityRequired).toBe(false);
      expect(unknown.verification!.methods).toEqual([account.includes('@') ? 'user_email' : 'user_mobile']);
    }
    expect((await rejection(start(ctx, 'just-a-name'))).code).toBe('PROFILE_RECOVERY_ACCOUNT_INVALID');
    const { flowToken, verification } = await start(ctx, user.email);
    expect(verification!.methods).toEqual(['user_email']);
    await sendOwnCode(ctx, meta, user.session.principalId, verification!.id, 'user_email');
    const code = await lastMailedCode(ctx, user.email);
    await confirmOwnCode(ctx, meta, user.session.principalId, verification!.id, 'user_email', code);
    // the attempt is over once passed
    expect((await rejection(confirmOwnCode(ctx, meta, user.session.principalId, verification!.id, 'user_email', code))).code).toBe('VERIFY_CLOSED');
    expect((await rejection(completeRecovery(ctx, meta, { flowToken: 'not-a-token', verificationId: verification!.id, newPassword: 'Fresh2026go' }))).code).toBe('PROFILE_FLOW_INVALID');
    await completeRecovery(ctx, meta, { flowToken, verificationId: verification!.id, newPassword: 'Fresh2026go' });
    expect((await login(ctx, user.email, 'Fresh2026go')).principal.id).toBe(user.session.principalId);
  });

  it('a verification passed in one recovery does not complete another', async () => {
    const ctx = testContext(getDb());
    const user = await aMobileUser(ctx);
    const first = await start(ctx, user.mobile);
    const second = await start(ctx, user.mobile);
    await verifyFlow(ctx, user.session, first.verification!.id, 'user_mobile', user.mobile);
    expect((await rejection(completeRecovery(ctx, meta, { flowToken: second.flowToken, verificationId: first.verification!.id, newPassword: 'Fresh2026go' }))).code).toBe('VERIFY_NOT_PASSED');
    // a change of mobile's verification does not serve a recovery either
    const change = await startMobileChange(ctx, user.session, nextMobile());
    await verifyFlow(ctx, user.session, change.verification.id, 'user_mobile', user.mobile);
    expect((await rejection(completeRecovery(ctx, meta, { flowToken: second.flowToken, verificationId: change.verification.id, newPassword: 'Fresh2026go' }))).code).toBe('VERIFY_NOT_PASSED');
  });
});

describeEachDatabase('申请注销 from the recovery (mobile §二.5.1)', (getDb) => {
  it('deregisters a stuck user after a verification for that intent; the password verification does not serve it', async () => {
    const ctx = testContext(getDb());
    const user = await aMobileUser(ctx);
    const { captchaId } = await ctx.captcha.issue(ctx.db, ctx.clock.now());
    const { flowToken, verification } = await startRecovery(ctx, meta, { account: user.mobile, captchaId, captchaAnswer: await captchaAnswer(ctx, captchaId) });
    await verifyFlow(ctx, user.session, verification!.id, 'user_mobile', user.mobile);
    expect((await rejection(deregisterFromRecovery(ctx, meta, { flowToken, verificationId: verification!.id }))).code).toBe('VERIFY_NOT_PASSED');
    const leaving = await startRecoveryDeregistration(ctx, meta, { flowToken });
    expect(leaving.purpose).toBe('deregister');
    ctx.clock.advance(61_000);
    await verifyFlow(ctx, user.session, leaving.id, 'user_mobile', user.mobile);
    await deregisterFromRecovery(ctx, meta, { flowToken, verificationId: leaving.id });
    expect(await sessionRevoked(ctx, user.session.id)).toBe(true);
    expect((await rejection(login(ctx, user.mobile))).code).toBe('LOGIN_FAILED');
    // the recovery is over: neither action can follow
    expect((await rejection(completeRecovery(ctx, meta, { flowToken, verificationId: verification!.id, newPassword: 'Fresh2026go' }))).code).toBe('PROFILE_FLOW_INVALID');
    ctx.clock.advance(61_000);
    expect((await aMobileUser(ctx, user.mobile)).session.principalId).not.toBe(user.session.principalId);
  });
});

describeEachDatabase('deregistration', (getDb) => {
  it('deregisters after the warning and a verification: no sign-in, sessions end, identifiers free again, audit kept', async () => {
    const ctx = testContext(getDb());
    const user = await aMobileUser(ctx);
    const email = nextEmail();
    await sendNewContactCode(ctx, meta, user.session, 'email', email);
    await supplementContact(ctx, meta, user.session, 'email', { value: email, code: await lastMailedCode(ctx, email) });
    await ctx.db.update(investorUsers).set({ username: 'leaving.user' }).where(eq(investorUsers.id, user.session.principalId));

    expect((await rejection(startDeregistration(ctx, meta, user.session, { agreed: false }))).code).toBe('PROFILE_DEREGISTRATION_NOT_AGREED');
    const { flowId, verification } = await startDeregistration(ctx, meta, user.session, { agreed: true });
    expect(verification.methods).toEqual(['user_mobile', 'user_email']);
    expect((await rejection(confirmDeregistration(ctx, meta, user.session, flowId, verification.id))).code).toBe('VERIFY_NOT_PASSED');
    await verifyFlow(ctx, user.session, verification.id, 'user_mobile', user.mobile);
    await confirmDeregistration(ctx, meta, user.session, flowId, verification.id);

    expect(await sessionRevoked(ctx, user.session.id)).toBe(true);
    expect((await rejection(login(ctx, user.mobile))).code).toBe('LOGIN_FAILED');
    expect((await rejection(login(ctx, 'leaving.user'))).code).toBe('LOGIN_FAILED');
    // the number, the address and the user name are free again
    ctx.clock.advance(61_000);
    const again = await aMobileUser(ctx, user.mobile);
    expect(again.session.principalId).not.toBe(user.session.principalId);
    await sendNewContactCode(ctx, meta, again.session, 'email', email);
    await supplementContact(ctx, meta, again.session, 'email', { value: email, code: await lastMailedCode(ctx, email) });
    await ctx.db.update(investorUsers).set({ username: 'Leaving.User' }).where(eq(investorUsers.id, again.session.principalId));
    expect((await login(ctx, 'leaving.user')).principal.id).toBe(again.session.principalId);
    // the old row stays, for the audit trail
    const [old] = await ctx.db.select().from(investorUsers).where(eq(investorUsers.id, user.session.principalId));
    expect(old).toMatchObject({ status: 'deregistered' });
    const audits = await ctx.db.select().from(auditEntries).where(eq(auditEntries.objectId, user.session.principalId));
    expect(audits.map((a) => a.action)).toContain('investor.deregistered');
    // a deregistered user cannot be deregistered twice, nor recover a password
    expect((await rejection(deregisterInvestor(ctx, undefined, user.session.principalId, meta))).code).toBe('UNAUTHENTICATED');
  });

  it('deregisterInvestor works inside a caller’s transaction and rolls back with it', async () => {
    const ctx = testContext(getDb());
    const user = await aMobileUser(ctx);
    await expect(
      ctx.db.transaction(async (tx) => {
        await deregisterInvestor(ctx, tx, user.session.principalId, meta);
        throw new Error('caller failed');
      }),
    ).rejects.toThrow('caller failed');
    expect((await login(ctx, user.mobile)).principal.id).toBe(user.session.principalId);
    await deregisterInvestor(ctx, undefined, user.session.principalId, meta);
    expect((await rejection(login(ctx, user.mobile))).code).toBe('LOGIN_FAILED');
  });
});
