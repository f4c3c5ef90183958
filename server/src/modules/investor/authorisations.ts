import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, gte, inArray, lt, lte, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { audit, type Actor, type RequestMeta } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { securitiesAccountOwner } from '../registry/index.ts';
import { investorAuthorisations as auths } from './authorisation-schema.ts';
import { pageOf } from '../../platform/db/pages.ts';
import { checkRange, type Paged, type PageRequest } from './event-queries.ts';
import './event-query-errors.ts';
import { beijingDate } from '../../kernel/time.ts';
import { normaliseIdentifier } from '../../kernel/identifiers.ts';

/**
 * 授权管理 (manual 000 §一.6): authorisations a holder gave a third party on a
 * securities account, each under its 业务权单号. Recorded by staff (from the
 * signed authorisation form), queried by the investor by number or by the
 * “更多筛选条件” (account, business, status, validity range).
 */

/** The businesses an authorisation may cover; names in the web namespace “event-queries”. */
export const AUTHORISATION_BUSINESSES = ['online_voting', 'securities_query', 'proxy_agency', 'certificate_request', 'meeting_attendance'] as const;
export type AuthorisationBusiness = (typeof AUTHORISATION_BUSINESSES)[number];
/** 有效 | 已失效 (past its validity) | 已撤销 */
export const AUTHORISATION_STATUSES = ['active', 'expired', 'revoked'] as const;
export type AuthorisationStatus = (typeof AUTHORISATION_STATUSES)[number];

export const AUTHORISATION_NUMBER = /^[A-Z0-9]{6,32}$/;

export interface NewAuthorisation {
  authorisationNumber: string;
  accountNumber: string;
  business: string;
  authorisedParty: string;
  validFrom: string;
  validTo: string;
}

export interface AuthorisationView extends NewAuthorisation {
  status: AuthorisationStatus;
  revokedOn: string | null;
}

const isBusiness = (b: string): b is AuthorisationBusiness => (AUTHORISATION_BUSINESSES as readonly string[]).includes(b);

function view(row: typeof auths.$inferSelect, today: string): AuthorisationView {
  const status: AuthorisationStatus = row.status === 'revoked' ? 'revoked' : row.validTo < today ? 'expired' : 'active';
  return {
    authorisationNumber: row.authorisationNumber,
    accountNumber: row.accountNumber,
    business: row.business,
    authorisedParty: row.authorisedParty,
    validFrom: row.validFrom,
    validTo: row.validTo,
    status,
    revokedOn: row.revokedOn,
  };
}

/** Records an authorisation on a securities account (the holder is the account's), audited. */
export async function recordAuthorisation(ctx: AppContext, meta: RequestMeta, actor: Actor, input: NewAuthorisation): Promise<AuthorisationView> {
  if (!AUTHORISATION_NUMBER.test(input.authorisationNumber)) throw new AppError('VALIDATION_FAILED', { field: 'authorisationNumber' });
  if (!isBusiness(input.business)) throw new AppError('AUTHZ_BUSINESS_UNKNOWN');
  const party = input.authorisedParty.trim();
  if (!party || party.length > 100) throw new AppError('VALIDATION_FAILED', { field: 'authorisedParty' });
  try {
    checkRange(input.validFrom, input.validTo);
  } catch (error) {
    if (error instanceof AppError && error.code === 'EVQ_RANGE_INVALID') throw new AppError('AUTHZ_VALIDITY_INVALID');
    throw error;
  }
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const accountNumber = normaliseIdentifier(input.accountNumber);
    const owner = await securitiesAccountOwner(tx, accountNumber);
    if (!owner) throw new AppError('AUTHZ_ACCOUNT_UNKNOWN');
    const [existing] = await tx.select({ id: auths.id }).from(auths).where(eq(auths.authorisationNumber, input.authorisationNumber));
    if (existing) throw new AppError('AUTHZ_NUMBER_EXISTS', { authorisationNumber: input.authorisationNumber });
    const [row] = await tx
      .insert(auths)
      .values({
        id: randomUUID(),
        authorisationNumber: input.authorisationNumber,
        holderId: owner.holderId,
        accountNumber,
        business: input.business,
        authorisedParty: party,
        validFrom: input.validFrom,
        validTo: input.validTo,
        status: 'active',
        recordedAt: now,
      })
      .returning();
    await audit(tx, now, meta, {
      actor,
      action: 'investor.authorisation_recorded',
      objectType: 'authorisation',
      objectId: input.authorisationNumber,
      details: { accountNumber, business: input.business },
    });
    return view(row!, beijingDate(now));
  });
}

