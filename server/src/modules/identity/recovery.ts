import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { profileFlows } from './profile-schema.ts';
import type { AppContext } from '../../context.ts';
import type { Executor } from '../../platform/db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { audit, type RequestMeta } from '../../platform/audit/audit.ts';
import { assertPasswordPolicy } from '../../platform/auth/passwords.ts';
import { investorStandings, sameName } from './ports.ts';
import { getActiveInvestor, normaliseEmail, normaliseMobile } from './investors.ts';
import { investorUsers } from './schema.ts';
import { closeFlowsOf, finishFlow, openFlowByToken, startFlow, withUser, type Flow, type UserFlow } from './flows.ts';
import { deregisterInvestor } from './deregistration.ts';
import { clearSignInThrottle } from './lockout.ts';
import { verifiedIdentityOf } from './real-name.ts';
import { consumeVerification, startVerification, viewOf, type VerificationView } from './verification.ts';
import { identityVerifications } from './verification-schema.ts';
import { consumeFlowVerification, currentFlowVerification, passedFlowVerification, profileSubject, startFlowVerification } from './profile-verification.ts';
import './profile-errors.ts';
import { normaliseIdNumber } from '../../kernel/identifiers.ts';
import { mask } from '../../kernel/masking.ts';

/**
 * 找回密码 (manual 000 §一.3, §二.3.1): the account's mobile number or e-mail and a
 * graphic captcha; a user not real-name verified goes straight to 用户身份认证
 * (通过手机号认证 / 通过电子邮箱认证, §一.3.1); a verified user first gives the
 * identity details (用户类型, 姓名/名称, 证件类型, 证件号码, 验证码: §一.3.2–3.3),
 * and only then is a verification started, with the methods their standing allows
 * (plus UnionPay; bound users also trading and counter). The final step consumes
 * that verification. 申请注销 from inside the recovery (§二.5) verifies separately.
 */
export interface RecoveryStart {
  account: string;
  captchaId: string;
  captchaAnswer: string;
}

/** The account typed: a mobile number or an e-mail address. */
function recoveryAccount(account: string): { kind: 'mobile' | 'email'; value: string } {
  const trimmed = account.trim();
  const mobile = normaliseMobile(trimmed);
  if (mobile) return { kind: 'mobile', value: mobile };
  if (/^[^\s@]+@[^\s@]+$/.test(trimmed)) return { kind: 'email', value: normaliseEmail(trimmed) };
  throw new AppError('PROFILE_RECOVERY_ACCOUNT_INVALID');
}

async function findForRecovery(ctx: AppContext, account: { kind: 'mobile' | 'email'; value: string }) {
  const condition = account.kind === 'mobile' ? eq(investorUsers.mobileHash, ctx.vault.lookupHash('mobile', account.value)) : eq(investorUsers.emailHash, ctx.vault.lookupHash('email', account.value));
  const [user] = await ctx.db
    .select()
    .from(investorUsers)
    .where(and(condition, eq(investorUsers.status, 'active')))
    .limit(1);
  return user;
}

/**
 * A recovery for an account that names nobody goes on like one for a user who is
 * not real-name verified: its verification offers the own code to the number or
 * address typed, and the code goes there. Only the holder of that number can pass
 * it, and only then (at 完成 or 确认并申请) is PROFILE_RECOVERY_NOT_REGISTERED said.
 */
async function startUnclaimedVerification(ctx: AppContext, tx: Executor, meta: RequestMeta, flow: Flow, purpose: 'recover-password' | 'deregister') {
  const value = ctx.vault.decrypt(flow.newValueEnc!);
  const kind = value.includes('@') ? 'email' : 'mobile';
  const context: Record<string, string> = { flowId: flow.id };
  if (kind === 'mobile') context.ownMobileMasked = mask('mobile', value, 'list');
  else context.ownEmailMasked = mask('email', value, 'list');
  return startVerification(ctx, tx, meta, { investorUserId: null, purpose, subject: { kind: 'user', contacts: { mobile: kind === 'mobile', email: kind === 'email' } }, context });
}

/** The last step of a recovery that names nobody: once its verification passed, the holder of the number learns it is not registered. */
async function refuseUnclaimed(ctx: AppContext, meta: RequestMeta, flow: Flow, verificationId: string, purpose: 'recover-password' | 'deregister'): Promise<never> {
  await ctx.db.transaction((tx) => consumeVerification(ctx, tx, meta, { verificationId, investorUserId: null, purpose, holderId: null, flowId: flow.id }));
  throw new AppError('PROFILE_RECOVERY_NOT_REGISTERED');
}

