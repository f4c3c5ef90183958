import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import type { Executor } from '../../platform/db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { audit, type RequestMeta } from '../../platform/audit/audit.ts';
import { requireSession } from '../../platform/http/auth.ts';
import type { Session } from '../../platform/auth/sessions.ts';
import { findHolderByElements, holderFacts, type HolderFacts, securitiesAccountOwner, unifiedAccountsOf } from '../registry/index.ts';
import {
  consumeVerification,
  getActiveInvestor,
  ownVerification,
  recordVerifiedIdentity,
  sameName,
  startVerification,
  type BindingReleaseReason,
  type VerificationView,
  type VerifiedIdentity,
  verifiedIdentityOf,
  viewOf,
} from '../identity/index.ts';
import { isIdType, normaliseIdNumber } from '../../kernel/identifiers.ts';
import { investorBindings } from './schema.ts';
import './errors.ts';
import { mask } from '../../kernel/masking.ts';

/**
 * Binding the unified account (绑定一码通, manual 000 §一.2.1.1, §二.2.1.1):
 * quick binding after real-name verification, and direct binding by the three
 * elements, a verification method and a confirmation.
 */

export interface BoundAccount {
  unifiedAccountNumber: string;
  boundAt: string;
  method: string;
}

export interface InvestorStanding {
  verified: boolean;
  verifiedIdentity?: { name: string; idType: string; idNumberMasked: string };
  boundUnifiedAccounts: BoundAccount[];
  holderId?: string;
}

async function activeBindings(ex: Executor, investorUserId: string) {
  return ex
    .select()
    .from(investorBindings)
    .where(and(eq(investorBindings.investorUserId, investorUserId), eq(investorBindings.status, 'active')))
    .orderBy(investorBindings.boundAt);
}

/** activeBindings as the guard of every bound investor's request sends it: built once per database, a named prepared statement. */
const activeBindingsQuery = (ex: Executor) =>
  ex
    .select()
    .from(investorBindings)
    .where(and(eq(investorBindings.investorUserId, sql.placeholder('investorUserId')), eq(investorBindings.status, 'active')))
    .orderBy(investorBindings.boundAt)
    .prepare('investor_active_bindings');
const preparedBindings = new WeakMap<Executor, ReturnType<typeof activeBindingsQuery>>();

function guardBindings(ex: Executor, investorUserId: string) {
  let query = preparedBindings.get(ex);
  if (!query) preparedBindings.set(ex, (query = activeBindingsQuery(ex)));
  return query.execute({ investorUserId });
}

const boundAccounts = (bindings: { unifiedAccountNumber: string; boundAt: Date; method: string }[]): BoundAccount[] =>
  bindings.map((b) => ({ unifiedAccountNumber: b.unifiedAccountNumber, boundAt: b.boundAt.toISOString(), method: b.method }));

/** Whether the investor is verified, and which unified accounts they have bound. For other modules. */
export async function investorStanding(ctx: AppContext, investorUserId: string, ex: Executor = ctx.db): Promise<InvestorStanding> {
  const identity = await verifiedIdentityOf(ctx, ex, investorUserId);
  const bindings = await activeBindings(ex, investorUserId);
  return {
    verified: identity !== null,
    ...(identity ? { verifiedIdentity: { name: identity.name, idType: identity.idType, idNumberMasked: mask('idNumber', identity.idNumber, 'list') } } : {}),
    boundUnifiedAccounts: boundAccounts(bindings),
    ...(bindings[0] ? { holderId: bindings[0].holderId } : {}),
  };
}

/**
 * Guard for routes that need a bound investor (queries of 我的一码通 and the like): the
 * active bindings, one query. Not the verified identity: the guard runs on every query
 * and needs no personal data decrypted.
 */
export async function requireBoundInvestor(ctx: AppContext, request: FastifyRequest): Promise<{ session: Session; standing: Pick<InvestorStanding, 'boundUnifiedAccounts'> & { holderId: string } }> {
  const session = requireSession(request, 'investor');
  const bindings = await guardBindings(ctx.db, session.principalId);
  if (!bindings[0]) throw new AppError('INVESTOR_NOT_BOUND');
  return { session, standing: { holderId: bindings[0].holderId, boundUnifiedAccounts: boundAccounts(bindings) } };
}

/** Refuses a binding that is already someone's, or mixes holders. */
async function assertBindable(ex: Executor, investorUserId: string, holderId: string, unifiedAccountNumber: string) {
  const [taken] = await ex
    .select()
    .from(investorBindings)
    .where(and(eq(investorBindings.unifiedAccountNumber, unifiedAccountNumber), eq(investorBindings.status, 'active')));
  if (taken) throw new AppError(taken.investorUserId === investorUserId ? 'BIND_ALREADY_YOURS' : 'BIND_ALREADY_BOUND');
  const mine = await activeBindings(ex, investorUserId);
  if (mine.some((b) => b.holderId !== holderId)) throw new AppError('BIND_OTHER_HOLDER');
}

