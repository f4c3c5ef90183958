import { and, eq, ne } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { Executor } from '../../platform/db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { audit, type RequestMeta } from '../../platform/audit/audit.ts';
import type { Session } from '../../platform/auth/sessions.ts';
import { getActiveInvestor, normaliseEmail, normaliseMobile } from './investors.ts';
import { investorUsers } from './schema.ts';
import { finishFlow, openFlowOf, startFlow, type FlowKind } from './flows.ts';
import { consumeFlowVerification, currentFlowVerification, startFlowVerification } from './profile-verification.ts';
import { viewOf } from './verification.ts';
import './profile-errors.ts';
import { mask } from '../../kernel/masking.ts';

/**
 * The investor's own mobile number and e-mail (manual 000 §一.2.1.4–5, §二.2.1.4):
 * supplemented with the new identifier's code alone when missing; changed with
 * the new identifier's code, then a verification, then confirmation.
 */
export type ContactKind = 'mobile' | 'email';

type InvestorRow = typeof investorUsers.$inferSelect;

interface ContactRules {
  normalise(input: string): string;
  channel: 'sms' | 'email';
  mask(value: string): string;
  sealed(user: InvestorRow): string | null;
  columns(ctx: AppContext, value: string): Partial<InvestorRow>;
  flowKind: FlowKind;
  bound: string;
  present: string;
  absent: string;
  uniqueIndex: string;
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;

/** A kind's rules: how its input is read, sent and masked; its columns, flow, errors and index follow from its name. */
function contactRules(kind: ContactKind, own: Pick<ContactRules, 'normalise' | 'channel' | 'mask'>): ContactRules {
  const code = kind.toUpperCase();
  return {
    ...own,
    sealed: (user) => user[`${kind}Enc`],
    columns: (ctx, value) => ({ [`${kind}Enc`]: ctx.vault.encrypt(value), [`${kind}Hash`]: hashOf(ctx, kind, value) }),
    flowKind: `change-${kind}`,
    bound: `PROFILE_${code}_BOUND`,
    present: `PROFILE_${code}_PRESENT`,
    absent: `PROFILE_${code}_ABSENT`,
    uniqueIndex: `investor_users_${kind}_active_uq`,
  };
}

const rules: Record<ContactKind, ContactRules> = {
  mobile: contactRules('mobile', {
    normalise(input) {
      const mobile = normaliseMobile(input);
      if (!mobile) throw new AppError('MOBILE_INVALID');
      return mobile;
    },
    channel: 'sms',
    mask: (value) => mask('mobile', value, 'list'),
  }),
  email: contactRules('email', {
    normalise(input) {
      const email = normaliseEmail(input);
      if (email.length > 254 || !EMAIL.test(email)) throw new AppError('PROFILE_EMAIL_INVALID');
      return email;
    },
    channel: 'email',
    mask: (value) => mask('email', value, 'list'),
  }),
};

const hashOf = (ctx: AppContext, kind: ContactKind, value: string) => ctx.vault.lookupHash(kind, value);

/** 手机号已被绑定 / 电子邮箱已被绑定: held by any active user, this one included. */
async function assertFree(ctx: AppContext, ex: Executor, kind: ContactKind, value: string, exceptUserId?: string) {
  const column = kind === 'mobile' ? investorUsers.mobileHash : investorUsers.emailHash;
  const conditions = [eq(column, hashOf(ctx, kind, value)), eq(investorUsers.status, 'active')];
  if (exceptUserId) conditions.push(ne(investorUsers.id, exceptUserId));
  const [holder] = await ex
    .select({ id: investorUsers.id })
    .from(investorUsers)
    .where(and(...conditions))
    .limit(1);
  if (holder) throw new AppError(rules[kind].bound);
}

const newCodePurpose = (kind: ContactKind, userId: string) => `profile.new-${kind}:${userId}`;

/**
 * 获取验证码 for the new number or address (sent to it, to prove it is the investor's).
 * It is sent whether or not another user holds it: 手机号已被绑定 / 电子邮箱已被绑定 is
 * said at 下一步 / 确定, after the code (manual 000 §一.2.1.4), to the person who proved
 * they hold the number, never to whoever asks.
 */
export async function sendNewContactCode(ctx: AppContext, meta: RequestMeta, session: Session, kind: ContactKind, input: string) {
  const rule = rules[kind];
  const value = rule.normalise(input);
  const user = await getActiveInvestor(ctx, ctx.db, session.principalId);
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const issued = await ctx.codes.issue(tx, now, newCodePurpose(kind, user.id), rule.channel, value);
    const what = kind === 'mobile' ? '手机号码' : '电子邮箱';
    const text = `您正在变更营业厅用户的${what}，验证码为${issued.code}，${Math.round(issued.expiresInSeconds / 60)}分钟内有效。如非本人操作请忽略。`;
    await ctx.notifier.send(tx, {
      channel: rule.channel,
      destination: value,
      subject: rule.channel === 'email' ? '电子邮箱验证码 / E-mail verification code' : undefined,
      body: rule.channel === 'sms' ? `【网上营业厅】${text}` : text,
    });
    await audit(tx, now, meta, { actor: { kind: 'investor', id: user.id }, action: `investor.new_${kind}_code_sent`, objectType: 'investor_user', objectId: user.id, details: { to: rule.mask(value) } });
    return { expiresInSeconds: issued.expiresInSeconds, resendAfterSeconds: issued.resendAfterSeconds };
  });
}

