import { and, asc, eq, isNull } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { Executor } from '../../platform/db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { audit, type RequestMeta } from '../../platform/audit/audit.ts';
import { assertPasswordPolicy } from '../../platform/auth/passwords.ts';
import { holderRegister, investorStandings, sameName } from './ports.ts';
import { isIdType, normaliseIdNumber } from '../../kernel/identifiers.ts';
import { getActiveInvestor } from './investors.ts';
import { investorUsers } from './schema.ts';
import { profileFlows } from './profile-schema.ts';
import { investorIdentities } from './verification-schema.ts';
import { finishFlow, openFlowByToken, startFlow, withUser, type Flow, type FlowKind } from './flows.ts';
import { consumeVerification, startVerification, viewOf, type VerificationView } from './verification.ts';
import { deregisterInvestor } from './deregistration.ts';
import { setRecoveredPassword } from './recovery.ts';
import './identity-recovery-errors.ts';
import './profile-errors.ts';
import { mask } from '../../kernel/masking.ts';

/**
 * Recovery by identity details (通过身份信息找回, mobile §二.3.2, §二.5.2) and
 * user-name recovery (忘记用户名, desktop §一.5.1). They start before any user is
 * known: the flow has no user, and its UnionPay verification is owned by the flow
 * alone (reached with the flow token). The passed verification is spent once, by
 * this flow, to record the person it proved (the look-up hash of the ID and the
 * name, encrypted, in the flow's new-value columns); from then the flow may list
 * that person's hall users — and only act on one of them.
 */

export interface PersonDetails {
  name: string;
  idType: string;
  idNumber: string;
  captchaId: string;
  captchaAnswer: string;
}

export interface IdentityFlowStarted {
  flowToken: string;
  /** the UnionPay verification (只有银联身份认证方式) */
  verification: VerificationView;
}

async function startPersonFlow(ctx: AppContext, meta: RequestMeta, kind: 'identity-recovery' | 'username-recovery', input: PersonDetails): Promise<IdentityFlowStarted> {
  const now = ctx.clock.now();
  await ctx.captcha.verify(ctx.db, now, input.captchaId, input.captchaAnswer);
  if (!isIdType(input.idType)) throw new AppError('IDREC_DETAILS_MISMATCH');
  if (input.idType !== 'resident_id') throw new AppError('IDREC_RESIDENT_ID_ONLY');
  const name = input.name.normalize('NFKC').trim();
  const idNumber = normaliseIdNumber(input.idType, input.idNumber, now);
  if (!name || !idNumber) throw new AppError('IDREC_DETAILS_MISMATCH');
  return ctx.db.transaction(async (tx) => {
    const { flow, token } = await startFlow(tx, now, { kind, investorUserId: null, withToken: true });
    await audit(tx, now, meta, { actor: { kind: 'anonymous' }, action: `investor.${kind}_started`, objectType: 'profile_flow', objectId: flow.id });
    const row = await startVerification(ctx, tx, meta, {
      investorUserId: null,
      purpose: kind === 'identity-recovery' ? 'recover-password' : 'recover-username',
      subject: { kind: 'identity', name, idType: input.idType, idNumber },
      context: { flowId: flow.id },
    });
    return { flowToken: token!, verification: viewOf(ctx, row) };
  });
}

/** 通过身份信息找回 → 下一步: 姓名, 证件类型, 证件号码 and the graphic captcha; starts the UnionPay verification. */
export function startIdentityRecovery(ctx: AppContext, meta: RequestMeta, input: PersonDetails) {
  return startPersonFlow(ctx, meta, 'identity-recovery', input);
}

/** 忘记用户名 → 提交: 姓名, 证件号码 (a resident ID: UnionPay checks it) and the graphic captcha. */
export function startUsernameRecovery(ctx: AppContext, meta: RequestMeta, input: Omit<PersonDetails, 'idType'>) {
  return startPersonFlow(ctx, meta, 'username-recovery', { ...input, idType: 'resident_id' });
}

const openPersonFlow = (ctx: AppContext, ex: Executor, kind: FlowKind, flowToken: string) => openFlowByToken(ex, ctx.clock.now(), kind, flowToken);

