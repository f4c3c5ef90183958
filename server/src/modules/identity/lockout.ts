import { setTimeout as sleep } from 'node:timers/promises';
import type { AppContext } from '../../context.ts';
import type { Executor } from '../../platform/db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { audit, type RequestMeta } from '../../platform/audit/audit.ts';
import { sha256 } from '../../platform/auth/tokens.ts';
import { clearBuckets, hitSliding, slidingCount, slidingCounts, type SlidingCount } from '../../platform/ratelimit.ts';

/**
 * The sign-in throttle (decision 0023). There is no lock-out: nobody can keep
 * an owner out by failing on their account. Failures are counted in sliding
 * windows, in PostgreSQL so that every instance sees them:
 *
 * - per address, whatever the account: past LOGIN_IP_MAX_FAILURES the address is
 *   refused (429 LOGIN_THROTTLED with Retry-After);
 * - per account and address: past LOGIN_MAX_FAILURES that address is refused for
 *   that account, the owner elsewhere is not;
 * - per account from every address together: past LOGIN_MAX_FAILURES each attempt
 *   on the account waits LOGIN_SLOWDOWN_MS (investors also solve a captcha on every
 *   attempt, staff give a TOTP code), so a spread-out attack is slowed, never the
 *   owner refused.
 *
 * A known and an unknown account are counted and answered alike (LOGIN_FAILED,
 * and a password hash checked either way). A verified password reset clears the
 * account's counters and the resetting address's.
 */
export interface SignInTarget {
  kind: 'investor' | 'staff';
  /** the user, when the account names one */
  userId: string | null;
  /** the account as typed (mobile, e-mail or user name), for an account that names nobody */
  account: string;
}

/** The account's key: the user when known, else a hash of the name typed, so that unknown names are throttled like known ones. */
function accountKey(target: SignInTarget): string {
  return target.userId ? `${target.kind}:${target.userId}` : `${target.kind}:name:${sha256(target.account.trim().toLowerCase())}`;
}

const ipBucket = (meta: RequestMeta) => `login-fail:${meta.ip ?? 'unknown'}`;
const accountBucket = (key: string) => `login-acct:${key}`;
const accountIpBucket = (key: string, meta: RequestMeta) => `login-acct-ip:${key}:${meta.ip ?? 'unknown'}`;

function throttled(retryAfterSeconds: number): AppError {
  return new AppError('LOGIN_THROTTLED', { retryAfterSeconds, minutes: Math.max(1, Math.ceil(retryAfterSeconds / 60)) });
}

/** Refuses an address that failed too often (all accounts); reads without counting. */
export async function throttleCheck(ctx: AppContext, meta: RequestMeta): Promise<void> {
  const { loginIpMaxFailures, loginIpWindowMinutes } = ctx.config;
  const byIp = await slidingCount(ctx.db, ipBucket(meta), loginIpWindowMinutes * 60_000, ctx.clock.now(), loginIpMaxFailures);
  if (byIp.count >= loginIpMaxFailures) throw throttled(byIp.retryAfterSeconds);
}

/** What the account's throttle found: whether this address has failures on the account to forget after a success. */
export interface AccountThrottle {
  failedFromHere: boolean;
}

/**
 * Before the password is checked: refuses this address for this account once it
 * failed LOGIN_MAX_FAILURES times on it, and slows every attempt on an account
 * that failed that often from everywhere. Both counts are read in one statement.
 */
export async function accountThrottle(ctx: AppContext, meta: RequestMeta, target: SignInTarget): Promise<AccountThrottle> {
  const now = ctx.clock.now();
  const key = accountKey(target);
  const { loginMaxFailures: max, loginWindowMinutes, loginSlowdownMs } = ctx.config;
  const windowMs = loginWindowMinutes * 60_000;
  const [fromHere, fromAll] = (await slidingCounts(ctx.db, [accountIpBucket(key, meta), accountBucket(key)], windowMs, now, max)) as [SlidingCount, SlidingCount];
  if (fromHere.count >= max) throw throttled(fromHere.retryAfterSeconds);
  if (fromAll.count >= max && loginSlowdownMs > 0) await sleep(loginSlowdownMs);
  return { failedFromHere: fromHere.count > 0 };
}

/** Counts a failed sign-in (address, account, account from this address) and returns the one answer for it: LOGIN_FAILED. */
export async function recordLoginFailure(ctx: AppContext, meta: RequestMeta, target: SignInTarget): Promise<AppError> {
  const now = ctx.clock.now();
  const key = accountKey(target);
  const windowMs = ctx.config.loginWindowMinutes * 60_000;
  await ctx.db.transaction(async (tx) => {
    await hitSliding(tx, ipBucket(meta), ctx.config.loginIpWindowMinutes * 60_000, now);
    await hitSliding(tx, accountBucket(key), windowMs, now);
    await hitSliding(tx, accountIpBucket(key, meta), windowMs, now);
    if (target.userId) {
      await audit(tx, now, meta, { actor: { kind: target.kind, id: target.userId }, action: `${target.kind}.login_failed`, objectType: `${target.kind}_user`, objectId: target.userId });
    } else {
      await audit(tx, now, meta, { actor: { kind: 'anonymous' }, action: 'login.failed_unknown_account' });
    }
  });
  return new AppError('LOGIN_FAILED');
}

/**
 * A successful sign-in forgets this address's failures on the account. Skipped when the
 * throttle found none in the windows that count (the usual sign-in): older windows no
 * longer count and are swept.
 */
export async function clearAddressFailures(ex: Executor, meta: RequestMeta, target: SignInTarget, throttle: AccountThrottle): Promise<void> {
  if (!throttle.failedFromHere) return;
  await clearBuckets(ex, [accountIpBucket(accountKey(target), meta)]);
}

/** A verified password reset (or an administrator's unlock) clears the account's throttle, and the resetting address's. */
export async function clearSignInThrottle(ex: Executor, kind: SignInTarget['kind'], userId: string, meta?: RequestMeta): Promise<void> {
  const key = `${kind}:${userId}`;
  await clearBuckets(ex, [accountBucket(key), ...(meta?.ip ? [ipBucket(meta)] : [])], [`login-acct-ip:${key}:`]);
}
