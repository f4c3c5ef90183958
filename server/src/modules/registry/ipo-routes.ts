import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.ts';
import { metaOf } from '../../platform/http/auth.ts';
import { authorise } from '../identity/index.ts';
import { ImportJobProgress } from './route-schemas.ts';
import {
  abandonmentRecords,
  createOffering,
  drawLottery,
  eventImportKinds,
  ipoAllotments,
  listEventImports,
  listOfferings,
  riskDisclosureSignings,
  riskDisclosureTypeList,
  submitEventFile,
  subscriptionEligibility,
} from './events/index.ts';
import { acceptCsvUploads, csvBody } from '../../platform/http/uploads.ts';
import { Obj, Page, Str, pageRequestOf, routesTagged } from '../../platform/http/schemas.ts';
import { AbandonmentRecord, IpoAllotment, RiskDisclosureSigning } from './event-query-schemas.ts';
import { Decimal, DecimalInput, IsoDay, Nullable, Quantity, SecurityCode, Uuid } from '../../kernel/wire.ts';
import { optionalAccountNumberOfRef, StaffAccountRef } from './account-refs.ts';
import './ledger/index.ts';

const MarketParam = Type.Union([Type.Literal('SH'), Type.Literal('SZ')]);
const HolderParam = Obj({ holderId: Uuid });
/** An account filter is its opaque reference (account-refs.ts), never its number. */
const AccountQuery = Type.Optional(StaffAccountRef);
/** A holder's records, of one account or all, over an optional range of dates. */
const HolderRecordsQuery = { params: HolderParam, querystring: Obj({ account: AccountQuery, from: Type.Optional(IsoDay), to: Type.Optional(IsoDay) }) };
const holderRecordsFilter = (ctx: AppContext, { params, query }: { params: { holderId: string }; query: { account?: string; from?: string; to?: string } }) => ({
  holderId: params.holderId,
  accountNumber: optionalAccountNumberOfRef(ctx, query.account),
  from: query.from,
  to: query.to,
});

const Offering = Obj({
  id: Type.Integer(),
  market: Type.String(),
  securityCode: Type.String(),
  name: Type.String(),
  board: Type.String(),
  productType: Type.String(),
  issuePrice: Decimal,
  subscriptionDate: Type.String(),
  unitShares: Quantity,
  sharesPerNumber: Quantity,
  firstNumber: Quantity,
  numbersAllotted: Quantity,
  status: Type.String(),
  winningTails: Type.Array(Type.String()),
});

const ImportJob = Obj({
  jobId: Type.String(),
  kind: Type.String(),
  ...ImportJobProgress,
});

/**
 * Staff access to IPO offerings and their lottery, the corporate-event imports
 * (subscriptions, winning tails, payments, abandonments, risk disclosures) and
 * the investor queries by holder.
 */
