import type { AppContext } from '../../context.ts';
import { AppError } from '../../platform/errors.ts';
import { audit, type RequestMeta } from '../../platform/audit/audit.ts';
import type { Session } from '../../platform/auth/sessions.ts';
import { getActiveInvestor } from './investors.ts';
import { mask } from '../../kernel/masking.ts';

/**
 * The step-up check (二次认证): graphic captcha plus a code to the investor's own
 * phone or e-mail. Passing it marks the session for STEP_UP_MINUTES; sensitive
 * routes of later modules require it with requireStepUp.
 */
const PURPOSE = 'investor.step-up';

async function destinationOf(ctx: AppContext, session: Session, channel: 'sms' | 'email') {
  const user = await getActiveInvestor(ctx, ctx.db, session.principalId);
  const sealed = channel === 'sms' ? user.mobileEnc : user.emailEnc;
  if (!sealed) throw new AppError('CHANNEL_UNAVAILABLE');
  return { user, destination: ctx.vault.decrypt(sealed) };
}

export async function sendStepUpCode(ctx: AppContext, meta: RequestMeta, session: Session, input: { captchaId: string; captchaAnswer: string; channel: 'sms' | 'email' }) {
  const now = ctx.clock.now();
  await ctx.captcha.verify(ctx.db, now, input.captchaId, input.captchaAnswer);
  const { user, destination } = await destinationOf(ctx, session, input.channel);
  return ctx.db.transaction(async (tx) => {
    const issued = await ctx.codes.issue(tx, now, `${PURPOSE}:${session.id}`, input.channel, destination);
    const text = `您正在进行二次认证，验证码为${issued.code}，${Math.round(issued.expiresInSeconds / 60)}分钟内有效。如非本人操作请忽略。`;
    await ctx.notifier.send(tx, {
      channel: input.channel,
      destination,
      subject: input.channel === 'email' ? '二次认证验证码' : undefined,
      body: input.channel === 'sms' ? `【网上营业厅】${text}` : text,
    });
    await audit(tx, now, meta, { actor: { kind: 'investor', id: user.id }, action: 'investor.step_up_code_sent', objectType: 'session', objectId: session.id, details: { channel: input.channel } });
    return {
      destinationMasked: mask(input.channel === 'sms' ? 'mobile' : 'email', destination, 'list'),
      expiresInSeconds: issued.expiresInSeconds,
      resendAfterSeconds: issued.resendAfterSeconds,
    };
  });
}

export async function passStepUp(ctx: AppContext, meta: RequestMeta, session: Session, input: { channel: 'sms' | 'email'; code: string }) {
  const { user, destination } = await destinationOf(ctx, session, input.channel);
  await ctx.codes.verify(ctx.db, ctx.clock.now(), `${PURPOSE}:${session.id}`, input.channel, destination, input.code);
  const now = ctx.clock.now();
  const validUntil = new Date(now.getTime() + ctx.config.stepUpMinutes * 60_000);
  await ctx.db.transaction(async (tx) => {
    await ctx.sessions.markSteppedUp(tx, session.id, validUntil);
    await audit(tx, now, meta, { actor: { kind: 'investor', id: user.id }, action: 'investor.step_up_passed', objectType: 'session', objectId: session.id });
  });
  return { validUntil: validUntil.toISOString() };
}
