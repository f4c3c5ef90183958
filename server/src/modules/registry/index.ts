import { connectIdentity } from '../identity/index.ts';
import { defineModule } from '../../platform/modules.ts';
import { registryDemo } from './demo/index.ts';
import { addRegistryEventCommands } from './event-commands.ts';
import { distributionJob, dividendTaxJob } from './event-jobs.ts';
import { freezeExpiryJob } from './freeze-expiry-job.ts';
import { registryEventRoutes } from './event-routes.ts';
import { eventImportJob, eventTables } from './events/index.ts';
import { registerExportJob } from './export/index.ts';
import { addImportCommands } from './import-cli.ts';
import { ipoRoutes } from './ipo-routes.ts';
import { holderFacts, ledgerTables, reservedPhoneOf, securitiesAccountOwner, securitiesAccountsOf } from './ledger/index.ts';
import { registryRoutes } from './routes.ts';
import { settlementImportJob } from './settlement/index.ts';

declare module '../identity/index.ts' {
  interface PermissionNames {
    'registry.import': true;
    'registry.read': true;
  }
}

/**
 * The registry: holders, accounts and the ledger (ledger/), settlement imports
 * (settlement/), corporate events and IPOs (events/), dividend tax (tax/),
 * register export (export/), demo data (demo/). Needs identity.
 */
export const registryModule = defineModule({
  name: 'registry',
  tables: { ...ledgerTables, ...eventTables },
  routes: [
    { audience: 'staff', prefix: '/api/v1/staff/registry/', plugin: registryRoutes },
    { audience: 'staff', prefix: '/api/v1/staff/registry/', plugin: ipoRoutes },
    { audience: 'staff', prefix: '/api/v1/staff/registry/', plugin: registryEventRoutes },
  ],
  jobs: (ctx) => [settlementImportJob(ctx), eventImportJob(ctx), distributionJob(ctx), dividendTaxJob(ctx), registerExportJob(ctx), freezeExpiryJob(ctx)],
  permissions: [
    { name: 'registry.import', grantedTo: ['administrator', 'reviewer'] },
    { name: 'registry.read', grantedTo: ['administrator', 'reviewer', 'hall_clerk', 'auditor'] },
  ],
  commands: (program, open) => {
    addImportCommands(program, open);
    addRegistryEventCommands(program, open);
  },
  demo: registryDemo,
  connect: () => connectIdentity({ holders: { holderFacts, reservedPhoneOf, securitiesAccountOwner, securitiesAccountsOf } }),
});

export { DEMO_DISTRIBUTIONS, DEMO_HISTORY, DEMO_REGISTRY_HOLDERS, seedClosingPriceDemo, seedDistributionDemo, seedRegistryDemo } from './demo/index.ts';
export {
  abandonmentRecords,
  createDistribution,
  createOffering,
  distributions,
  eventImportJob,
  eventImports,
  importEventBatch,
  ipoAllotments,
  ipoOfferings,
  ipoSubscriptions,
  riskDisclosureSignings,
  runDistribution,
  subscriptionEligibility,
  subscriptionQuotas,
  type AbandonmentRow,
  type AllotmentView,
  type EventImportKind,
  type SigningView,
} from './events/index.ts';
export { registerExportJob, registerExportQuery, registerSize, writeRegisterFile } from './export/index.ts';
export {
  accountWithHoldingsAt,
  applyChanges,
  businessTypes,
  changesBetween,
  countChangesBetween,
  createHolder,
  findHolderByElements,
  freeze,
  freezesAt,
  holderFacts,
  holderSummary,
  holdingsAt,
  isBusinessType,
  openSecuritiesAccount,
  openUnifiedAccount,
  recordReservedPhone,
  registerSecurity,
  reservedPhoneOf,
  securities,
  securitiesAccount,
  securitiesAccountCountOf,
  securitiesAccountOwner,
  securitiesAccounts,
  securitiesAccountsOf,
  securityByCode,
  unifiedAccounts,
  unifiedAccountsOf,
  type AccountKind,
  type BusinessTypeName,
  type Change,
  type FreezeAtDate,
  type HolderFacts,
  type JournalEntry,
  type NewHolder,
  type PositionAtDate,
  type SecuritiesAccountFacts,
  type SecurityFilter,
} from './ledger/index.ts';
export { checkDates, importSettlementBatch, settlementColumns, settlementImportJob, submitSettlementFile } from './settlement/index.ts';
export { dividendTaxFor, type DividendTaxLine } from './tax/index.ts';
export { AbandonmentRecord, DividendTaxRecord, IpoAllotment, RiskDisclosureSigning } from './event-query-schemas.ts';
export { PositionWithTotal } from './route-schemas.ts';
