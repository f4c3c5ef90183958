import { Type, type TObject, type TSchema } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.ts';
import { metaOf } from '../../platform/http/auth.ts';
import { authorise } from '../identity/index.ts';
import { Obj, Page, Str, pageRequestOf, routesTagged } from '../../platform/http/schemas.ts';
import { IsoDay, Nullable, Paged } from '../../kernel/wire.ts';
import { AUTHORISATION_BUSINESSES, AUTHORISATION_STATUSES, authorisationsOf, findAuthorisations, recordAuthorisation, revokeAuthorisation } from './authorisations.ts';
import { AbandonmentRecord, DividendTaxRecord, IpoAllotment, RiskDisclosureSigning } from '../registry/index.ts';
import { requireBoundInvestor } from './binding.ts';
import { myAbandonments, myDividendTax, myIpoAllotments, myRiskDisclosures, type EventQuery } from './event-queries.ts';
import { AccountChoiceSchema, AccountRef, MaskedAccountFields } from './own-account-schemas.ts';
import { accountScopeFor, myAccountChoices, withMaskedAccount } from './own-accounts.ts';

const AuthNumber = Type.String({ pattern: '^[A-Z0-9]{6,32}$' });
const RangeQuery = Obj({ account: Type.Optional(AccountRef), from: Type.Optional(IsoDay), to: Type.Optional(IsoDay), ...Page.properties });

const Authorisation = Obj({
  authorisationNumber: Type.String(),
  accountNumber: Type.String(),
  business: Type.String(),
  authorisedParty: Type.String(),
  validFrom: Type.String(),
  validTo: Type.String(),
  status: Type.String(),
  revokedOn: Nullable(Type.String()),
});

/** The investor's view of a registry row: `accountNumber` replaced by the masked number and the account's reference. */
function asInvestorRow<T extends TObject>(row: T) {
  const { accountNumber: _number, ...rest } = row.properties as Record<string, TSchema>;
  return Obj({ ...rest, ...MaskedAccountFields });
}

const { accountNumber: _authorisationAccount, ...authorisationRest } = Authorisation.properties;
const InvestorAuthorisation = Obj({ ...authorisationRest, ...MaskedAccountFields });

type RangeParams = { account?: string; from?: string; to?: string; page?: string; pageSize?: string };
const eventQuery = (q: RangeParams): EventQuery => ({ account: q.account, from: q.from, to: q.to, ...pageRequestOf(q) });

/**
 * The investor hall's corporate-event queries (manual 000 §一.2.2.5–8) and
 * 授权管理 (§一.6), for bound investors on their own accounts; and the staff
 * routes that record and revoke authorisations.
 */
