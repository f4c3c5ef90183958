import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { Executor } from '../../platform/db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { audit, type RequestMeta } from '../../platform/audit/audit.ts';
import { assertPasswordPolicy } from '../../platform/auth/passwords.ts';
import { isSteppedUp, type Session } from '../../platform/auth/sessions.ts';
import { investorUserMachine, investorUsers } from './schema.ts';
import { accountThrottle, clearAddressFailures, recordLoginFailure, throttleCheck } from './lockout.ts';
// Registers this module's error codes (status and messages); without it they answer 500.
import './errors.ts';
import { mask } from '../../kernel/masking.ts';
import { validateMobile } from '../../kernel/identifiers.ts';

type InvestorRow = typeof investorUsers.$inferSelect;

/** The 11-digit mainland number, or null when the input is not one: the kernel's rule (full-width digits, spaces, +86). */
export function normaliseMobile(input: string): string | null {
  const mobile = validateMobile(input);
  return mobile.ok ? mobile.value : null;
}

export function normaliseEmail(input: string): string {
  return input.trim().toLowerCase();
}

export interface InvestorPrincipal {
  kind: 'investor';
  id: string;
  username: string | null;
  mobileMasked: string | null;
  emailMasked: string | null;
  realNameVerified: boolean;
  stepUpValidUntil: string | null;
}

export function investorPrincipal(ctx: AppContext, user: InvestorRow, session?: Session): InvestorPrincipal {
  return {
    kind: 'investor',
    id: user.id,
    username: user.username,
    mobileMasked: user.mobileEnc ? mask('mobile', ctx.vault.decrypt(user.mobileEnc), 'list') : null,
    emailMasked: user.emailEnc ? mask('email', ctx.vault.decrypt(user.emailEnc), 'list') : null,
    realNameVerified: user.realNameVerifiedAt !== null,
    stepUpValidUntil: session && isSteppedUp(session, ctx.clock.now()) ? session.stepUpUntil!.toISOString() : null,
  };
}

const REGISTER_PURPOSE = 'investor.register';

async function findActiveByMobile(ctx: AppContext, ex: Executor, mobile: string): Promise<InvestorRow | undefined> {
  const [row] = await ex
    .select()
    .from(investorUsers)
    .where(and(eq(investorUsers.mobileHash, ctx.vault.lookupHash('mobile', mobile)), eq(investorUsers.status, 'active')))
    .limit(1);
  return row;
}

/** The active user an account identifier (mobile number, e-mail or user name) names. */
export async function findActiveByAccount(ctx: AppContext, ex: Executor, account: string): Promise<InvestorRow | undefined> {
  const trimmed = account.trim();
  const mobile = normaliseMobile(trimmed);
  let condition;
  if (mobile) condition = eq(investorUsers.mobileHash, ctx.vault.lookupHash('mobile', mobile));
  else if (trimmed.includes('@')) condition = eq(investorUsers.emailHash, ctx.vault.lookupHash('email', normaliseEmail(trimmed)));
  else condition = sql`lower(${investorUsers.username}) = ${trimmed.toLowerCase()}`;
  const [row] = await ex
    .select()
    .from(investorUsers)
    .where(and(condition, eq(investorUsers.status, 'active')))
    .limit(1);
  return row;
}

export async function getActiveInvestor(ctx: AppContext, ex: Executor, id: string): Promise<InvestorRow> {
  const [row] = await ex
    .select()
    .from(investorUsers)
    .where(and(eq(investorUsers.id, id), eq(investorUsers.status, 'active')));
  if (!row) throw new AppError('UNAUTHENTICATED');
  return row;
}

function requireMobile(input: string): string {
  const mobile = normaliseMobile(input);
  if (!mobile) throw new AppError('MOBILE_INVALID');
  return mobile;
}

/**
 * Step one of registration (manual 000 §一.1.1): the SMS code. It is sent whether
 * or not the number is registered, so that this step tells nobody which numbers
 * are; that a number is taken is said only after its code is entered (registerInvestor).
 */
export async function sendRegistrationCode(ctx: AppContext, meta: RequestMeta, mobileInput: string) {
  const mobile = requireMobile(mobileInput);
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const issued = await ctx.codes.issue(tx, now, REGISTER_PURPOSE, 'sms', mobile);
    await ctx.notifier.send(tx, {
      channel: 'sms',
      destination: mobile,
      body: `【网上营业厅】您的注册验证码为${issued.code}，${Math.round(issued.expiresInSeconds / 60)}分钟内有效。请勿向任何人泄露。`,
    });
    await audit(tx, now, meta, { actor: { kind: 'anonymous' }, action: 'investor.register_code_sent', objectType: 'mobile', objectId: mask('mobile', mobile, 'audit') });
    return { expiresInSeconds: issued.expiresInSeconds, resendAfterSeconds: issued.resendAfterSeconds };
  });
}