/** Writes the new identifier; the partial unique index settles a race between two users. */
async function writeContact(ctx: AppContext, kind: ContactKind, userId: string, value: string, work: (tx: Executor) => Promise<void>) {
  try {
    await ctx.db.transaction(async (tx) => {
      await assertFree(ctx, tx, kind, value, userId);
      await tx.update(investorUsers).set(rules[kind].columns(ctx, value)).where(eq(investorUsers.id, userId));
      await work(tx);
    });
  } catch (error) {
    if (violates(error, rules[kind].uniqueIndex)) throw new AppError(rules[kind].bound);
    throw error;
  }
}

/** Whether a database error (possibly wrapped by the driver or Drizzle) is a violation of the named constraint. */
function violates(error: unknown, constraint: string): boolean {
  for (let e = error as { constraint?: string; message?: string; cause?: unknown } | undefined, depth = 0; e && depth < 3; e = e.cause as typeof e, depth++) {
    if (e.constraint === constraint || e.message?.includes(constraint)) return true;
  }
  return false;
}

/** 补充手机号码 / 补充电子邮箱: for a user without one; the new identifier's code is all it takes. */
export async function supplementContact(ctx: AppContext, meta: RequestMeta, session: Session, kind: ContactKind, input: { value: string; code: string }) {
  const rule = rules[kind];
  const value = rule.normalise(input.value);
  const user = await getActiveInvestor(ctx, ctx.db, session.principalId);
  if (rule.sealed(user)) throw new AppError(rule.present);
  await ctx.codes.verify(ctx.db, ctx.clock.now(), newCodePurpose(kind, user.id), rule.channel, value, input.code);
  await assertFree(ctx, ctx.db, kind, value);
  await writeContact(ctx, kind, user.id, value, async (tx) => {
    await audit(tx, ctx.clock.now(), meta, { actor: { kind: 'investor', id: user.id }, action: `investor.${kind}_supplemented`, objectType: 'investor_user', objectId: user.id, details: { to: rule.mask(value) } });
  });
  return { masked: rule.mask(value) };
}

/** Change, step 1 (下一步): the new identifier and its code; opens the flow and its verification (用户身份认证方式选择). */
export async function startContactChange(ctx: AppContext, meta: RequestMeta, session: Session, kind: ContactKind, input: { value: string; code: string }) {
  const rule = rules[kind];
  const value = rule.normalise(input.value);
  const user = await getActiveInvestor(ctx, ctx.db, session.principalId);
  if (!rule.sealed(user)) throw new AppError(rule.absent);
  await ctx.codes.verify(ctx.db, ctx.clock.now(), newCodePurpose(kind, user.id), rule.channel, value, input.code);
  await assertFree(ctx, ctx.db, kind, value);
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const { flow } = await startFlow(tx, now, { kind: rule.flowKind, investorUserId: user.id, newValue: { enc: ctx.vault.encrypt(value), hash: hashOf(ctx, kind, value) } });
    await audit(tx, now, meta, { actor: { kind: 'investor', id: user.id }, action: `investor.${kind}_change_started`, objectType: 'profile_flow', objectId: flow.id });
    const verification = await startFlowVerification(ctx, tx, meta, flow);
    return { flowId: flow.id, newValueMasked: rule.mask(value), verification: viewOf(ctx, verification) };
  });
}

/** The open change flow, for the verification and confirmation pages. */
export async function contactChangeFlow(ctx: AppContext, session: Session, kind: ContactKind, flowId: string) {
  const flow = await openFlowOf(ctx.db, ctx.clock.now(), rules[kind].flowKind, flowId, session.principalId);
  const verification = await currentFlowVerification(ctx.db, flow);
  return { flow, newValueMasked: rules[kind].mask(ctx.vault.decrypt(flow.newValueEnc!)), verificationId: verification!.id };
}

/** Change, final step (确认): consumes the verification and writes the new identifier. */
export async function confirmContactChange(ctx: AppContext, meta: RequestMeta, session: Session, kind: ContactKind, flowId: string, verificationId: string) {
  const rule = rules[kind];
  const now = ctx.clock.now();
  const flow = await openFlowOf(ctx.db, now, rule.flowKind, flowId, session.principalId);
  const value = ctx.vault.decrypt(flow.newValueEnc!);
  await writeContact(ctx, kind, flow.investorUserId, value, async (tx) => {
    const { method } = await consumeFlowVerification(ctx, tx, meta, flow, verificationId);
    await finishFlow(tx, now, flow);
    await audit(tx, now, meta, {
      actor: { kind: 'investor', id: flow.investorUserId },
      action: `investor.${kind}_changed`,
      objectType: 'investor_user',
      objectId: flow.investorUserId,
      details: { to: rule.mask(value), method },
    });
  });
  return { masked: rule.mask(value) };
}
