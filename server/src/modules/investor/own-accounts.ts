import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../platform/errors.ts';
import { audit, type RequestMeta } from '../../platform/audit/audit.ts';
import type { Session } from '../../platform/auth/sessions.ts';
import { securitiesAccount, type SecuritiesAccountFacts, securitiesAccountsOf, unifiedAccountsOf } from '../registry/index.ts';
import { requireBoundInvestor, type InvestorStanding } from './binding.ts';
import { investorTemporaryAccounts } from './query-schema.ts';
import { CertificateErrors } from './certificate-errors.ts';
import { EventQueryErrors } from './event-query-errors.ts';
import { QueryErrors } from './query-errors.ts';
import { mask } from '../../kernel/masking.ts';
import { normaliseIdentifier } from '../../kernel/identifiers.ts';

/**
 * Which securities accounts are the investor's own, for each use in the hall
 * (docs/decisions/0015-own-accounts.md). An account of the bound holder is
 * 'bound' under a unified account the user has bound (绑定一码通), 'temporary'
 * when this session added it (添加证券账户, 临时绑定, manual 000 §一.2.2.1,
 * §二.2.2.1.2), else 'unbound'. The queries of 查询服务 read bound and temporary
 * accounts; e-certificates are issued for bound ones only.
 */

export type BoundStanding = Pick<InvestorStanding, 'boundUnifiedAccounts'> & { holderId: string };
export type AccountBinding = 'bound' | 'temporary' | 'unbound';

/** 持有/变更/冻结 and 我的一码通 | the corporate-event queries and 授权管理 | 电子凭证. */
export type AccountUse = 'holding-query' | 'event-query' | 'certificate';

export interface OwnAccount extends SecuritiesAccountFacts {
  binding: AccountBinding;
}

/**
 * What a 证券账户 select offers: the masked number to show and the opaque reference (`ref`) that requests send instead of
 * the number (issue 12 item 6). The full number is shown only by 我的一码通 after the step-up check.
 */
export interface AccountChoice {
  ref: string;
  numberMasked: string;
  market: string;
  kind: string;
  status: string;
  binding: AccountBinding;
  unifiedAccountMasked: string;
}

/** A securities account as the registry reads it. */
type SecuritiesAccountRow = Awaited<ReturnType<typeof securitiesAccount>>;

/** The kind an account reference is sealed under (platform/crypto/pii.ts `reference`). */
const ACCOUNT_REF_KIND = 'securities-account';

/** The opaque reference of a securities account number: what URLs, query strings and request bodies carry. */
export const accountRef = (ctx: Pick<AppContext, 'vault'>, accountNumber: string) => ctx.vault.reference(ACCOUNT_REF_KIND, accountNumber);

/** A row of an investor list: its account number masked, beside the account's reference. */
export function maskedAccountOf(ctx: Pick<AppContext, 'vault'>, accountNumber: string) {
  return { accountMasked: mask('securitiesAccount', accountNumber, 'list'), accountRef: accountRef(ctx, accountNumber) };
}

/** Replaces a row's `accountNumber` with its masked form and reference. */
export function withMaskedAccount<T extends { accountNumber: string }>(ctx: Pick<AppContext, 'vault'>, row: T): Omit<T, 'accountNumber'> & { accountMasked: string; accountRef: string } {
  const { accountNumber, ...rest } = row;
  return { ...rest, ...maskedAccountOf(ctx, accountNumber) };
}

interface UseRule {
  accepts: readonly AccountBinding[];
  /** the code the use's routes have always answered for an account that is not the investor's */
  refusal: string;
}

const USES: Record<AccountUse, UseRule> = {
  'holding-query': { accepts: ['bound', 'temporary'], refusal: QueryErrors.QRY_ACCOUNT_NOT_YOURS },
  'event-query': { accepts: ['bound', 'temporary'], refusal: EventQueryErrors.EVQ_ACCOUNT_NOT_YOURS },
  certificate: { accepts: ['bound'], refusal: CertificateErrors.CERT_ACCOUNT_NOT_HOLDERS },
};

const isBound = (standing: BoundStanding, unifiedAccountNumber: string) => standing.boundUnifiedAccounts.some((b) => b.unifiedAccountNumber === unifiedAccountNumber);

async function temporaryAccountNumbers(ctx: AppContext, session: Session): Promise<Set<string>> {
  const found = await ctx.db
    .select({ accountNumber: investorTemporaryAccounts.accountNumber })
    .from(investorTemporaryAccounts)
    .where(and(eq(investorTemporaryAccounts.sessionId, session.id), eq(investorTemporaryAccounts.investorUserId, session.principalId)));
  return new Set(found.map((r) => r.accountNumber));
}

/** Every securities account of the bound holder (cancelled unified accounts left out unless bound), with its binding in this session. */
export async function holderAccounts(ctx: AppContext, session: Session, standing: BoundStanding): Promise<OwnAccount[]> {
  const [unified, temporary] = await Promise.all([unifiedAccountsOf(ctx.db, standing.holderId), temporaryAccountNumbers(ctx, session)]);
  const numbers = new Set([...standing.boundUnifiedAccounts.map((b) => b.unifiedAccountNumber), ...unified.map((u) => u.number)]);
  const accounts = await securitiesAccountsOf(ctx.db, [...numbers]);
  return accounts.map((a) => ({ ...a, binding: isBound(standing, a.unifiedAccountNumber) ? 'bound' : temporary.has(a.number) ? 'temporary' : 'unbound' }));
}