export interface Registration {
  mobile: string;
  password: string;
  smsCode: string;
  agreementsAccepted: boolean;
}

/** The row of an investor user registered with a mobile number (the demo seeds such users too). */
export function registeredByMobile(ctx: AppContext, mobile: string, passwordHash: string, now: Date): typeof investorUsers.$inferInsert {
  return { id: randomUUID(), mobileEnc: ctx.vault.encrypt(mobile), mobileHash: ctx.vault.lookupHash('mobile', mobile), passwordHash, status: investorUserMachine.initial, passwordChangedAt: now, createdAt: now };
}

/** Registration (manual 000 §一.1.1): the SMS code, then whether the number is free, then the password hash; on success the person is signed in. */
export async function registerInvestor(ctx: AppContext, meta: RequestMeta, input: Registration) {
  const mobile = requireMobile(input.mobile);
  if (!input.agreementsAccepted) throw new AppError('AGREEMENTS_REQUIRED');
  assertPasswordPolicy(input.password, { mobile });
  // The code first: it proves the person holds the number (only then may they learn
  // it is taken), and a wrong code costs no password hash.
  await ctx.codes.verify(ctx.db, ctx.clock.now(), REGISTER_PURPOSE, 'sms', mobile, input.smsCode);
  if (await findActiveByMobile(ctx, ctx.db, mobile)) throw new AppError('MOBILE_TAKEN');
  const passwordHash = await ctx.passwords.hash(input.password);
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    // The partial unique index settles a race between two registrations of one number.
    if (await findActiveByMobile(ctx, tx, mobile)) throw new AppError('MOBILE_TAKEN');
    const [user] = await tx
      .insert(investorUsers)
      .values(registeredByMobile(ctx, mobile, passwordHash, now))
      .returning();
    const id = user!.id;
    const { token, session } = await ctx.sessions.create(tx, now, { kind: 'investor', id }, meta);
    await audit(tx, now, meta, { actor: { kind: 'investor', id }, action: 'investor.registered', objectType: 'investor_user', objectId: id });
    return { token, session, principal: investorPrincipal(ctx, user!, session) };
  });
}

export interface Login {
  account: string;
  password: string;
  captchaId: string;
  captchaAnswer: string;
}

/**
 * Sign-in with account, password and graphic captcha (manual 000 §一.1.2.2). A
 * wrong password and an account that names nobody get the same answer, after
 * the same work (a password hash is checked either way); failures are throttled,
 * never locked out (lockout.ts).
 */
export async function loginInvestor(ctx: AppContext, meta: RequestMeta, input: Login) {
  const now = ctx.clock.now();
  await throttleCheck(ctx, meta);
  await ctx.captcha.verify(ctx.db, now, input.captchaId, input.captchaAnswer);
  const user = await findActiveByAccount(ctx, ctx.db, input.account);
  const target = { kind: 'investor', userId: user?.id ?? null, account: input.account } as const;
  const throttle = await accountThrottle(ctx, meta, target);
  const passwordOk = await ctx.passwords.verify(user?.passwordHash ?? null, input.password);
  if (!user || !passwordOk) throw await recordLoginFailure(ctx, meta, target);
  return ctx.db.transaction(async (tx) => {
    await clearAddressFailures(tx, meta, target, throttle);
    const { token, session } = await ctx.sessions.create(tx, now, { kind: 'investor', id: user.id }, meta);
    await audit(tx, now, meta, { actor: { kind: 'investor', id: user.id }, action: 'investor.logged_in', objectType: 'session', objectId: session.id });
    return { token, session, principal: investorPrincipal(ctx, user, session) };
  });
}

/** Change of login password (manual 000 §一.2.1.3): every other session ends. */
export async function changeInvestorPassword(ctx: AppContext, meta: RequestMeta, session: Session, input: { oldPassword: string; newPassword: string }) {
  const user = await getActiveInvestor(ctx, ctx.db, session.principalId);
  if (!(await ctx.passwords.verify(user.passwordHash, input.oldPassword))) throw new AppError('OLD_PASSWORD_WRONG');
  if (input.oldPassword === input.newPassword) throw new AppError('PASSWORD_SAME');
  assertPasswordPolicy(input.newPassword, { mobile: user.mobileEnc ? ctx.vault.decrypt(user.mobileEnc) : null });
  const passwordHash = await ctx.passwords.hash(input.newPassword);
  await ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    await tx.update(investorUsers).set({ passwordHash, passwordChangedAt: now }).where(eq(investorUsers.id, user.id));
    await ctx.sessions.revokeAll(tx, now, { kind: 'investor', id: user.id }, 'password_changed', session.id);
    await audit(tx, now, meta, { actor: { kind: 'investor', id: user.id }, action: 'investor.password_changed', objectType: 'investor_user', objectId: user.id });
  });
}