export const ipoRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const route = routesTagged(['registry']);
  // CSV bodies stream to storage; the parser may already be there from the settlement routes.
  acceptCsvUploads(app);

  app.post(
    '/api/v1/staff/registry/ipo-offerings',
    route('Register an offering of new shares or CDRs (新股发行); the unit and numbers per unit follow its market and board', {
      body: Obj({
        market: MarketParam,
        securityCode: SecurityCode,
        name: Str(50, { minLength: 1 }),
        issuePrice: DecimalInput(12, 4),
        subscriptionDate: IsoDay,
        firstNumber: Type.Optional(Type.String({ pattern: '^[1-9]\\d{0,14}$' })),
      }),
      response: { 201: Offering },
    }),
    async (request, reply) => {
      const actor = await authorise(ctx, request, 'registry.import');
      const body = request.body;
      const offering = await createOffering(ctx, metaOf(request), actor, { ...body, firstNumber: body.firstNumber ? BigInt(body.firstNumber) : undefined });
      return reply.code(201).send(offering);
    },
  );

  app.get(
    '/api/v1/staff/registry/ipo-offerings',
    route('Offerings, newest subscription date first, with their winning tails', { querystring: Page, response: { 200: Obj({ items: Type.Array(Offering) }) } }),
    async (request) => {
      await authorise(ctx, request, 'registry.read');
      return { items: await listOfferings(ctx, pageRequestOf(request.query)) };
    },
  );

  app.post(
    '/api/v1/staff/registry/ipo-offerings/:id/lottery',
    route('Run the lottery: record the winning tails (中签号码) and compute every subscription’s winning numbers and quantity', {
      params: Obj({ id: Type.String({ pattern: '^[1-9]\\d{0,8}$' }) }),
      body: Obj({ tails: Type.Array(Type.String({ pattern: '^\\d{1,12}$' }), { minItems: 1, maxItems: 200 }) }),
      response: { 200: Obj({ offeringId: Type.Integer(), tails: Type.Array(Type.String()), winningAccounts: Type.Integer(), winningNumbers: Quantity }) },
    }),
    async (request) => {
      const actor = await authorise(ctx, request, 'registry.import');
      const { id } = request.params;
      return drawLottery(ctx, metaOf(request), actor, { offeringId: Number(id), tails: request.body.tails });
    },
  );

  app.put(
    '/api/v1/staff/registry/event-imports/:kind/:batchId',
    route('Upload a corporate-event file (CSV, text/csv); a job checks it whole and applies it atomically, once', {
      description:
        'Kinds and columns: ipo-subscriptions (security_code,account_number,quantity,order_seq,ordered_at); ipo-winning-tails (security_code,tail); ipo-payments (security_code,account_number,paid_quantity,reported_on); abandonments (account_number,product_type,security_code,security_name,winning_quantity,abandoned_quantity,reported_on); risk-disclosures (account_number,disclosure_type,signed_on,broker); closing-prices (market,trading_day,security_code,close_price: one market and day imported once, capped by PRICE_UPLOAD_MAX_MB). A rejected file lists its bad lines in the import list.',
      params: Obj({ kind: Type.Union(eventImportKinds.map((k) => Type.Literal(k))), batchId: Type.String({ pattern: '^[A-Za-z0-9_.-]{1,64}$' }) }),
      querystring: Obj({ fileName: Type.Optional(Str(200)) }),
      consumes: ['text/csv'],
      response: { 202: Obj({ jobId: Type.String(), bytes: Type.Integer() }) },
    }),
    async (request, reply) => {
      const actor = await authorise(ctx, request, 'registry.import');
      const { kind, batchId } = request.params;
      const { fileName } = request.query;
      return reply.code(202).send(await submitEventFile(ctx, metaOf(request), actor, { kind, batchId, fileName: fileName ?? `${batchId}.csv`, stream: csvBody(request) }));
    },
  );

  app.get(
    '/api/v1/staff/registry/event-imports',
    route('Corporate-event imports with their progress and outcome (rejected lines included)', {
      querystring: Obj({ kind: Type.Optional(Type.Union(eventImportKinds.map((k) => Type.Literal(k)))), ...Page.properties }),
      response: { 200: Obj({ items: Type.Array(ImportJob), total: Type.Integer() }) },
    }),
    async (request) => {
      await authorise(ctx, request, 'registry.import');
      const q = request.query;
      return listEventImports(ctx, { kind: q.kind, ...pageRequestOf(q) });
    },
  );

  app.get(
    '/api/v1/staff/registry/holders/:holderId/ipo-allotments',
    route('A holder’s subscriptions with their allotment numbers, winning numbers and payment (新股配号中签情况)', {
      ...HolderRecordsQuery,
      response: {
        200: Obj({
          items: Type.Array(IpoAllotment),
        }),
      },
    }),
    async (request) => {
      await authorise(ctx, request, 'registry.read');
      return { items: await ipoAllotments(ctx, holderRecordsFilter(ctx, request)) };
    },
  );

  app.get(
    '/api/v1/staff/registry/holders/:holderId/abandonments',
    route('A holder’s abandoned subscriptions (放弃认购数据), newest first', {
      ...HolderRecordsQuery,
      response: { 200: Obj({ items: Type.Array(AbandonmentRecord) }) },
    }),
    async (request) => {
      await authorise(ctx, request, 'registry.read');
      return { items: await abandonmentRecords(ctx, holderRecordsFilter(ctx, request)) };
    },
  );

  app.get(
    '/api/v1/staff/registry/holders/:holderId/subscription-eligibility',
    route('May the holder subscribe online in a market on a date, and if not why (the bar and the abandonments behind it)', {
      params: HolderParam,
      querystring: Obj({ market: MarketParam, date: IsoDay }),
      response: {
        200: Obj({
          holderId: Type.String(),
          market: Type.String(),
          date: Type.String(),
          eligible: Type.Boolean(),
          bar: Nullable(Obj({ startOn: Type.String(), endOn: Type.String(), abandonments: Type.Array(AbandonmentRecord) })),
          counting: Type.Array(AbandonmentRecord),
          rule: Obj({ count: Type.Integer(), windowMonths: Type.Integer(), barDays: Type.Integer(), perMarket: Type.Boolean() }),
        }),
      },
    }),
    async (request) => {
      await authorise(ctx, request, 'registry.read');
      const { holderId } = request.params;
      const q = request.query;
      return subscriptionEligibility(ctx, { holderId, market: q.market, date: q.date });
    },
  );

  app.get(
    '/api/v1/staff/registry/holders/:holderId/risk-disclosures',
    route('A holder’s risk-disclosure signings (风险揭示书签署日期), by account', {
      params: HolderParam,
      querystring: Obj({ account: AccountQuery }),
      response: {
        200: Obj({
          items: Type.Array(RiskDisclosureSigning),
        }),
      },
    }),
    async (request) => {
      await authorise(ctx, request, 'registry.read');
      const { holderId } = request.params;
      return { items: await riskDisclosureSignings(ctx, { holderId, accountNumber: optionalAccountNumberOfRef(ctx, request.query.account) }) };
    },
  );

  app.get(
    '/api/v1/staff/registry/risk-disclosure-types',
    route('Boards and products that need a signed risk disclosure', {
      response: { 200: Obj({ items: Type.Array(Obj({ code: Type.String(), nameZh: Type.String(), nameEn: Type.String() })) }) },
    }),
    async (request) => {
      await authorise(ctx, request, 'registry.read');
      return { items: (await riskDisclosureTypeList(ctx)).map((t) => ({ code: t.code, nameZh: t.nameZh, nameEn: t.nameEn })) };
    },
  );
};
