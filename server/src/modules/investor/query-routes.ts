import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.ts';
import { metaOf } from '../../platform/http/auth.ts';
import { Obj, Str, pageRequestOf, routesTagged } from '../../platform/http/schemas.ts';
import { IsoDayText as Day, Market, Page, Paged, Quantity } from '../../kernel/wire.ts';
import { requireBoundInvestor } from './binding.ts';
import { freezeSituation, holdingBalance, holdingChanges, holdingHistory, myUnifiedAccountsView, type SecurityClass } from './queries.ts';
import { AccountBindingSchema, AccountChoiceSchema, AccountRef, MaskedAccountFields } from './own-account-schemas.ts';
import { addTemporaryAccount, myAccountChoices } from './own-accounts.ts';
import { PositionWithTotal } from '../registry/index.ts';

const Account = AccountRef;
const Class = Type.Union([Type.Literal('A'), Type.Literal('B')], { description: '证券类别: A股 | B股' });

interface AccountQs {
  account: string;
  market: string;
  securityClass: SecurityClass;
  page?: string;
  pageSize?: string;
}

const accountQuery = (q: AccountQs) => ({ accountRef: q.account, market: q.market, securityClass: q.securityClass });

/** 查询服务 of 我的一码通 (manual 000 §一.2.2.1–2.2.4, §二.2.2.1–2.2.4), for bound investors only. */
export const investorQueryRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const route = routesTagged(['investor queries']);
  const base = '/api/v1/investor/queries';

  app.get(
    `${base}/unified-accounts`,
    route('我的一码通: your unified accounts and securities accounts with their binding status; numbers in full only after the step-up check (显示完整证券账户)', {
      response: {
        200: Obj({
          fullNumbers: Type.Boolean(),
          items: Type.Array(
            Obj({
              unifiedAccountNumber: Type.String(),
              bound: Type.Boolean(),
              boundAt: Type.Union([Type.String(), Type.Null()]),
              status: Type.String(),
              securitiesAccounts: Type.Array(
                Obj({
                  number: Type.String(),
                  market: Type.String(),
                  kind: Type.String(),
                  status: Type.String(),
                  openingAgent: Type.String(),
                  openedOn: Type.String(),
                  binding: AccountBindingSchema,
                }),
              ),
            }),
          ),
        }),
      },
    }),
    async (request) => {
      const { session, standing } = await requireBoundInvestor(ctx, request);
      return myUnifiedAccountsView(ctx, session, standing);
    },
  );

  app.get(
    `${base}/accounts`,
    route('The securities accounts the queries accept (bound, or added for this session), masked until the step-up check, with their markets: the 证券账户 and 交易市场 choices', {
      response: { 200: Obj({ items: Type.Array(AccountChoiceSchema) }) },
    }),
    async (request) => {
      return { items: await myAccountChoices(ctx, request, 'holding-query') };
    },
  );

  app.post(
    `${base}/temporary-accounts`,
    route('添加证券账户: add a securities account of yours under a unified account you have not bound, for this session', {
      body: Obj({ accountNumber: Str(20, { minLength: 1, description: 'the 证券账户 number you typed' }) }),
      response: { 200: Obj({ ...MaskedAccountFields, unifiedAccountMasked: Type.String(), binding: Type.Literal('temporary') }) },
    }),
    async (request) => {
      const { session, standing } = await requireBoundInvestor(ctx, request);
      return addTemporaryAccount(ctx, metaOf(request), session, standing, request.body.accountNumber);
    },
  );

  app.get(
    `${base}/holdings`,
    route('证券持有余额: holdings of an account at the end of a date, by category', {
      querystring: Obj({ account: Account, market: Market, securityClass: Class, date: Day, ...Page.properties }),
      response: {
        200: Paged(
          Obj({
            code: Type.String(),
            name: Type.String(),
            market: Type.String(),
            ...PositionWithTotal,
          }),
        ),
      },
    }),
    async (request) => {
      const { session, standing } = await requireBoundInvestor(ctx, request);
      const q = request.query;
      return holdingBalance(ctx, session, standing, { ...accountQuery(q), date: q.date }, pageRequestOf(q));
    },
  );

  app.get(
    `${base}/changes`,
    route('证券持有变更: changes of an account in a period (at most one year), oldest first', {
      querystring: Obj({
        account: Account,
        market: Market,
        securityClass: Class,
        from: Day,
        to: Day,
        securityCode: Type.Optional(Str(12, { pattern: '^[0-9A-Za-z]{1,12}$' })),
        ...Page.properties,
      }),
      response: {
        200: Paged(
          Obj({
            id: Type.String(),
            date: Type.String(),
            code: Type.String(),
            name: Type.String(),
            businessType: Type.String(),
            businessTypeZh: Type.String(),
            businessTypeEn: Type.String(),
            category: Type.String(),
            quantity: Quantity,
            balanceAfter: Quantity,
          }),
        ),
      },
    }),
    async (request) => {
      const { session, standing } = await requireBoundInvestor(ctx, request);
      const q = request.query;
      return holdingChanges(ctx, session, standing, { ...accountQuery(q), from: q.from, to: q.to, ...(q.securityCode ? { securityCode: q.securityCode } : {}) }, pageRequestOf(q));
    },
  );

  app.get(
    `${base}/holding-history`,
    route('The balance held of one security in one account over a period: the day before it, then each day with a change (for the chart)', {
      querystring: Obj({ account: Account, market: Market, securityClass: Class, from: Day, to: Day, securityCode: Str(12, { pattern: '^[0-9A-Za-z]{1,12}$' }) }),
      response: {
        200: Obj({ code: Type.String(), name: Type.String(), points: Type.Array(Obj({ date: Type.String(), balance: Quantity })), truncated: Type.Boolean() }),
      },
    }),
    async (request) => {
      const { session, standing } = await requireBoundInvestor(ctx, request);
      const q = request.query;
      return holdingHistory(ctx, session, standing, { ...accountQuery(q), from: q.from, to: q.to, securityCode: q.securityCode });
    },
  );

  app.get(
    `${base}/freezes`,
    route('证券冻结情况: freezes in force and waiting (轮候冻结) on an account at the end of a date', {
      querystring: Obj({ account: Account, market: Market, securityClass: Class, date: Day, ...Page.properties }),
      response: {
        200: Paged(
          Obj({
            id: Type.String(),
            code: Type.String(),
            name: Type.String(),
            kind: Type.String(),
            state: Type.String(),
            authority: Type.String(),
            caseNumber: Type.String(),
            quantity: Quantity,
            frozenQuantity: Quantity,
            queueNo: Type.Union([Type.Integer(), Type.Null()]),
            startOn: Type.Union([Type.String(), Type.Null()]),
            endOn: Type.Union([Type.String(), Type.Null()]),
          }),
        ),
      },
    }),
    async (request) => {
      const { session, standing } = await requireBoundInvestor(ctx, request);
      const q = request.query;
      return freezeSituation(ctx, session, standing, { ...accountQuery(q), date: q.date }, pageRequestOf(q));
    },
  );
};