export interface RecoveryStarted {
  flowToken: string;
  /** the user is real-name verified: the identity details come next (submitRecoveryIdentity) */
  identityRequired: boolean;
  /** the verification, when no identity step is needed */
  verification: VerificationView | null;
}

/** Step 1 (下一步). An account that names nobody is answered like one not real-name verified (startUnclaimedVerification). */
export async function startRecovery(ctx: AppContext, meta: RequestMeta, input: RecoveryStart): Promise<RecoveryStarted> {
  const now = ctx.clock.now();
  await ctx.captcha.verify(ctx.db, now, input.captchaId, input.captchaAnswer);
  const account = recoveryAccount(input.account);
  const user = await findForRecovery(ctx, account);
  if (!user) {
    return ctx.db.transaction(async (tx) => {
      const newValue = { enc: ctx.vault.encrypt(account.value), hash: ctx.vault.lookupHash(account.kind, account.value) };
      const { flow, token } = await startFlow(tx, now, { kind: 'recovery', investorUserId: null, withToken: true, newValue });
      await audit(tx, now, meta, { actor: { kind: 'anonymous' }, action: 'investor.recovery_started_unknown_account', objectType: 'profile_flow', objectId: flow.id });
      return { flowToken: token!, identityRequired: false, verification: viewOf(ctx, await startUnclaimedVerification(ctx, tx, meta, flow, 'recover-password')) };
    });
  }
  const identityRequired = user.realNameVerifiedAt !== null;
  return ctx.db.transaction(async (tx) => {
    const { flow, token } = await startFlow(tx, now, { kind: 'recovery', investorUserId: user.id, withToken: true });
    await audit(tx, now, meta, { actor: { kind: 'anonymous' }, action: 'investor.recovery_started', objectType: 'investor_user', objectId: user.id, details: { flowId: flow.id } });
    const verification = identityRequired ? null : viewOf(ctx, await startFlowVerification(ctx, tx, meta, flow));
    return { flowToken: token!, identityRequired, verification };
  });
}

async function recoveryFlow(ctx: AppContext, flowToken: string) {
  return withUser(await openFlowByToken(ctx.db, ctx.clock.now(), 'recovery', flowToken));
}

/** The recovery's flow, of a known user or (user null) of an account that names nobody. */
async function anyRecoveryFlow(ctx: AppContext, flowToken: string): Promise<{ flow: Flow; user: UserFlow | null }> {
  const flow = await openFlowByToken(ctx.db, ctx.clock.now(), 'recovery', flowToken);
  return { flow, user: flow.investorUserId ? withUser(flow) : null };
}

/** The newest verification of a recovery that names nobody, for a purpose. */
async function unclaimedVerification(ex: Executor, flow: Flow, purpose: 'recover-password' | 'deregister') {
  const [row] = await ex
    .select()
    .from(identityVerifications)
    .where(and(isNull(identityVerifications.investorUserId), eq(identityVerifications.purpose, purpose), sql`${identityVerifications.context}->>'flowId' = ${flow.id}`))
    .orderBy(desc(identityVerifications.createdAt))
    .limit(1);
  return row ?? null;
}

export interface RecoveryIdentity {
  flowToken: string;
  userType: 'person' | 'institution';
  name: string;
  idType: string;
  idNumber: string;
  captchaId: string;
  captchaAnswer: string;
}

/** Step 2 for verified users (提交): the identity details must be the account's own; then the verification starts. */
export async function submitRecoveryIdentity(ctx: AppContext, meta: RequestMeta, input: RecoveryIdentity): Promise<VerificationView> {
  const now = ctx.clock.now();
  await ctx.captcha.verify(ctx.db, now, input.captchaId, input.captchaAnswer);
  const flow = await recoveryFlow(ctx, input.flowToken);
  const identity = await verifiedIdentityOf(ctx, ctx.db, flow.investorUserId);
  if (!identity) throw new AppError('PROFILE_FLOW_INVALID');
  const idNumber = normaliseIdNumber(input.idType, input.idNumber, now);
  const institution = identity.idType === 'unified_social_credit_code';
  const sameType = (input.userType === 'institution') === institution;
  if (!sameType || identity.idType !== input.idType || identity.idNumber !== idNumber || !sameName(identity.name, input.name)) {
    await ctx.db.transaction((tx) => audit(tx, now, meta, { actor: { kind: 'anonymous' }, action: 'investor.recovery_identity_refused', objectType: 'investor_user', objectId: flow.investorUserId }));
    throw new AppError('PROFILE_RECOVERY_IDENTITY_MISMATCH');
  }
  return ctx.db.transaction(async (tx) => {
    const existing = await currentFlowVerification(tx, flow);
    if (existing) return viewOf(ctx, existing);
    return viewOf(ctx, await startFlowVerification(ctx, tx, meta, flow));
  });
}

