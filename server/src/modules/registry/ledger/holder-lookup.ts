import { and, asc, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../../../context.ts';
import type { Executor } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import './errors.ts';
import { holders, securitiesAccounts, unifiedAccounts } from './schema.ts';
import { holderReservedPhones } from './reserved-phone-schema.ts';
import { type IdType, normaliseIdentifier, validateIdNumber, validateMobile } from '../../../kernel/identifiers.ts';
import type { HolderCategory } from './accounts.ts';
import { sameName } from '../../identity/index.ts';

/**
 * What other modules may learn about a holder: identity verification and account
 * binding find a holder by the three elements, read the reserved phone, and list
 * the holder's accounts. Nobody outside the registry reads its tables.
 */

export interface HolderIdentity {
  kind: 'person' | 'institution';
  name: string;
  idType: IdType;
  idNumber: string;
}

export interface HolderFacts {
  holderId: string;
  kind: 'person' | 'institution';
  category: HolderCategory;
  name: string;
  idType: IdType;
  idNumber: string;
}

export interface UnifiedAccountFacts {
  number: string;
  status: string;
  openedOn: string;
}

export interface SecuritiesAccountFacts {
  number: string;
  unifiedAccountNumber: string;
  market: string;
  kind: string;
  status: string;
  openingAgent: string;
  openedOn: string;
}

function facts(ctx: AppContext, row: typeof holders.$inferSelect): HolderFacts {
  return { holderId: row.id, kind: row.kind as HolderFacts['kind'], category: row.category as HolderCategory, name: row.name, idType: row.idType as IdType, idNumber: ctx.vault.decrypt(row.idNumberEnc) };
}

/** The holder named by user type, name, ID type and number — all four must agree — or null. */
export async function findHolderByElements(ctx: AppContext, ex: Executor, who: HolderIdentity): Promise<HolderFacts | null> {
  const checked = validateIdNumber(who.idType, who.idNumber, ctx.clock.now());
  if (!checked.ok) return null;
  const [row] = await ex
    .select()
    .from(holders)
    .where(and(eq(holders.idType, who.idType), eq(holders.idNumberHash, ctx.vault.lookupHash(`id:${who.idType}`, checked.value))));
  if (!row || row.kind !== who.kind || !sameName(row.name, who.name)) return null;
  return facts(ctx, row);
}

export async function holderFacts(ctx: AppContext, ex: Executor, holderId: string): Promise<HolderFacts> {
  const [row] = await ex.select().from(holders).where(eq(holders.id, holderId));
  if (!row) throw new AppError('HOLDER_NOT_FOUND');
  return facts(ctx, row);
}

/** The holder's unified accounts, cancelled ones left out. */
export async function unifiedAccountsOf(ex: Executor, holderId: string): Promise<UnifiedAccountFacts[]> {
  const rows = await ex
    .select({ number: unifiedAccounts.number, status: unifiedAccounts.status, openedOn: unifiedAccounts.openedOn })
    .from(unifiedAccounts)
    .where(eq(unifiedAccounts.holderId, holderId))
    .orderBy(asc(unifiedAccounts.openedOn), asc(unifiedAccounts.number));
  return rows.filter((r) => r.status !== 'cancelled');
}

/** The securities account's owner and unified account, or null when there is none. */
export async function securitiesAccountOwner(ex: Executor, number: string): Promise<{ holderId: string; unifiedAccountNumber: string } | null> {
  const [row] = await ex
    .select({ holderId: securitiesAccounts.holderId, unifiedAccountNumber: securitiesAccounts.unifiedAccountNumber })
    .from(securitiesAccounts)
    .where(eq(securitiesAccounts.number, normaliseIdentifier(number)));
  return row ?? null;
}

export async function securitiesAccountsOf(ex: Executor, unifiedAccountNumbers: string[]): Promise<SecuritiesAccountFacts[]> {
  if (!unifiedAccountNumbers.length) return [];
  return ex
    .select({
      number: securitiesAccounts.number,
      unifiedAccountNumber: securitiesAccounts.unifiedAccountNumber,
      market: securitiesAccounts.market,
      kind: securitiesAccounts.kind,
      status: securitiesAccounts.status,
      openingAgent: securitiesAccounts.openingAgent,
      openedOn: securitiesAccounts.openedOn,
    })
    .from(securitiesAccounts)
    .where(inArray(securitiesAccounts.unifiedAccountNumber, unifiedAccountNumbers))
    .orderBy(asc(securitiesAccounts.unifiedAccountNumber), asc(securitiesAccounts.number));
}

/** 开户预留手机号, or null when the opening agent left none. */
export async function reservedPhoneOf(ctx: AppContext, ex: Executor, holderId: string): Promise<string | null> {
  const [row] = await ex.select().from(holderReservedPhones).where(eq(holderReservedPhones.holderId, holderId));
  return row ? ctx.vault.decrypt(row.mobileEnc) : null;
}

/** Records (or replaces) the reserved phone, as an opening agent's report would. */
export async function recordReservedPhone(ctx: AppContext, ex: Executor, holderId: string, mobileInput: string): Promise<void> {
  const mobile = validateMobile(mobileInput);
  if (!mobile.ok) throw new AppError('VALIDATION_FAILED', { field: 'mobile', reason: mobile.reason });
  const values = { holderId, mobileEnc: ctx.vault.encrypt(mobile.value), mobileHash: ctx.vault.lookupHash('mobile', mobile.value), recordedAt: ctx.clock.now() };
  await ex
    .insert(holderReservedPhones)
    .values(values)
    .onConflictDoUpdate({ target: holderReservedPhones.holderId, set: { mobileEnc: values.mobileEnc, mobileHash: values.mobileHash, recordedAt: values.recordedAt } });
}
