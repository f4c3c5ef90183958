import './errors.ts';
export { createHolder, openSecuritiesAccount, openUnifiedAccount, registerSecurity, securitiesAccount, securityByCode, type AccountKind, type NewHolder } from './accounts.ts';
export { businessTypeRows, businessTypes, categories, isBusinessType, type BusinessTypeName, type Category } from './business-types.ts';
export { expireFreezes, freeze, releaseFreeze, renewFreeze, type FreezeOrder, type FreezeOutcome } from './encumbrances.ts';
export {
  findHolderByElements,
  holderFacts,
  recordReservedPhone,
  reservedPhoneOf,
  securitiesAccountOwner,
  securitiesAccountsOf,
  unifiedAccountsOf,
  type HolderFacts,
  type SecuritiesAccountFacts,
} from './holder-lookup.ts';
export { holderSummary, securitiesAccountCountOf } from './holder-queries.ts';
export { applyChanges, applyStaged, createStage, stageColumns, stageRow, type Change, type LineError } from './ledger.ts';
export { accountWithHoldingsAt, changesBetween, countChangesBetween, freezesAt, holdingsAt, registerAt, type FreezeAtDate, type JournalEntry, type PositionAtDate, type SecurityFilter } from './queries.ts';
export { registerPositionsAt } from './register-positions.ts';
export { changeBatches, holders, securities, securitiesAccounts, unifiedAccounts } from './schema.ts';
export { applyBatchOnce, reverseBatch, type BatchOutcome } from './batches.ts';
import * as ledgerSchema from './schema.ts';
import * as reservedPhoneSchema from './reserved-phone-schema.ts';

export const ledgerTables = { ...ledgerSchema, ...reservedPhoneSchema };