/** The identity step is done (or not needed) once the recovery has its password verification. */
async function identityStepDone(ctx: AppContext, flow: UserFlow) {
  if (!(await currentFlowVerification(ctx.db, flow))) throw new AppError('PROFILE_VERIFICATION_REQUIRED');
}

/**
 * The verification of 申请注销 from inside a recovery (§二.5.1 (3)–(4)): straight to
 * 输入手机验证码页, a code to the user's registered mobile (the e-mail of a user
 * registered without one), whatever the user's standing: no choice of method.
 */
async function startApplicationVerification(ctx: AppContext, tx: Executor, meta: RequestMeta, flow: UserFlow) {
  const user = await getActiveInvestor(ctx, tx, flow.investorUserId);
  const byMobile = user.mobileEnc !== null;
  const context: Record<string, string> = { flowId: flow.id };
  if (user.mobileEnc) context.ownMobileMasked = mask('mobile', ctx.vault.decrypt(user.mobileEnc), 'list');
  else if (user.emailEnc) context.ownEmailMasked = mask('email', ctx.vault.decrypt(user.emailEnc), 'list');
  const contacts = { mobile: byMobile, email: !byMobile && user.emailEnc !== null };
  return startVerification(ctx, tx, meta, { investorUserId: user.id, purpose: 'deregister', subject: { kind: 'user', contacts }, context });
}

/** 申请注销 or 注销账号并重新注册 (mobile §二.5.1): after the same first steps, the code to the registered mobile. */
export async function startRecoveryDeregistration(ctx: AppContext, meta: RequestMeta, input: { flowToken: string }): Promise<VerificationView> {
  const { flow: anyFlow, user } = await anyRecoveryFlow(ctx, input.flowToken);
  if (!user) {
    if (!(await unclaimedVerification(ctx.db, anyFlow, 'recover-password'))) throw new AppError('PROFILE_VERIFICATION_REQUIRED');
    return ctx.db.transaction(async (tx) => viewOf(ctx, await startUnclaimedVerification(ctx, tx, meta, anyFlow, 'deregister')));
  }
  const flow = user;
  await identityStepDone(ctx, flow);
  return ctx.db.transaction(async (tx) => viewOf(ctx, await startApplicationVerification(ctx, tx, meta, flow)));
}

/** 提交注销申请 → 确认并申请: consumes the deregistration verification of this recovery (the user's own code, whatever the standing). */
export async function deregisterFromRecovery(ctx: AppContext, meta: RequestMeta, input: { flowToken: string; verificationId: string }) {
  const { flow: anyFlow, user } = await anyRecoveryFlow(ctx, input.flowToken);
  if (!user) return refuseUnclaimed(ctx, meta, anyFlow, input.verificationId, 'deregister');
  const flow = user;
  await ctx.db.transaction(async (tx) => {
    await consumeVerification(ctx, tx, meta, { verificationId: input.verificationId, investorUserId: flow.investorUserId, purpose: 'deregister', holderId: null, flowId: flow.id });
    await finishFlow(tx, ctx.clock.now(), flow);
    await deregisterInvestor(ctx, tx, flow.investorUserId, meta);
  });
}

/**
 * 找回密码信息确认 (desktop §一.3.3 (5)): what the page shows a bound user before the new
 * password takes effect — the hall user, the holder and its unified accounts, masked, and
 * the way of verification passed.
 */
export interface RecoveryConfirmation {
  /** 用户名, else the mobile number or e-mail */
  account: string;
  /** 姓名/名称 of the holder the user is bound to */
  name: string;
  /** 一码通账户 bound to the user */
  unifiedAccounts: string[];
  /** the verification method passed */
  method: string;
}

export interface RecoveryPassword {
  flowToken: string;
  verificationId: string;
  newPassword: string;
  /** the desktop hall: a bound user's new password waits for 找回密码信息确认 (confirmRecovery); the mobile hall sets it at once (§二.3.1.3 (5)) */
  withConfirmation?: boolean;
}

/**
 * The final step (完成): the new password. Every session ends and the sign-in throttle is
 * cleared. Asked `withConfirmation`, a bound user's password is checked, hashed and kept in
 * the flow instead, its verification checked but not spent, and the confirmation is answered.
 */