/** Spends the flow's passed UnionPay verification and records in the flow the person it proved. */
async function provePerson(ctx: AppContext, tx: Executor, meta: RequestMeta, flow: Flow, verificationId: string) {
  const purpose = flow.kind === 'identity-recovery' ? 'recover-password' : 'recover-username';
  const row = await consumeVerification(ctx, tx, meta, { verificationId, investorUserId: null, purpose, holderId: null, flowId: flow.id });
  const { verifiedName, verifiedIdType, verifiedIdNumberEnc } = row.methodState;
  if (!verifiedName || !verifiedIdType || !verifiedIdNumberEnc) throw new AppError('VERIFY_NOT_PASSED');
  const person = { nameEnc: ctx.vault.encrypt(verifiedName), idHash: ctx.vault.lookupHash(`id:${verifiedIdType}`, ctx.vault.decrypt(verifiedIdNumberEnc)) };
  await tx
    .update(profileFlows)
    .set({ newValueEnc: person.nameEnc, newValueHash: person.idHash })
    .where(and(eq(profileFlows.id, flow.id), isNull(profileFlows.newValueHash)));
  return person;
}

/** The active hall users whose verified identity is the person's (same ID, same name); set-based. */
async function usersOfPerson(ctx: AppContext, ex: Executor, person: { nameEnc: string; idHash: string }) {
  const name = ctx.vault.decrypt(person.nameEnc);
  const rows = await ex
    .select({ id: investorUsers.id, username: investorUsers.username, mobileEnc: investorUsers.mobileEnc, emailEnc: investorUsers.emailEnc, createdAt: investorUsers.createdAt, name: investorIdentities.name })
    .from(investorIdentities)
    .innerJoin(investorUsers, eq(investorUsers.id, investorIdentities.investorUserId))
    .where(and(eq(investorIdentities.idNumberHash, person.idHash), eq(investorUsers.status, 'active')))
    .orderBy(asc(investorUsers.createdAt));
  return rows.filter((r) => sameName(r.name, name));
}

/** The person the flow proved, or an error when its verification was not spent yet. */
function provenPerson(flow: Flow) {
  if (!flow.newValueHash || !flow.newValueEnc) throw new AppError('IDREC_VERIFICATION_REQUIRED');
  return { nameEnc: flow.newValueEnc, idHash: flow.newValueHash };
}

/** 用户名 as the list shows it: masked; a user without one shows the masked mobile number or e-mail. */
function maskedAccount(ctx: AppContext, user: { username: string | null; mobileEnc: string | null; emailEnc: string | null }) {
  if (user.username) return mask('username', user.username, 'public');
  if (user.mobileEnc) return mask('mobile', ctx.vault.decrypt(user.mobileEnc), 'public');
  return user.emailEnc ? mask('email', ctx.vault.decrypt(user.emailEnc), 'public') : '';
}

export interface RecoverableAccount {
  id: string;
  /** 用户名 (masked) */
  account: string;
  registeredAt: string;
  /** 已关联证券账户 of a bound user (§二.3.2.4), masked; empty for 仅实名用户 */
  securitiesAccounts: string[];
}

async function accountsOf(ctx: AppContext, ex: Executor, person: { nameEnc: string; idHash: string }): Promise<RecoverableAccount[]> {
  const users = await usersOfPerson(ctx, ex, person);
  const accounts: RecoverableAccount[] = [];
  for (const user of users) {
    const standing = await investorStandings().investorStanding(ctx, user.id, ex);
    const linked = await holderRegister().securitiesAccountsOf(
      ex,
      standing.boundUnifiedAccounts.map((b) => b.unifiedAccountNumber),
    );
    accounts.push({ id: user.id, account: maskedAccount(ctx, user), registeredAt: user.createdAt.toISOString(), securitiesAccounts: linked.map((a) => mask('securitiesAccount', a.number, 'public')) });
  }
  return accounts;
}

/**
 * After UnionPay (下一步): the person's hall users (§二.3.2.3–3.2.4). The first call
 * spends the verification; later calls of the same flow (a reload) list again.
 * None → 根据您输入的身份信息，未查询到相关账号信息。(§二.3.2.2: the page offers 注册).
 */
export async function identityRecoveryAccounts(ctx: AppContext, meta: RequestMeta, input: { flowToken: string; verificationId?: string }): Promise<RecoverableAccount[]> {
  const accounts = await ctx.db.transaction(async (tx) => {
    const flow = await openPersonFlow(ctx, tx, 'identity-recovery', input.flowToken);
    const person = flow.newValueHash ? provenPerson(flow) : input.verificationId ? await provePerson(ctx, tx, meta, flow, input.verificationId) : provenPerson(flow);
    return accountsOf(ctx, tx, person);
  });
  if (accounts.length === 0) throw new AppError('IDREC_NOT_REGISTERED');
  return accounts;
}

/** One of the listed users, or IDREC_ACCOUNT_NOT_LISTED. */
async function listedUser(ctx: AppContext, ex: Executor, flow: Flow, investorUserId: string) {
  const users = await usersOfPerson(ctx, ex, provenPerson(flow));
  if (!users.some((u) => u.id === investorUserId)) throw new AppError('IDREC_ACCOUNT_NOT_LISTED');
  return getActiveInvestor(ctx, ex, investorUserId);
}

