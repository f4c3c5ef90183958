import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.ts';
import { metaOf } from '../../platform/http/auth.ts';
import { authorise } from '../identity/index.ts';
import { securitiesAccount, securityByCode } from './ledger/index.ts';
import { createDistribution, getDistribution, listDistributions, listEntitlements } from './events/index.ts';
import { dividendTaxFor } from './tax/index.ts';
import { Binary, Obj, Page, Uuid, pageRequestOf, routesTagged } from '../../platform/http/schemas.ts';
import { Decimal, DecimalInput, IsoDay, Market, Nullable, SecurityCode } from '../../kernel/wire.ts';
import { DividendTaxRecord } from './event-query-schemas.ts';
import { submitDistributionRun, submitDividendTaxComputation } from './event-jobs.ts';
import { listRegisterExports, registerExportFile, requestRegisterExport } from './export/index.ts';
import { accountNumberOfRef, optionalAccountNumberOfRef, StaffAccountRef } from './account-refs.ts';

const MarketCode = { market: Market, code: SecurityCode };
const Rate = DecimalInput(11, 6, 'per 10 shares, a decimal string with at most 6 decimals');
const IdParam = Obj({ id: Uuid });
const JobAccepted = Obj({ jobId: Type.String() });

const DistributionBody = Obj({
  id: Type.String(),
  market: Type.String(),
  code: Type.String(),
  name: Type.String(),
  recordOn: Type.String(),
  payOn: Type.String(),
  cashPer10: Decimal,
  bonusPer10: Decimal,
  capitalisationPer10: Decimal,
  cashRounding: Type.String(),
  status: Type.String(),
  holders: Type.Union([Type.Integer(), Type.Null()]),
  sharesEntitled: Nullable(Decimal),
  cashTotal: Nullable(Decimal),
  cashRemainder: Nullable(Decimal),
  sharesIssued: Nullable(Decimal),
  lotSeed: Nullable(Type.String({ description: 'seed of the drawing of lots that settled equal fractions (零碎股): replays it' })),
  createdAt: Type.String(),
  completedAt: Nullable(Type.String()),
});