export async function completeRecovery(ctx: AppContext, meta: RequestMeta, input: RecoveryPassword): Promise<RecoveryConfirmation | null> {
  const { flow: anyFlow, user: known } = await anyRecoveryFlow(ctx, input.flowToken);
  if (!known) {
    // the same checks and the same work as for a known user, then the answer only the number's holder can reach
    assertPasswordPolicy(input.newPassword, { mobile: normaliseMobile(ctx.vault.decrypt(anyFlow.newValueEnc!)) });
    await ctx.passwords.hash(input.newPassword);
    return refuseUnclaimed(ctx, meta, anyFlow, input.verificationId, 'recover-password');
  }
  const flow = known;
  const user = await getActiveInvestor(ctx, ctx.db, flow.investorUserId);
  assertPasswordPolicy(input.newPassword, { mobile: user.mobileEnc ? ctx.vault.decrypt(user.mobileEnc) : null });
  const passwordHash = await ctx.passwords.hash(input.newPassword);
  if (input.withConfirmation) {
    const confirmation = await holdForConfirmation(ctx, meta, flow, input.verificationId, passwordHash);
    if (confirmation) return confirmation;
  }
  await ctx.db.transaction(async (tx) => {
    const { method } = await consumeFlowVerification(ctx, tx, meta, flow, input.verificationId);
    await finishFlow(tx, ctx.clock.now(), flow);
    await setRecoveredPassword(ctx, tx, meta, user.id, passwordHash, { method });
  });
  return null;
}

/** A bound user's new password (hashed, sealed) waits in the flow for 确认; answers the confirmation, or null for a user not bound. */
async function holdForConfirmation(ctx: AppContext, meta: RequestMeta, flow: UserFlow, verificationId: string, passwordHash: string): Promise<RecoveryConfirmation | null> {
  return ctx.db.transaction(async (tx) => {
    const { subject } = await profileSubject(ctx, tx, flow.investorUserId);
    if (subject.kind !== 'holder') return null;
    const verification = await passedFlowVerification(ctx, tx, flow, verificationId);
    await tx
      .update(profileFlows)
      .set({ newValueEnc: ctx.vault.encrypt(passwordHash) })
      .where(eq(profileFlows.id, flow.id));
    await audit(tx, ctx.clock.now(), meta, { actor: { kind: 'anonymous' }, action: 'investor.recovery_awaits_confirmation', objectType: 'investor_user', objectId: flow.investorUserId, details: { flowId: flow.id } });
    const user = await getActiveInvestor(ctx, tx, flow.investorUserId);
    const standing = await investorStandings().investorStanding(ctx, flow.investorUserId, tx);
    const account = user.username ?? (user.mobileEnc ? mask('mobile', ctx.vault.decrypt(user.mobileEnc), 'list') : user.emailEnc ? mask('email', ctx.vault.decrypt(user.emailEnc), 'list') : '');
    return {
      account,
      name: mask('name', subject.holder.name, 'list'),
      unifiedAccounts: standing.boundUnifiedAccounts.map((b) => mask('unifiedAccount', b.unifiedAccountNumber, 'list')),
      method: verification.method ?? '',
    };
  });
}

/** 找回密码信息确认 → 确认: the password kept at 完成 takes effect, spending the verification. */
export async function confirmRecovery(ctx: AppContext, meta: RequestMeta, input: { flowToken: string; verificationId: string }) {
  const flow = await recoveryFlow(ctx, input.flowToken);
  if (!flow.newValueEnc) throw new AppError('PROFILE_FLOW_INVALID');
  const passwordHash = ctx.vault.decrypt(flow.newValueEnc);
  await ctx.db.transaction(async (tx) => {
    const { method } = await consumeFlowVerification(ctx, tx, meta, flow, input.verificationId);
    await finishFlow(tx, ctx.clock.now(), flow);
    await setRecoveredPassword(ctx, tx, meta, flow.investorUserId, passwordHash, { method, confirmed: true });
  });
}

/** The new password of a recovery, in the final step's transaction: every session and open flow ends, the sign-in throttle of the account (and of this address) is cleared. */
export async function setRecoveredPassword(ctx: AppContext, tx: Executor, meta: RequestMeta, investorUserId: string, passwordHash: string, details: Record<string, unknown>) {
  const now = ctx.clock.now();
  await tx.update(investorUsers).set({ passwordHash, passwordChangedAt: now, failedLogins: 0, lockedUntil: null }).where(eq(investorUsers.id, investorUserId));
  await clearSignInThrottle(tx, 'investor', investorUserId, meta);
  await ctx.sessions.revokeAll(tx, now, { kind: 'investor', id: investorUserId }, 'password_recovered');
  await closeFlowsOf(tx, now, investorUserId);
  await audit(tx, now, meta, { actor: { kind: 'anonymous' }, action: 'investor.password_recovered', objectType: 'investor_user', objectId: investorUserId, details });
}