/** The accounts a use may read, in account order. */
export async function accountsFor(ctx: AppContext, session: Session, standing: BoundStanding, use: AccountUse): Promise<OwnAccount[]> {
  const { accepts } = USES[use];
  return (await holderAccounts(ctx, session, standing)).filter((a) => accepts.includes(a.binding));
}

/**
 * The account, when the use may read it, else the use's refusal (unknown numbers
 * and other holders' accounts alike). One registry read on the hot path; the
 * session's temporary accounts are read only for an account outside the bound ones.
 */
export async function checkAccountFor(ctx: AppContext, session: Session, standing: BoundStanding, use: AccountUse, accountNumber: string): Promise<OwnAccount> {
  const found = await securitiesAccount(ctx.db, normaliseIdentifier(accountNumber)).catch((error: unknown) => (error instanceof AppError && error.code === 'ACCOUNT_NOT_FOUND' ? null : Promise.reject(error)));
  return checkFoundAccountFor(ctx, session, standing, use, found);
}

/** checkAccountFor over an account already read (null: none), for a caller that read it together with what it asks for. */
export async function checkFoundAccountFor(ctx: AppContext, session: Session, standing: BoundStanding, use: AccountUse, found: SecuritiesAccountRow | null): Promise<OwnAccount> {
  const { accepts, refusal } = USES[use];
  if (!found || found.holderId !== standing.holderId) throw new AppError(refusal);
  const binding: AccountBinding = isBound(standing, found.unifiedAccountNumber) ? 'bound' : accepts.includes('temporary') && (await temporaryAccountNumbers(ctx, session)).has(found.number) ? 'temporary' : 'unbound';
  if (!accepts.includes(binding)) throw new AppError(refusal);
  const { number, unifiedAccountNumber, market, kind, status, openingAgent, openedOn } = found;
  return { number, unifiedAccountNumber, market, kind, status, openingAgent, openedOn, binding };
}

/** The account number a reference opens to, else the use's refusal. */
export function openAccountRef(ctx: AppContext, use: AccountUse, ref: string): string {
  const accountNumber = ctx.vault.openReference(ACCOUNT_REF_KIND, ref);
  if (accountNumber === null) throw new AppError(USES[use].refusal);
  return accountNumber;
}

/** The account behind a reference, when the use may read it, else the use's refusal (a reference that opens to nothing alike). */
export async function checkAccountRefFor(ctx: AppContext, session: Session, standing: BoundStanding, use: AccountUse, ref: string): Promise<OwnAccount> {
  return checkAccountFor(ctx, session, standing, use, openAccountRef(ctx, use, ref));
}

/** The numbers a query reads: the one its reference names (checked), or every account of the use. */
export async function accountScopeFor(ctx: AppContext, session: Session, standing: BoundStanding, use: AccountUse, ref?: string): Promise<string[]> {
  if (ref !== undefined) return [(await checkAccountRefFor(ctx, session, standing, use, ref)).number];
  return (await accountsFor(ctx, session, standing, use)).map((a) => a.number);
}

/** The 证券账户 select of a use's pages. */
/** The account choices of the signed-in bound investor for one use: what the hall's account pickers offer. */
export async function myAccountChoices(ctx: AppContext, request: FastifyRequest, use: AccountUse): Promise<AccountChoice[]> {
  const { session, standing } = await requireBoundInvestor(ctx, request);
  return accountChoicesFor(ctx, session, standing, use);
}

export async function accountChoicesFor(ctx: AppContext, session: Session, standing: BoundStanding, use: AccountUse): Promise<AccountChoice[]> {
  return (await accountsFor(ctx, session, standing, use)).map((a) => ({
    ref: accountRef(ctx, a.number),
    numberMasked: mask('securitiesAccount', a.number, 'list'),
    market: a.market,
    kind: a.kind,
    status: a.status,
    binding: a.binding,
    unifiedAccountMasked: mask('unifiedAccount', a.unifiedAccountNumber, 'list'),
  }));
}

/**
 * 添加证券账户 (临时绑定): an unbound account of the holder becomes usable by this
 * session's queries. Unknown numbers and other holders' accounts get the same answer.
 */
export async function addTemporaryAccount(ctx: AppContext, meta: RequestMeta, session: Session, standing: BoundStanding, accountNumber: string) {
  const number = normaliseIdentifier(accountNumber);
  const account = (await holderAccounts(ctx, session, standing)).find((a) => a.number === number);
  if (!account) throw new AppError('QRY_ACCOUNT_NOT_YOURS');
  if (account.binding === 'bound') throw new AppError('QRY_ACCOUNT_ALREADY_BOUND');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const inserted = await tx
      .insert(investorTemporaryAccounts)
      .values({ id: randomUUID(), investorUserId: session.principalId, sessionId: session.id, holderId: standing.holderId, accountNumber: number, addedAt: now })
      .onConflictDoNothing()
      .returning({ id: investorTemporaryAccounts.id });
    if (inserted.length)
      await audit(tx, now, meta, {
        actor: { kind: 'investor', id: session.principalId },
        action: 'investor.account_added_temporarily',
        objectType: 'securities_account',
        objectId: number,
        details: { unifiedAccountNumber: account.unifiedAccountNumber },
      });
  });
  return { ...maskedAccountOf(ctx, number), unifiedAccountMasked: mask('unifiedAccount', account.unifiedAccountNumber, 'list'), binding: 'temporary' as const };
}