/** Staff access to corporate events: distributions, dividend tax records, register exports. */
export const registryEventRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const route = routesTagged(['registry events']);

  app.post(
    '/api/v1/staff/registry/distributions',
    route('Announce a distribution (权益分派): cash and/or bonus and capitalisation shares per 10 shares held at the record date', {
      body: Obj({
        ...MarketCode,
        recordOn: IsoDay,
        payOn: IsoDay,
        cashPer10: Type.Optional(Rate),
        bonusPer10: Type.Optional(Rate),
        capitalisationPer10: Type.Optional(Rate),
      }),
      response: { 201: DistributionBody },
    }),
    async (request, reply) => {
      const actor = await authorise(ctx, request, 'registry.import');
      const id = await createDistribution(ctx, metaOf(request), actor, request.body);
      return reply.code(201).send(await getDistribution(ctx.db, id));
    },
  );

  app.post(
    '/api/v1/staff/registry/distributions/:id/run',
    route('Compute the entitlements and post the new shares, in a job (progress in the job list); running it again changes nothing', {
      params: IdParam,
      response: { 202: JobAccepted },
    }),
    async (request, reply) => {
      const actor = await authorise(ctx, request, 'registry.import');
      return reply.code(202).send(await submitDistributionRun(ctx, metaOf(request), actor, request.params.id));
    },
  );

  app.get(
    '/api/v1/staff/registry/distributions',
    route('Distributions, latest record date first', { querystring: Page, response: { 200: Obj({ items: Type.Array(DistributionBody), total: Type.Integer() }) } }),
    async (request) => {
      await authorise(ctx, request, 'registry.read');
      return listDistributions(ctx.db, pageRequestOf(request.query));
    },
  );

  app.get('/api/v1/staff/registry/distributions/:id', route('A distribution with its totals', { params: IdParam, response: { 200: DistributionBody } }), async (request) => {
    await authorise(ctx, request, 'registry.read');
    return getDistribution(ctx.db, request.params.id);
  });

  app.get(
    '/api/v1/staff/registry/distributions/:id/entitlements',
    route('Entitlements of a distribution per securities account, largest holdings first', {
      params: IdParam,
      querystring: Obj({ account: Type.Optional(StaffAccountRef), ...Page.properties }),
      response: {
        200: Obj({
          items: Type.Array(Obj({ accountNumber: Type.String(), quantity: Decimal, cashAmount: Decimal, sharesWhole: Decimal, sharesFromFractions: Decimal, shares: Decimal })),
          total: Type.Integer(),
        }),
      },
    }),
    async (request) => {
      await authorise(ctx, request, 'registry.read');
      const { id } = request.params;
      const q = request.query;
      await getDistribution(ctx.db, id);
      return listEntitlements(ctx.db, id, { accountNumber: optionalAccountNumberOfRef(ctx, q.account), ...pageRequestOf(q) });
    },
  );

  app.post(
    '/api/v1/staff/registry/dividend-tax/computations',
    route('Recompute the differentiated dividend tax records (of one security, or of all), in a job', {
      body: Obj({ market: Type.Optional(MarketCode.market), code: Type.Optional(MarketCode.code) }),
      response: { 202: JobAccepted },
    }),
    async (request, reply) => {
      const actor = await authorise(ctx, request, 'registry.import');
      const body = request.body;
      const securityId = body.market && body.code ? (await securityByCode(ctx.db, body.market, body.code)).id : null;
      return reply.code(202).send(await submitDividendTaxComputation(ctx, metaOf(request), actor, securityId));
    },
  );

  app.get(
    '/api/v1/staff/registry/accounts/:ref/dividend-tax',
    route('Dividend income tax records (股息红利个人所得税) of a securities account, by settlement date of the sale', {
      params: Obj({ ref: StaffAccountRef }),
      querystring: Obj({ from: IsoDay, to: IsoDay, ...Page.properties }),
      response: {
        200: Obj({
          items: Type.Array(DividendTaxRecord),
          total: Type.Integer(),
        }),
      },
    }),
    async (request) => {
      await authorise(ctx, request, 'registry.read');
      const number = accountNumberOfRef(ctx, request.params.ref);
      const q = request.query;
      await securitiesAccount(ctx.db, number);
      return dividendTaxFor(ctx.db, { accountNumbers: [number], from: q.from, to: q.to, ...pageRequestOf(q) });
    },
  );

  const ExportBody = Obj({
    id: Type.String(),
    market: Type.String(),
    code: Type.String(),
    name: Type.String(),
    date: Type.String(),
    format: Type.String(),
    status: Type.String(),
    jobId: Nullable(Type.String()),
    rows: Type.Union([Type.Integer(), Type.Null()]),
    bytes: Type.Union([Type.Integer(), Type.Null()]),
    progressDone: Type.Union([Type.Number(), Type.Null()]),
    progressTotal: Type.Union([Type.Number(), Type.Null()]),
    createdAt: Type.String(),
    finishedAt: Nullable(Type.String()),
  });

  app.post(
    '/api/v1/staff/registry/register-exports',
    route('Export the register of a security at a date (股东名册) as CSV or Excel, in a job', {
      body: Obj({ ...MarketCode, date: IsoDay, format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]) }),
      response: { 202: Obj({ exportId: Type.String(), jobId: Type.String() }) },
    }),
    async (request, reply) => {
      const actor = await authorise(ctx, request, 'registry.read');
      return reply.code(202).send(await requestRegisterExport(ctx, metaOf(request), actor, request.body));
    },
  );

  app.get('/api/v1/staff/registry/register-exports', route('Register exports, newest first', { querystring: Page, response: { 200: Obj({ items: Type.Array(ExportBody), total: Type.Integer() }) } }), async (request) => {
    await authorise(ctx, request, 'registry.read');
    return listRegisterExports(ctx, pageRequestOf(request.query));
  });

  app.get(
    '/api/v1/staff/registry/register-exports/:id/file',
    route('Download the file of a finished register export', {
      params: IdParam,
      produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      response: { 200: Binary('the register file, CSV or xlsx') },
    }),
    async (request, reply) => {
      await authorise(ctx, request, 'registry.read');
      const file = await registerExportFile(ctx, request.params.id);
      return reply.header('content-type', file.contentType).header('content-length', String(file.bytes)).header('content-disposition', `attachment; filename="${file.fileName}"`).send(file.stream);
    },
  );
};
