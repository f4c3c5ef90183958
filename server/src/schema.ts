// Every table of the server, for Drizzle and drizzle-kit. Each module owns its
// own schema file; this only gathers them.
export * from './platform/db/schema.ts';
export * from './modules/identity/schema.ts';
export * from './modules/registry/ledger/schema.ts';
export * from './modules/investor/certificate-schema.ts';
export * from './modules/registry/events/ipo-schema.ts';
export * from './modules/identity/profile-schema.ts';
export * from './modules/registry/events/events-schema.ts';
export * from './modules/registry/ledger/reserved-phone-schema.ts';
export * from './modules/identity/verification-schema.ts';
export * from './modules/investor/schema.ts';
export * from './platform/external/sandbox-schema.ts';
export * from './modules/investor/authorisation-schema.ts';
export * from './modules/investor/query-schema.ts';
export * from './platform/cases/schema.ts';
