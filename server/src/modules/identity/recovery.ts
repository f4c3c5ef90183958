import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../platform/errors.ts';
import { audit, type RequestMeta } from '../../platform/audit/audit.ts';
import { assertPasswordPolicy } from '../../platform/auth/passwords.ts';
import { getActiveInvestor, normaliseEmail, normaliseMobile } from './investors.ts';
import { investorUsers } from './schema.ts';
import { closeFlowsOf, finishFlow, openFlowByToken, startFlow, verificationTargetOf, type Flow } from './flows.ts';
import { deregisterInvestor } from './deregistration.ts';
import { consumeVerification, ownCodeMethods, sendOwnVerificationCode, verifyByOwnCode, type OwnCodeMethod } from './own-code-verification.ts';
import './profile-errors.ts';

/**
 * 找回密码 for users not yet real-name verified (manual 000 §一.3.1, §二.3.1.1):
 * the account's mobile number or e-mail and a graphic captcha, then a code to
 * that phone or mailbox, then a new password. Verified users recover with their
 * identity details (a later step plugs those methods in here).
 */
export interface RecoveryStart {
  account: string;
  captchaId: string;
  captchaAnswer: string;
}

async function findForRecovery(ctx: AppContext, account: string) {
  const trimmed = account.trim();
  const mobile = normaliseMobile(trimmed);
  let condition;
  if (mobile) condition = eq(investorUsers.mobileHash, ctx.vault.lookupHash('mobile', mobile));
  else if (/^[^\s@]+@[^\s@]+$/.test(trimmed)) condition = eq(investorUsers.emailHash, ctx.vault.lookupHash('email', normaliseEmail(trimmed)));
  else throw new AppError('PROFILE_RECOVERY_ACCOUNT_INVALID');
  const [user] = await ctx.db.select().from(investorUsers).where(and(condition, eq(investorUsers.status, 'active'))).limit(1);
  return user;
}

/** Step 1 (下一步): opens the recovery and offers 通过手机号认证 / 通过电子邮箱认证. */
export async function startRecovery(ctx: AppContext, meta: RequestMeta, input: RecoveryStart) {
  const now = ctx.clock.now();
  await ctx.captcha.verify(ctx.db, now, input.captchaId, input.captchaAnswer);
  const user = await findForRecovery(ctx, input.account);
  if (!user) throw new AppError('PROFILE_RECOVERY_NOT_REGISTERED');
  if (user.realNameVerifiedAt) throw new AppError('PROFILE_RECOVERY_IDENTITY_REQUIRED');
  return ctx.db.transaction(async (tx) => {
    const { flow, token } = await startFlow(tx, now, { kind: 'recovery', investorUserId: user.id, withToken: true });
    await audit(tx, now, meta, { actor: { kind: 'anonymous' }, action: 'investor.recovery_started', objectType: 'investor_user', objectId: user.id, details: { flowId: flow.id } });
    return { flowToken: token!, methods: ownCodeMethods(ctx, user) };
  });
}

async function recoveryFlow(ctx: AppContext, flowToken: string) {
  return openFlowByToken(ctx.db, ctx.clock.now(), 'recovery', flowToken);
}

/**
 * What the verification is for: a new password, or 申请注销 when the investor is stuck
 * (mobile manual §二.5). A verification passed for one does not serve the other.
 */
export type RecoveryIntent = 'password' | 'deregistration';

function targetOf(flow: Flow, intent: RecoveryIntent = 'password') {
  const target = verificationTargetOf(flow);
  return intent === 'password' ? target : { ...target, purpose: `${target.purpose}:deregistration` };
}

/** Step 2: 获取验证码 for the chosen method. */
export async function sendRecoveryCode(ctx: AppContext, meta: RequestMeta, input: { flowToken: string; method: OwnCodeMethod; intent?: RecoveryIntent }) {
  const flow = await recoveryFlow(ctx, input.flowToken);
  return sendOwnVerificationCode(ctx, meta, targetOf(flow, input.intent), input.method);
}

/** Step 2 (下一步): the code; a passed verification for this recovery (and intent). */
export async function verifyRecovery(ctx: AppContext, meta: RequestMeta, input: { flowToken: string; method: OwnCodeMethod; code: string; intent?: RecoveryIntent }) {
  const flow = await recoveryFlow(ctx, input.flowToken);
  const { method } = await verifyByOwnCode(ctx, meta, targetOf(flow, input.intent), input.method, input.code);
  return { method };
}

/** 申请注销 from inside the recovery (mobile manual §二.5.1): 提交注销申请 → 确认并申请. */
export async function deregisterFromRecovery(ctx: AppContext, meta: RequestMeta, input: { flowToken: string }) {
  const flow = await recoveryFlow(ctx, input.flowToken);
  await ctx.db.transaction(async (tx) => {
    await consumeVerification(ctx, tx, targetOf(flow, 'deregistration'));
    await finishFlow(tx, ctx.clock.now(), flow);
    await deregisterInvestor(ctx, tx, flow.investorUserId, meta);
  });
}

/** Step 3 (完成): the new password. Every session ends and a lock-out is lifted. */
export async function completeRecovery(ctx: AppContext, meta: RequestMeta, input: { flowToken: string; newPassword: string }) {
  const flow = await recoveryFlow(ctx, input.flowToken);
  const user = await getActiveInvestor(ctx, ctx.db, flow.investorUserId);
  assertPasswordPolicy(input.newPassword, { mobile: user.mobileEnc ? ctx.vault.decrypt(user.mobileEnc) : null });
  const passwordHash = await ctx.passwords.hash(input.newPassword);
  await ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const { method } = await consumeVerification(ctx, tx, verificationTargetOf(flow));
    await finishFlow(tx, now, flow);
    await tx.update(investorUsers).set({ passwordHash, passwordChangedAt: now, failedLogins: 0, lockedUntil: null }).where(eq(investorUsers.id, user.id));
    await ctx.sessions.revokeAll(tx, now, { kind: 'investor', id: user.id }, 'password_recovered');
    await closeFlowsOf(tx, now, user.id);
    await audit(tx, now, meta, { actor: { kind: 'anonymous' }, action: 'investor.password_recovered', objectType: 'investor_user', objectId: user.id, details: { method } });
  });
}