export const eventQueryRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const route = routesTagged(['investor queries']);

  app.get(
    '/api/v1/investor/event-queries/filters',
    route('What the query filters offer: your securities accounts (bound, or added for this session) and the authorised businesses', {
      response: { 200: Obj({ accounts: Type.Array(AccountChoiceSchema), businesses: Type.Array(Type.String()) }) },
    }),
    async (request) => {
      return { accounts: await myAccountChoices(ctx, request, 'event-query'), businesses: [...AUTHORISATION_BUSINESSES] };
    },
  );

  app.get(
    '/api/v1/investor/ipo-allotments',
    route('新股配号中签情况: your subscriptions with their numbers, winning numbers and payment, by subscription date', {
      querystring: RangeQuery,
      response: { 200: Paged(asInvestorRow(IpoAllotment)) },
    }),
    async (request) => {
      const { session, standing } = await requireBoundInvestor(ctx, request);
      return myIpoAllotments(ctx, session, standing, eventQuery(request.query));
    },
  );

  app.get(
    '/api/v1/investor/abandonments',
    route('放弃认购数据: your abandoned subscriptions by report date, and per market whether you are barred from subscribing today', {
      querystring: RangeQuery,
      response: {
        200: Obj({
          ...Paged(asInvestorRow(AbandonmentRecord)).properties,
          markets: Type.Array(Obj({ market: Type.String(), eligible: Type.Boolean(), barredFrom: Nullable(Type.String()), barredTo: Nullable(Type.String()) })),
        }),
      },
    }),
    async (request) => {
      const { session, standing } = await requireBoundInvestor(ctx, request);
      return myAbandonments(ctx, session, standing, eventQuery(request.query));
    },
  );

  app.get(
    '/api/v1/investor/risk-disclosures',
    route('风险揭示书签署日期: your risk-disclosure signings by account and board', {
      querystring: Obj({ account: Type.Optional(AccountRef), ...Page.properties }),
      response: { 200: Paged(asInvestorRow(RiskDisclosureSigning)) },
    }),
    async (request) => {
      const { session, standing } = await requireBoundInvestor(ctx, request);
      const q = request.query;
      return myRiskDisclosures(ctx, session, standing, { account: q.account, ...pageRequestOf(q) });
    },
  );

  app.get(
    '/api/v1/investor/dividend-tax',
    route('股息红利个人所得税: your dividend income tax records by settlement date of the sale', {
      querystring: RangeQuery,
      response: { 200: Paged(asInvestorRow(DividendTaxRecord)) },
    }),
    async (request) => {
      const { session, standing } = await requireBoundInvestor(ctx, request);
      return myDividendTax(ctx, session, standing, eventQuery(request.query));
    },
  );

  app.get(
    '/api/v1/investor/authorisations',
    route('授权管理: authorisations on your accounts, by 业务权单号 or by account, business, status and validity range', {
      querystring: Obj({
        number: Type.Optional(AuthNumber),
        account: Type.Optional(AccountRef),
        business: Type.Optional(Type.Union(AUTHORISATION_BUSINESSES.map((b) => Type.Literal(b)))),
        status: Type.Optional(Type.Union(AUTHORISATION_STATUSES.map((s) => Type.Literal(s)))),
        from: Type.Optional(IsoDay),
        to: Type.Optional(IsoDay),
        ...Page.properties,
      }),
      response: { 200: Paged(InvestorAuthorisation) },
    }),
    async (request) => {
      const { session, standing } = await requireBoundInvestor(ctx, request);
      const q = request.query;
      const accountNumbers = await accountScopeFor(ctx, session, standing, 'event-query', q.account);
      const found = await authorisationsOf(ctx, {
        accountNumbers,
        authorisationNumber: q.number,
        business: q.business,
        status: q.status,
        from: q.from,
        to: q.to,
        ...pageRequestOf(q),
      });
      return { ...found, items: found.items.map((row) => withMaskedAccount(ctx, row)) };
    },
  );

  app.post(
    '/api/v1/staff/investor/authorisations',
    {
      schema: {
        tags: ['investor authorisations'],
        summary: 'Record an authorisation a holder signed (授权管理), under its 业务权单号',
        body: Obj({
          authorisationNumber: AuthNumber,
          accountNumber: Str(20, { minLength: 1, description: '证券账户 as typed: spaces and full-width characters are normalised' }),
          business: Type.Union(AUTHORISATION_BUSINESSES.map((b) => Type.Literal(b))),
          authorisedParty: Str(100, { minLength: 1 }),
          validFrom: IsoDay,
          validTo: IsoDay,
        }),
        response: { 201: Authorisation },
      },
    },
    async (request, reply) => {
      const actor = await authorise(ctx, request, 'registry.import');
      const created = await recordAuthorisation(ctx, metaOf(request), actor, request.body);
      return reply.code(201).send(created);
    },
  );

  app.post(
    '/api/v1/staff/investor/authorisations/search',
    {
      schema: {
        tags: ['investor authorisations'],
        summary: 'Find authorisations by securities account (as typed) or 业务权单号; in the body, so no account number is in a URL',
        body: Obj({
          accountNumber: Type.Optional(Str(30, { description: '证券账户 as typed: spaces and full-width characters are normalised' })),
          authorisationNumber: Type.Optional(Str(40)),
          ...Page.properties,
        }),
        response: { 200: Paged(Authorisation) },
      },
    },
    async (request) => {
      await authorise(ctx, request, 'registry.read');
      const { accountNumber, authorisationNumber } = request.body;
      return findAuthorisations(ctx, { accountNumber, authorisationNumber, ...pageRequestOf(request.body) });
    },
  );

  app.post(
    '/api/v1/staff/investor/authorisations/:number/revoke',
    {
      schema: {
        tags: ['investor authorisations'],
        summary: 'Revoke an authorisation from today',
        params: Obj({ number: AuthNumber }),
        response: { 200: Authorisation },
      },
    },
    async (request) => {
      const actor = await authorise(ctx, request, 'registry.import');
      return revokeAuthorisation(ctx, metaOf(request), actor, request.params.number);
    },
  );
};