/**
 * 选择列表里其中一个账户 (§二.3.2.3 (1)): the flow now acts for that user, who proves
 * the account with its own phone code (默认) or e-mail code before the new password.
 */
export async function chooseRecoveryAccount(ctx: AppContext, meta: RequestMeta, input: { flowToken: string; investorUserId: string }): Promise<VerificationView> {
  return ctx.db.transaction(async (tx) => {
    const flow = await openPersonFlow(ctx, tx, 'identity-recovery', input.flowToken);
    const user = await listedUser(ctx, tx, flow, input.investorUserId);
    await tx.update(profileFlows).set({ investorUserId: user.id }).where(eq(profileFlows.id, flow.id));
    const context: Record<string, string> = { flowId: flow.id };
    if (user.mobileEnc) context.ownMobileMasked = mask('mobile', ctx.vault.decrypt(user.mobileEnc), 'list');
    if (user.emailEnc) context.ownEmailMasked = mask('email', ctx.vault.decrypt(user.emailEnc), 'list');
    const row = await startVerification(ctx, tx, meta, {
      investorUserId: user.id,
      purpose: 'recover-password',
      subject: { kind: 'user', contacts: { mobile: user.mobileEnc !== null, email: user.emailEnc !== null } },
      context,
    });
    return viewOf(ctx, row);
  });
}

/** 设置密码 → 下一步: the chosen user's new password, once its own code passed. */
export async function completeIdentityRecovery(ctx: AppContext, meta: RequestMeta, input: { flowToken: string; verificationId: string; newPassword: string }) {
  const flow = withUser(await openPersonFlow(ctx, ctx.db, 'identity-recovery', input.flowToken));
  const user = await listedUser(ctx, ctx.db, flow, flow.investorUserId);
  assertPasswordPolicy(input.newPassword, { mobile: user.mobileEnc ? ctx.vault.decrypt(user.mobileEnc) : null });
  const passwordHash = await ctx.passwords.hash(input.newPassword);
  await ctx.db.transaction(async (tx) => {
    // the chosen user's own-code verification: of the user alone, whatever their binding
    const { method } = await consumeVerification(ctx, tx, meta, { verificationId: input.verificationId, investorUserId: user.id, purpose: 'recover-password', holderId: null, flowId: flow.id });
    await finishFlow(tx, ctx.clock.now(), flow);
    await setRecoveredPassword(ctx, tx, meta, user.id, passwordHash, { method, via: 'identity-details' });
  });
}

/** 申请注销 → 提交注销申请 → 确认并申请 (§二.5.2): the listed user chosen, on the strength of the UnionPay verification. */
export async function deregisterFromIdentityRecovery(ctx: AppContext, meta: RequestMeta, input: { flowToken: string; investorUserId: string }) {
  await ctx.db.transaction(async (tx) => {
    const flow = await openPersonFlow(ctx, tx, 'identity-recovery', input.flowToken);
    const user = await listedUser(ctx, tx, flow, input.investorUserId);
    await finishFlow(tx, ctx.clock.now(), flow);
    await deregisterInvestor(ctx, tx, user.id, meta);
  });
}

/** 忘记用户名 → 下一步 (§一.5.1): spends the UnionPay verification and shows the person's user names (a mobile or e-mail masked); the flow ends. */
export async function recoverUsernames(ctx: AppContext, meta: RequestMeta, input: { flowToken: string; verificationId: string }): Promise<string[]> {
  const names = await ctx.db.transaction(async (tx) => {
    const flow = await openPersonFlow(ctx, tx, 'username-recovery', input.flowToken);
    const person = await provePerson(ctx, tx, meta, flow, input.verificationId);
    await finishFlow(tx, ctx.clock.now(), flow);
    const users = await usersOfPerson(ctx, tx, person);
    await audit(tx, ctx.clock.now(), meta, { actor: { kind: 'anonymous' }, action: 'investor.username_recovered', objectType: 'profile_flow', objectId: flow.id, details: { users: users.length } });
    // A user without a user name signs in with its mobile number or e-mail: shown masked (issue 12 item 6), as the person
    // proved only their identity here, not that they hold the phone.
    return users.map((u) => u.username ?? (u.mobileEnc ? mask('mobile', ctx.vault.decrypt(u.mobileEnc), 'public') : u.emailEnc ? mask('email', ctx.vault.decrypt(u.emailEnc), 'public') : '')).filter(Boolean);
  });
  if (names.length === 0) throw new AppError('IDREC_NOT_REGISTERED');
  return names;
}
