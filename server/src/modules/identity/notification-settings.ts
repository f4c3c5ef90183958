import { eq } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../platform/errors.ts';
import { audit, type RequestMeta } from '../../platform/audit/audit.ts';
import { isSteppedUp, type Session } from '../../platform/auth/sessions.ts';
import { getActiveInvestor } from './investors.ts';
import { investorNotificationSettings } from './profile-schema.ts';
import { investorUsers } from './schema.ts';
import type { Executor } from '../../platform/db/client.ts';
import './profile-errors.ts';

/** 通知设置 (manual 000 §一.7): the channel, phone or e-mail, changed behind the step-up check. */
export type NotificationChannel = 'sms' | 'email';

export async function notificationSettings(ctx: AppContext, investorUserId: string) {
  const user = await getActiveInvestor(ctx, ctx.db, investorUserId);
  const [row] = await ctx.db.select().from(investorNotificationSettings).where(eq(investorNotificationSettings.investorUserId, user.id));
  const fallback: NotificationChannel = user.mobileEnc ? 'sms' : 'email';
  return { channel: (row?.channel as NotificationChannel | undefined) ?? fallback, hasMobile: user.mobileEnc !== null, hasEmail: user.emailEnc !== null };
}

export async function setNotificationChannel(ctx: AppContext, meta: RequestMeta, session: Session, channel: NotificationChannel) {
  const now = ctx.clock.now();
  if (!isSteppedUp(session, now)) throw new AppError('STEP_UP_REQUIRED');
  const user = await getActiveInvestor(ctx, ctx.db, session.principalId);
  if (channel === 'sms' && !user.mobileEnc) throw new AppError('PROFILE_NOTIFY_MOBILE_MISSING');
  if (channel === 'email' && !user.emailEnc) throw new AppError('PROFILE_NOTIFY_EMAIL_MISSING');
  await ctx.db.transaction(async (tx) => {
    await tx
      .insert(investorNotificationSettings)
      .values({ investorUserId: user.id, channel, updatedAt: now })
      .onConflictDoUpdate({ target: investorNotificationSettings.investorUserId, set: { channel, updatedAt: now } });
    await audit(tx, now, meta, { actor: { kind: 'investor', id: user.id }, action: 'investor.notification_channel_set', objectType: 'investor_user', objectId: user.id, details: { channel } });
  });
  return notificationSettings(ctx, user.id);
}

/**
 * Where a notice to an investor goes (a booking's confirmation, a reminder): the channel chosen in 通知设置,
 * else the one they have, and its address in clear; null when the user is gone or has neither.
 */
export async function noticeDestination(ctx: AppContext, ex: Executor, investorUserId: string): Promise<{ channel: NotificationChannel; destination: string } | null> {
  const [user] = await ex.select().from(investorUsers).where(eq(investorUsers.id, investorUserId));
  if (!user || user.status !== 'active') return null;
  const [row] = await ex.select().from(investorNotificationSettings).where(eq(investorNotificationSettings.investorUserId, user.id));
  const chosen = (row?.channel as NotificationChannel | undefined) ?? (user.mobileEnc ? 'sms' : 'email');
  const encrypted = chosen === 'sms' ? (user.mobileEnc ?? user.emailEnc) : (user.emailEnc ?? user.mobileEnc);
  if (!encrypted) return null;
  const channel: NotificationChannel = encrypted === user.mobileEnc ? 'sms' : 'email';
  return { channel, destination: ctx.vault.decrypt(encrypted) };
}