/** Revokes an authorisation from today, audited. */
export async function revokeAuthorisation(ctx: AppContext, meta: RequestMeta, actor: Actor, authorisationNumber: string): Promise<AuthorisationView> {
  const now = ctx.clock.now();
  const today = beijingDate(now);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.select().from(auths).where(eq(auths.authorisationNumber, authorisationNumber)).for('update');
    if (!row) throw new AppError('AUTHZ_NOT_FOUND');
    if (row.status === 'revoked') throw new AppError('AUTHZ_ALREADY_REVOKED');
    const [updated] = await tx.update(auths).set({ status: 'revoked', revokedOn: today }).where(eq(auths.id, row.id)).returning();
    await audit(tx, now, meta, { actor, action: 'investor.authorisation_revoked', objectType: 'authorisation', objectId: authorisationNumber, details: {} });
    return view(updated!, today);
  });
}

export interface AuthorisationFilter extends PageRequest {
  /** the accounts the caller may see (the investor's own) */
  accountNumbers: string[];
  authorisationNumber?: string;
  business?: string;
  status?: AuthorisationStatus;
  /** validity overlapping this range */
  from?: string;
  to?: string;
}

/** Authorisations on the given accounts, newest validity first; by number, or by the more filters. */
export async function authorisationsOf(ctx: AppContext, filter: AuthorisationFilter): Promise<Paged<AuthorisationView>> {
  checkRange(filter.from, filter.to);
  const today = beijingDate(ctx.clock.now());
  const where: (SQL | undefined)[] = [inArray(auths.accountNumber, filter.accountNumbers.length ? filter.accountNumbers : [''])];
  if (filter.authorisationNumber) where.push(eq(auths.authorisationNumber, filter.authorisationNumber));
  if (filter.business) where.push(eq(auths.business, filter.business));
  if (filter.status === 'revoked') where.push(eq(auths.status, 'revoked'));
  if (filter.status === 'expired') where.push(and(eq(auths.status, 'active'), lt(auths.validTo, today)));
  if (filter.status === 'active') where.push(and(eq(auths.status, 'active'), gte(auths.validTo, today)));
  if (filter.from) where.push(gte(auths.validTo, filter.from));
  if (filter.to) where.push(lte(auths.validFrom, filter.to));
  const condition = and(...where);
  const found = ctx.db.select().from(auths).where(condition).orderBy(desc(auths.validFrom), asc(auths.authorisationNumber)).$dynamic();
  const { items, total } = await pageOf(found, ctx.db.select({ n: count() }).from(auths).where(condition), filter);
  return { items: items.map((r) => view(r, today)), total, page: filter.page, pageSize: filter.pageSize };
}

/** Staff: the authorisations on one securities account (as typed) or under one 业务权单号, newest first. */
export async function findAuthorisations(ctx: AppContext, filter: { accountNumber?: string; authorisationNumber?: string } & PageRequest): Promise<Paged<AuthorisationView>> {
  const accountNumber = filter.accountNumber ? normaliseIdentifier(filter.accountNumber) : undefined;
  const authorisationNumber = filter.authorisationNumber ? normaliseIdentifier(filter.authorisationNumber) : undefined;
  if (!accountNumber && !authorisationNumber) throw new AppError('VALIDATION_FAILED', { field: 'accountNumber' });
  const today = beijingDate(ctx.clock.now());
  const condition = and(accountNumber ? eq(auths.accountNumber, accountNumber) : undefined, authorisationNumber ? eq(auths.authorisationNumber, authorisationNumber) : undefined);
  const found = ctx.db.select().from(auths).where(condition).orderBy(desc(auths.validFrom), asc(auths.authorisationNumber)).$dynamic();
  const { items, total } = await pageOf(found, ctx.db.select({ n: count() }).from(auths).where(condition), filter);
  return { items: items.map((r) => view(r, today)), total, page: filter.page, pageSize: filter.pageSize };
}