function sameIdentity(identity: VerifiedIdentity, holder: { idType: string; idNumber: string; name: string }) {
  return identity.idType === holder.idType && identity.idNumber === holder.idNumber && sameName(identity.name, holder.name);
}

async function bind(ctx: AppContext, tx: Executor, meta: RequestMeta, investorUserId: string, holder: HolderFacts, unifiedAccountNumber: string, method: string, verificationId: string | null) {
  await assertBindable(tx, investorUserId, holder.holderId, unifiedAccountNumber);
  const now = ctx.clock.now();
  const id = randomUUID();
  await tx.insert(investorBindings).values({ id, investorUserId, holderId: holder.holderId, unifiedAccountNumber, method, verificationId, status: 'active', boundAt: now });
  await audit(tx, now, meta, {
    actor: { kind: 'investor', id: investorUserId },
    action: 'investor.unified_account_bound',
    objectType: 'unified_account',
    objectId: unifiedAccountNumber,
    details: { method, bindingId: id },
  });
  return { unifiedAccountNumber, boundAt: now.toISOString(), method };
}

/**
 * Releases the user's active bindings (deregistration): each row stays, marked released with the
 * time and the reason, and each release is audited. The unified accounts are free to bind again.
 */
export async function releaseBindings(ctx: AppContext, tx: Executor, investorUserId: string, meta: RequestMeta, reason: BindingReleaseReason): Promise<number> {
  const now = ctx.clock.now();
  const released = await tx
    .update(investorBindings)
    .set({ status: 'released', endedAt: now, endReason: reason })
    .where(and(eq(investorBindings.investorUserId, investorUserId), eq(investorBindings.status, 'active')))
    .returning({ id: investorBindings.id, unifiedAccountNumber: investorBindings.unifiedAccountNumber });
  for (const binding of released) {
    await audit(tx, now, meta, {
      actor: { kind: 'investor', id: investorUserId },
      action: 'investor.unified_account_released',
      objectType: 'unified_account',
      objectId: binding.unifiedAccountNumber,
      details: { bindingId: binding.id, reason },
    });
  }
  return released.length;
}

// --- quick binding (快捷绑定一码通) ----------------------------------------------------------

export interface QuickBindingOptions {
  name: string;
  idType: string;
  idNumberMasked: string;
  unifiedAccounts: { number: string; status: string; openedOn: string; bound: boolean }[];
}

async function verifiedHolder(ctx: AppContext, ex: Executor, investorUserId: string) {
  const identity = await verifiedIdentityOf(ctx, ex, investorUserId);
  if (!identity) throw new AppError('BIND_NEEDS_REAL_NAME');
  if (!isIdType(identity.idType)) throw new AppError('BIND_HOLDER_NOT_FOUND');
  const holder = await findHolderByElements(ctx, ex, { kind: 'person', name: identity.name, idType: identity.idType, idNumber: identity.idNumber });
  if (!holder) throw new AppError('BIND_HOLDER_NOT_FOUND');
  const accounts = await unifiedAccountsOf(ex, holder.holderId);
  if (!accounts.length) throw new AppError('BIND_HOLDER_NOT_FOUND');
  return { identity, holder, accounts };
}

/** The details shown back on 快捷绑定一码通, and the unified accounts to choose from. */
export async function quickBindingOptions(ctx: AppContext, investorUserId: string): Promise<QuickBindingOptions> {
  const { identity, accounts } = await verifiedHolder(ctx, ctx.db, investorUserId);
  const mine = new Set((await activeBindings(ctx.db, investorUserId)).map((b) => b.unifiedAccountNumber));
  return {
    name: identity.name,
    idType: identity.idType,
    idNumberMasked: mask('idNumber', identity.idNumber, 'list'),
    unifiedAccounts: accounts.map((a) => ({ number: a.number, status: a.status, openedOn: a.openedOn, bound: mine.has(a.number) })),
  };
}

/** Quick binding: the real-name verification already proved the person; several accounts need a choice. */
export async function quickBind(ctx: AppContext, meta: RequestMeta, investorUserId: string, unifiedAccountNumber?: string) {
  return ctx.db.transaction(async (tx) => {
    const { holder, accounts } = await verifiedHolder(ctx, tx, investorUserId);
    let chosen = accounts.length === 1 ? accounts[0]!.number : undefined;
    if (unifiedAccountNumber !== undefined) {
      if (!accounts.some((a) => a.number === unifiedAccountNumber)) throw new AppError('BIND_ACCOUNT_MISMATCH');
      chosen = unifiedAccountNumber;
    }
    if (!chosen) throw new AppError('BIND_CHOICE_REQUIRED', { choices: accounts.map((a) => a.number) });
    return bind(ctx, tx, meta, investorUserId, holder, chosen, 'quick', null);
  });
}

