import './events-errors.ts';
import './ipo-errors.ts';
export { abandonmentRecords, subscriptionEligibility, type AbandonmentRow } from './abandonments.ts';
export { formatDecimal, parseDecimal, SCALE } from './distribution-rules.ts';
export { createDistribution, getDistribution, listDistributions, listEntitlements, runDistribution } from './distributions.ts';
export { eventImportJob, eventImportKinds, eventImports, importEventBatch, listEventImports, submitEventFile, type EventImportKind } from './event-imports.ts';
export { distributions, dividendTaxRecords, registerExports } from './events-schema.ts';
export { createOffering, drawLottery, listOfferings } from './ipo-offerings.ts';
export { ipoAllotments, type AllotmentView } from './ipo-queries.ts';
export { countWinning } from './ipo-rules.ts';
export { subscriptionQuotas } from './subscription-quotas.ts';
export type { InvalidReason } from './ipo-validity.ts';
export { ipoOfferings, ipoSubscriptions } from './ipo-schema.ts';
export { riskDisclosureSignings, riskDisclosureTypeList, type SigningView } from './risk-disclosures.ts';
import * as eventsSchema from './events-schema.ts';
import * as ipoSchema from './ipo-schema.ts';

export const eventTables = { ...eventsSchema, ...ipoSchema };
