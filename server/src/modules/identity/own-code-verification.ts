import { randomUUID } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { Executor } from '../../platform/db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { audit, type RequestMeta } from '../../platform/audit/audit.ts';
import { maskEmail, maskMobile } from '../../platform/crypto/pii.ts';
import { getActiveInvestor } from './investors.ts';
import { profileVerifications } from './profile-schema.ts';
import './profile-errors.ts';

/**
 * Identity verification of an investor user for one purpose (a flow step such
 * as `change-mobile:<flowId>`). A method, once passed, records a verification;
 * the step it guards consumes it in its own transaction, so it serves once, for
 * that purpose and that user only. Here: the methods that use the user's own
 * registered phone or e-mail (通过手机号认证, 通过电子邮箱认证); other methods
 * (UnionPay, reserved phone, trading terminal, counter) record the same result
 * through recordVerification.
 */
export type OwnCodeMethod = 'own-mobile' | 'own-email';
export type VerificationMethod = OwnCodeMethod | (string & {});

export interface VerificationTarget {
  investorUserId: string;
  purpose: string;
}

export interface MethodOption {
  method: OwnCodeMethod;
  destinationMasked: string;
}

/** A passed verification stays usable this long. */
export const VERIFICATION_VALID_MINUTES = 10;

type UserContacts = { mobileEnc: string | null; emailEnc: string | null };

/** The own-code methods this user can use, with where the code would go (masked). */
export function ownCodeMethods(ctx: AppContext, user: UserContacts): MethodOption[] {
  const options: MethodOption[] = [];
  if (user.mobileEnc) options.push({ method: 'own-mobile', destinationMasked: maskMobile(ctx.vault.decrypt(user.mobileEnc)) });
  if (user.emailEnc) options.push({ method: 'own-email', destinationMasked: maskEmail(ctx.vault.decrypt(user.emailEnc)) });
  return options;
}

function destinationFor(ctx: AppContext, user: UserContacts, method: OwnCodeMethod) {
  const sealed = method === 'own-mobile' ? user.mobileEnc : user.emailEnc;
  if (!sealed) throw new AppError('PROFILE_METHOD_UNAVAILABLE');
  return { channel: method === 'own-mobile' ? ('sms' as const) : ('email' as const), destination: ctx.vault.decrypt(sealed) };
}

const codePurpose = (purpose: string) => `identity.verify:${purpose}`;

/** 获取验证码 on a verification page: a code to the user's own phone or e-mail, good for this purpose only. */
export async function sendOwnVerificationCode(ctx: AppContext, meta: RequestMeta, target: VerificationTarget, method: OwnCodeMethod) {
  const user = await getActiveInvestor(ctx, ctx.db, target.investorUserId);
  const { channel, destination } = destinationFor(ctx, user, method);
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const issued = await ctx.codes.issue(tx, now, codePurpose(target.purpose), channel, destination);
    const text = `您正在进行用户身份认证，验证码为${issued.code}，${Math.round(issued.expiresInSeconds / 60)}分钟内有效。如非本人操作请忽略。`;
    await ctx.notifier.send(tx, {
      channel,
      destination,
      subject: channel === 'email' ? '用户身份认证验证码 / Verification code' : undefined,
      body: channel === 'sms' ? `【网上营业厅】${text}` : text,
    });
    await audit(tx, now, meta, { actor: { kind: 'investor', id: user.id }, action: 'investor.verification_code_sent', objectType: 'investor_user', objectId: user.id, details: { purpose: target.purpose, method } });
    return {
      destinationMasked: channel === 'sms' ? maskMobile(destination) : maskEmail(destination),
      expiresInSeconds: issued.expiresInSeconds,
      resendAfterSeconds: issued.resendAfterSeconds,
    };
  });
}

/** Records a passed verification (any method) for the target; returns its id. */
export async function recordVerification(ctx: AppContext, ex: Executor, meta: RequestMeta, target: VerificationTarget, method: VerificationMethod): Promise<string> {
  const now = ctx.clock.now();
  const id = randomUUID();
  await ex.insert(profileVerifications).values({
    id,
    investorUserId: target.investorUserId,
    purpose: target.purpose,
    method,
    passedAt: now,
    expiresAt: new Date(now.getTime() + VERIFICATION_VALID_MINUTES * 60_000),
  });
  await audit(ex, now, meta, { actor: { kind: 'investor', id: target.investorUserId }, action: 'investor.verification_passed', objectType: 'identity_verification', objectId: id, details: { purpose: target.purpose, method } });
  return id;
}

/** 通过手机号认证 / 通过电子邮箱认证: the code sent by sendOwnVerificationCode. */
export async function verifyByOwnCode(ctx: AppContext, meta: RequestMeta, target: VerificationTarget, method: OwnCodeMethod, code: string) {
  const user = await getActiveInvestor(ctx, ctx.db, target.investorUserId);
  const { channel, destination } = destinationFor(ctx, user, method);
  await ctx.codes.verify(ctx.db, ctx.clock.now(), codePurpose(target.purpose), channel, destination, code);
  const verificationId = await ctx.db.transaction((tx) => recordVerification(ctx, tx, meta, target, method));
  return { verificationId, method };
}

/**
 * Spends the passed verification for the target, inside the transaction of the
 * step it guards; refuses when there is none (never passed, used, expired, or
 * passed for another purpose or user).
 */
export async function consumeVerification(ctx: AppContext, tx: Executor, target: VerificationTarget): Promise<{ method: string }> {
  const now = ctx.clock.now();
  const spent = await tx
    .update(profileVerifications)
    .set({ consumedAt: now })
    .where(
      and(
        eq(profileVerifications.investorUserId, target.investorUserId),
        eq(profileVerifications.purpose, target.purpose),
        isNull(profileVerifications.consumedAt),
        gt(profileVerifications.expiresAt, now),
      ),
    )
    .returning({ method: profileVerifications.method });
  if (spent.length === 0) throw new AppError('PROFILE_VERIFICATION_REQUIRED');
  return { method: spent[0]!.method };
}