// --- direct binding ---------------------------------------------------------------------

export interface DirectBindingInput {
  userType: 'person' | 'institution';
  name: string;
  idType: string;
  idNumber: string;
  securitiesAccountNumber?: string;
}

/**
 * Step 1 of direct binding: the three elements (and the securities account
 * number when the holder has several unified accounts) name the account; a
 * verification of that holder starts, with the methods its category allows.
 *
 * Any signed-in user may type anyone's name and ID number, so the answers must not
 * tell whether they belong to a holder: without a securities account number, "no
 * such holder" and "several unified accounts" are one answer (请输入…证券账户号码,
 * the manual's prompt); with one, "no such holder" and "not this holder's account"
 * are one answer. A real-name verified user may name only themselves, and is told
 * so before anything is looked up.
 */
export async function startDirectBinding(ctx: AppContext, meta: RequestMeta, investorUserId: string, input: DirectBindingInput): Promise<VerificationView> {
  const numberGiven = Boolean(input.securitiesAccountNumber?.trim());
  const notFound = () => new AppError(numberGiven ? 'BIND_ACCOUNT_MISMATCH' : 'BIND_ACCOUNT_NUMBER_REQUIRED');
  const identity = await verifiedIdentityOf(ctx, ctx.db, investorUserId);
  if (identity && !sameIdentity(identity, { idType: input.idType, idNumber: normaliseIdNumber(input.idType, input.idNumber, ctx.clock.now()), name: input.name })) throw new AppError('BIND_IDENTITY_MISMATCH');
  if (!isIdType(input.idType)) throw notFound();
  const holder = await findHolderByElements(ctx, ctx.db, { kind: input.userType, name: input.name, idType: input.idType, idNumber: input.idNumber });
  if (!holder) throw notFound();
  const accounts = await unifiedAccountsOf(ctx.db, holder.holderId);
  if (!accounts.length) throw notFound();
  let unifiedAccountNumber = accounts.length === 1 ? accounts[0]!.number : undefined;
  if (numberGiven) {
    const owner = await securitiesAccountOwner(ctx.db, input.securitiesAccountNumber!);
    if (!owner || owner.holderId !== holder.holderId || !accounts.some((a) => a.number === owner.unifiedAccountNumber)) throw notFound();
    unifiedAccountNumber = owner.unifiedAccountNumber;
  }
  if (!unifiedAccountNumber) throw notFound();
  return ctx.db.transaction(async (tx) => {
    await assertBindable(tx, investorUserId, holder.holderId, unifiedAccountNumber);
    const row = await startVerification(ctx, tx, meta, { investorUserId, purpose: 'bind', subject: { kind: 'holder', holder }, context: { unifiedAccountNumber } });
    return viewOf(ctx, row);
  });
}

export interface BindingPreview {
  name: string;
  userType: string;
  idType: string;
  idNumberMasked: string;
  unifiedAccountNumber: string;
  method: string;
}

/** 绑定信息确认: what a passed binding verification will bind. */
export async function bindingPreview(ctx: AppContext, investorUserId: string, verificationId: string): Promise<BindingPreview> {
  const row = await ownVerification(ctx.db, investorUserId, verificationId);
  if (row.purpose !== 'bind' || !row.holderId) throw new AppError('VERIFY_NOT_FOUND');
  if (row.status !== 'passed') throw new AppError('VERIFY_NOT_PASSED');
  const holder = await holderFacts(ctx, ctx.db, row.holderId);
  return { name: holder.name, userType: holder.kind, idType: holder.idType, idNumberMasked: mask('idNumber', holder.idNumber, 'list'), unifiedAccountNumber: row.context.unifiedAccountNumber!, method: row.method ?? '' };
}

/** The last step: spends the passed verification and binds, in one transaction. */
export async function confirmBinding(ctx: AppContext, meta: RequestMeta, investorUserId: string, verificationId: string) {
  return ctx.db.transaction(async (tx) => {
    await getActiveInvestor(ctx, tx, investorUserId);
    const target = await ownVerification(tx, investorUserId, verificationId);
    const row = await consumeVerification(ctx, tx, meta, { verificationId, investorUserId, purpose: 'bind', holderId: target.holderId });
    const holder = await holderFacts(ctx, tx, row.holderId!);
    const bound = await bind(ctx, tx, meta, investorUserId, holder, row.context.unifiedAccountNumber!, row.method ?? 'unknown', row.id);
    if (!(await verifiedIdentityOf(ctx, tx, investorUserId))) await recordVerifiedIdentity(ctx, tx, meta, investorUserId, holder, 'binding');
    return bound;
  });
}
