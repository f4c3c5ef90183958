import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../../context.ts';
import type { Executor } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { holders, securities, securitiesAccounts, unifiedAccounts } from './schema.ts';
import {
  classifySecurity,
  normaliseIdentifier,
  securitiesAccountMarket,
  validateIdNumber,
  validateShanghaiAccount,
  validateShenzhenAccount,
  validateUnifiedAccount,
  type IdType,
  type Market,
} from '../../../kernel/identifiers.ts';

/** Holders, unified accounts, sub-accounts and securities: the registry's reference data. */

export type HolderCategory = 'ordinary' | 'nominee_hkscc' | 'nominee_qfii' | 'nominee_rqfii' | 'credit_collateral' | 'refinancing_collateral';

export interface NewHolder {
  kind: 'person' | 'institution';
  category: HolderCategory;
  name: string;
  idType: IdType;
  idNumber: string;
}

export async function createHolder(ctx: AppContext, ex: Executor, input: NewHolder): Promise<string> {
  const checked = validateIdNumber(input.idType, input.idNumber, ctx.clock.now());
  if (!checked.ok) throw new AppError('VALIDATION_FAILED', { field: 'idNumber', reason: checked.reason });
  if ((input.kind === 'institution') !== (input.idType === 'unified_social_credit_code')) throw new AppError('VALIDATION_FAILED', { field: 'idType', reason: 'kind' });
  const id = randomUUID();
  await ex.insert(holders).values({
    id,
    kind: input.kind,
    category: input.category,
    name: input.name.trim(),
    idType: input.idType,
    idNumberEnc: ctx.vault.encrypt(checked.value),
    idNumberHash: ctx.vault.lookupHash(`id:${input.idType}`, checked.value),
    createdAt: ctx.clock.now(),
  });
  return id;
}

export async function findHolderByIdentity(ctx: AppContext, ex: Executor, idType: IdType, idNumber: string) {
  const checked = validateIdNumber(idType, idNumber, ctx.clock.now());
  if (!checked.ok) return undefined;
  const [row] = await ex
    .select()
    .from(holders)
    .where(and(eq(holders.idType, idType), eq(holders.idNumberHash, ctx.vault.lookupHash(`id:${idType}`, checked.value))));
  return row;
}

export interface Opening {
  agent: string;
  method: 'counter' | 'witness' | 'online';
  on: string;
}

export async function openUnifiedAccount(ex: Executor, holderId: string, numberTyped: string, opening: Opening): Promise<void> {
  const checked = validateUnifiedAccount(numberTyped);
  if (!checked.ok) throw new AppError('VALIDATION_FAILED', { field: 'unifiedAccountNumber' });
  await ex.insert(unifiedAccounts).values({ number: checked.value, holderId, status: 'normal', openingAgent: opening.agent, openingMethod: opening.method, openedOn: opening.on });
}

export type AccountKind = 'a_share' | 'b_share' | 'fund' | 'credit';

export async function openSecuritiesAccount(ex: Executor, input: { holderId: string; unifiedAccountNumber: string; number: string; kind: AccountKind; beijingEnabled?: boolean }, opening: Opening): Promise<void> {
  const market = securitiesAccountMarket(input.number);
  const format = market === 'SH' ? validateShanghaiAccount(input.number) : market === 'SZ' ? validateShenzhenAccount(input.number) : null;
  if (!market || !format?.ok) throw new AppError('VALIDATION_FAILED', { field: 'securitiesAccountNumber' });
  const [unified] = await ex
    .select()
    .from(unifiedAccounts)
    .where(eq(unifiedAccounts.number, normaliseIdentifier(input.unifiedAccountNumber)));
  if (!unified || unified.holderId !== input.holderId) throw new AppError('ACCOUNT_NOT_FOUND');
  await ex.insert(securitiesAccounts).values({
    number: format.value,
    holderId: input.holderId,
    unifiedAccountNumber: unified.number,
    market,
    kind: input.kind,
    beijingEnabled: input.beijingEnabled ?? false,
    status: 'normal',
    openingAgent: opening.agent,
    openingMethod: opening.method,
    openedOn: opening.on,
  });
}

export interface NewSecurity {
  id: number;
  code: string;
  market: Market;
  name: string;
  isin: string;
  parValue: string;
  securityClass?: string;
  board?: string;
}

export async function registerSecurity(ex: Executor, input: NewSecurity): Promise<void> {
  const classified = classifySecurity(input.code, input.market);
  const securityClass = input.securityClass ?? classified?.class;
  const board = input.board ?? classified?.board;
  if (!securityClass || !board) throw new AppError('VALIDATION_FAILED', { field: 'code' });
  if (!/^[A-Z]{2}[A-Z0-9]{9}\d$/.test(input.isin)) throw new AppError('VALIDATION_FAILED', { field: 'isin' });
  await ex.insert(securities).values({ id: input.id, code: input.code, market: input.market, securityClass, board, name: input.name, isin: input.isin, parValue: input.parValue, status: 'listed' });
}

export async function securityByCode(ex: Executor, market: string, code: string) {
  const [row] = await ex
    .select()
    .from(securities)
    .where(and(eq(securities.market, market), eq(securities.code, code)));
  if (!row) throw new AppError('SECURITY_NOT_FOUND');
  return row;
}

export async function securitiesAccount(ex: Executor, number: string) {
  const [row] = await ex
    .select()
    .from(securitiesAccounts)
    .where(eq(securitiesAccounts.number, normaliseIdentifier(number)));
  if (!row) throw new AppError('ACCOUNT_NOT_FOUND');
  return row;
}
