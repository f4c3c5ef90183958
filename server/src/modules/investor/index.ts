import { connectIdentity } from '../identity/index.ts';
import { defineModule } from '../../platform/modules.ts';
import { investorStanding, releaseBindings } from './binding.ts';
import { certificateRequestRoutes } from './certificate-request-routes.ts';
import { certificateRoutes } from './certificate-routes.ts';
import { certificateIssueJob } from './certificates.ts';
import { seedVerificationDemo } from './demo/index.ts';
import { eventQueryRoutes } from './event-query-routes.ts';
import { investorQueryRoutes } from './query-routes.ts';
import { investorRoutes } from './routes.ts';
import * as authorisationTables from './authorisation-schema.ts';
import * as certificateTables from './certificate-schema.ts';
import * as investorTables from './schema.ts';
import * as queryTables from './query-schema.ts';

/** The investor's hall: binding to registry holders, queries, certificates, authorisations. Needs identity and registry. */
export const investorModule = defineModule({
  name: 'investor',
  tables: { ...investorTables, ...certificateTables, ...authorisationTables, ...queryTables },
  routes: [
    { audience: 'investor', prefix: '/api/v1/investor/', plugin: investorRoutes },
    { audience: 'public', prefix: '/api/v1/verify/', plugin: certificateRoutes },
    { audience: 'investor', prefix: '/api/v1/', plugin: eventQueryRoutes },
    { audience: 'investor', prefix: '/api/v1/investor/', plugin: certificateRequestRoutes },
    { audience: 'investor', prefix: '/api/v1/investor/', plugin: investorQueryRoutes },
  ],
  jobs: (ctx) => [certificateIssueJob(ctx)],
  demo: {
    seed: async (ctx) => {
      const notes = await seedVerificationDemo(ctx);
      return notes ? { notes } : null;
    },
  },
  connect: () => connectIdentity({ investors: { investorStanding, releaseBindings } }),
});

export { DEMO_CARDS, DEMO_PEOPLE, seedVerificationDemo, TAX_DEMO_ACCOUNT, TAX_DEMO_DIVIDEND, TAX_DEMO_TRADES, taxDemoTradeDate } from './demo/index.ts';
export { investorStanding, quickBind } from './binding.ts';
export { accountRef } from './own-accounts.ts';
export { holdingBalanceContent } from './certificate-templates.ts';
export { newVerificationCode, renderCertificatePdf, requestCertificate } from './certificates.ts';
export { investorBindings } from './schema.ts';
