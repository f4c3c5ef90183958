import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { rows } from '../../platform/db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { audit, type RequestMeta } from '../../platform/audit/audit.ts';
import { ensureBelow, hit, type Limit } from '../../platform/ratelimit.ts';
import { investorUsers, staffUsers } from './schema.ts';

/**
 * Two defences against password guessing: an account locks after
 * LOGIN_MAX_FAILURES wrong passwords in a row, and an address that fails too
 * often in a window is throttled whatever accounts it tries.
 */
export function loginThrottle(ctx: AppContext, meta: RequestMeta): Limit {
  return { bucket: `login-fail:${meta.ip ?? 'unknown'}`, limit: ctx.config.loginIpMaxFailures, windowMs: ctx.config.loginIpWindowMinutes * 60_000 };
}

export async function throttleCheck(ctx: AppContext, meta: RequestMeta): Promise<void> {
  await ensureBelow(ctx.db, loginThrottle(ctx, meta), ctx.clock.now());
}

export function checkLockout(user: { lockedUntil: Date | null }, now: Date): void {
  if (user.lockedUntil && user.lockedUntil > now) {
    throw new AppError('ACCOUNT_LOCKED', { minutes: Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 60_000) });
  }
}

export interface FailureTarget {
  kind: 'investor' | 'staff';
  id: string;
}

/** Counts a failed sign-in and returns the error to answer with (LOGIN_FAILED, or ACCOUNT_LOCKED when this one locked it). */
export async function recordLoginFailure(ctx: AppContext, meta: RequestMeta, target: FailureTarget | null): Promise<AppError> {
  const now = ctx.clock.now();
  const { loginMaxFailures: max, loginLockMinutes: lockMinutes } = ctx.config;
  const failed = new AppError('LOGIN_FAILED', { maxFailures: max, lockMinutes });
  return ctx.db.transaction(async (tx) => {
    const throttle = loginThrottle(ctx, meta);
    await hit(tx, throttle.bucket, throttle.windowMs, now);
    if (!target) {
      await audit(tx, now, meta, { actor: { kind: 'anonymous' }, action: 'login.failed_unknown_account' });
      return failed;
    }
    const table = target.kind === 'investor' ? investorUsers : staffUsers;
    const until = new Date(now.getTime() + lockMinutes * 60_000);
    const [row] = await rows<{ locked: boolean }>(
      tx,
      sql`update ${table} set
            locked_until = case when failed_logins + 1 >= ${max} then ${until.toISOString()}::timestamptz else locked_until end,
            failed_logins = case when failed_logins + 1 >= ${max} then 0 else failed_logins + 1 end
          where id = ${target.id}
          returning (locked_until is not null and locked_until > ${now.toISOString()}::timestamptz) as locked`,
    );
    const locked = row?.locked === true;
    await audit(tx, now, meta, {
      actor: { kind: target.kind, id: target.id },
      action: locked ? `${target.kind}.locked_out` : `${target.kind}.login_failed`,
      objectType: `${target.kind}_user`,
      objectId: target.id,
    });
    return locked ? new AppError('ACCOUNT_LOCKED', { minutes: lockMinutes }) : failed;
  });
}
