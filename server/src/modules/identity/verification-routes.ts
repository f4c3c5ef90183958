import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import { metaOf, requireSession } from '../../platform/http/auth.ts';
import type { Actor } from '../../platform/audit/audit.ts';
import { Obj, Str, Uuid, routesTagged } from '../../platform/http/schemas.ts';
import { DecimalInput } from '../../kernel/wire.ts';
import { VerificationViewSchema } from './route-schemas.ts';
import { limitPerAddress } from './routes.ts';
import { authorise } from './guards.ts';
import { completeRealName, startRealName } from './real-name.ts';
import { ownVerification, reselectMethod, viewOf } from './verification.ts';
import { verificationOwner } from './profile-verification.ts';
import {
  confirmOwnCode,
  confirmReservedPhone,
  confirmUnionPay,
  decideCounterRequest,
  pendingCounterRequests,
  receiveOrderReport,
  requestCounterVerification,
  requestUnionPayCode,
  sendOwnCode,
  sendReservedPhoneCode,
  startTradingVerification,
} from './verification-methods.ts';

const CodeSent = Obj({ view: VerificationViewSchema, expiresInSeconds: Type.Integer(), resendAfterSeconds: Type.Integer() });
const IdParam = Obj({ id: Uuid });
const CardElementsSchema = {
  name: Str(60, { minLength: 1, description: '持卡人姓名' }),
  idNumber: Str(30, { minLength: 1, description: '身份证号码' }),
  cardNumber: Str(30, { minLength: 1, description: '银行卡号' }),
  mobile: Str(20, { minLength: 1, description: '银行预留手机号' }),
};

/** Who reports as the sandbox exchange in demo mode: its trading-terminal page (/sandbox/) and `clearhall sandbox order-report`. */
export const SANDBOX_EXCHANGE: Actor = { kind: 'system', id: 'sandbox-exchange' };

/**
 * The reporter of an order report: staff holding `exchange.order_reports`; in demo mode also the
 * sandbox exchange, which signs in nowhere (like the dev inbox, demo mode only). A staff session
 * is always checked: a clerk without the permission is refused even in demo mode.
 */
async function orderReporter(ctx: AppContext, request: FastifyRequest): Promise<Actor> {
  if (!ctx.config.demo || request.session?.principalKind === 'staff') return authorise(ctx, request, 'exchange.order_reports');
  await limitPerAddress(ctx, request, 'sandbox-order-report', 60, 1);
  return SANDBOX_EXCHANGE;
}

/** Identity verification (身份认证) for investors, real-name verification, the broker counter and the exchange order-report intake. */
export const verificationRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const route = routesTagged(['identity verification']);
  /** The signed-in investor, or in a password recovery the recovering user (x-flow-token). */
  const owner = (request: FastifyRequest & { params: { id: string } }) => verificationOwner(ctx, request, request.params.id);

  for (const [path, method, label] of [
    ['own-mobile', 'user_mobile', '通过手机号认证: a code to your registered mobile number'],
    ['own-email', 'user_email', '通过电子邮箱认证: a code to your registered e-mail address'],
  ] as const) {
    app.post(`/api/v1/verifications/:id/${path}/code`, route(label, { params: IdParam, body: Obj({}), response: { 200: CodeSent } }), async (request) => {
      const investorUserId = await owner(request);
      await limitPerAddress(ctx, request, 'verification-code', 30, 60);
      return sendOwnCode(ctx, metaOf(request), investorUserId, request.params.id, method);
    });
    app.post(`/api/v1/verifications/:id/${path}`, route(`${label.split(':')[0]}: the code`, { params: IdParam, body: Obj({ code: Str(10) }), response: { 200: VerificationViewSchema } }), async (request) =>
      confirmOwnCode(ctx, metaOf(request), await owner(request), request.params.id, method, request.body.code),
    );
  }

  app.get(
    '/api/v1/verifications/:id',
    route('A verification of yours: its state and the methods offered (polled while an order report or a counter is awaited)', {
      params: IdParam,
      response: { 200: VerificationViewSchema },
    }),
    async (request) => {
      return viewOf(ctx, await ownVerification(ctx.db, await owner(request), request.params.id));
    },
  );

  app.post(
    '/api/v1/verifications/:id/reselect',
    route('重新选择其他验证方式: ends this attempt and starts a new one for the same purpose', {
      params: IdParam,
      body: Obj({}),
      response: { 200: VerificationViewSchema },
    }),
    async (request) => {
      return viewOf(ctx, await reselectMethod(ctx, metaOf(request), await owner(request), request.params.id));
    },
  );

  app.post(
    '/api/v1/verifications/:id/reserved-phone/code',
    route('通过（开户预留）手机号认证: send a code to the phone reserved at account opening', { params: IdParam, body: Obj({}), response: { 200: CodeSent } }),
    async (request) => {
      const investorUserId = await owner(request);
      await limitPerAddress(ctx, request, 'verification-code', 30, 60);
      return sendReservedPhoneCode(ctx, metaOf(request), investorUserId, request.params.id);
    },
  );

  app.post('/api/v1/verifications/:id/reserved-phone', route('通过（开户预留）手机号认证: the code', { params: IdParam, body: Obj({ code: Str(10) }), response: { 200: VerificationViewSchema } }), async (request) => {
    const investorUserId = await owner(request);
    return confirmReservedPhone(ctx, metaOf(request), investorUserId, request.params.id, request.body.code);
  });

  app.post(
    '/api/v1/verifications/:id/unionpay/code',
    route('通过银联身份认证: the four elements; the bank texts a code to its reserved phone', {
      params: IdParam,
      body: Obj(CardElementsSchema),
      response: { 200: CodeSent },
    }),
    async (request) => {
      const investorUserId = await owner(request);
      await limitPerAddress(ctx, request, 'verification-code', 30, 60);
      return requestUnionPayCode(ctx, metaOf(request), investorUserId, request.params.id, request.body);
    },
  );

  app.post(
    '/api/v1/verifications/:id/unionpay',
    route('通过银联身份认证: the four elements and the SMS code', {
      params: IdParam,
      body: Obj({ ...CardElementsSchema, code: Str(10) }),
      response: { 200: VerificationViewSchema },
    }),
    async (request) => {
      const investorUserId = await owner(request);
      const { code, ...elements } = request.body;
      return confirmUnionPay(ctx, metaOf(request), investorUserId, request.params.id, elements, code);
    },
  );

  app.post(
    '/api/v1/verifications/:id/trading',
    route('通过交易报盘身份认证: a code to place as a marked order; the verification passes when the order report arrives', {
      params: IdParam,
      body: Obj({}),
      response: { 200: VerificationViewSchema },
    }),
    async (request) => {
      const investorUserId = await owner(request);
      return startTradingVerification(ctx, metaOf(request), investorUserId, request.params.id);
    },
  );

  app.post('/api/v1/verifications/:id/counter', route('通过临柜身份认证: ask to be verified at a broker counter', { params: IdParam, body: Obj({}), response: { 200: VerificationViewSchema } }), async (request) => {
    const investorUserId = await owner(request);
    return requestCounterVerification(ctx, metaOf(request), investorUserId, request.params.id);
  });

  app.post('/api/v1/investor/real-name/start', route('去实名: start real-name verification (UnionPay)', { body: Obj({}), response: { 200: VerificationViewSchema } }), async (request) => {
    const session = requireSession(request, 'investor');
    return startRealName(ctx, metaOf(request), session.principalId);
  });

  app.post(
    '/api/v1/investor/real-name',
    route('Complete real-name verification with a passed UnionPay verification', {
      body: Obj({ verificationId: Uuid }),
      response: { 200: Obj({ name: Type.String(), idType: Type.String(), idNumberMasked: Type.String() }) },
    }),
    async (request) => {
      const session = requireSession(request, 'investor');
      const identity = await completeRealName(ctx, metaOf(request), session.principalId, request.body.verificationId);
      return { name: identity.name, idType: identity.idType, idNumberMasked: `${identity.idNumber.slice(0, 4)}**********${identity.idNumber.slice(-4)}` };
    },
  );

  const staffTags = ['broker counter'];
  // A POST with a body, not a GET with a query string: the resident ID number stays out of URLs and so out of request logs
  // and proxies (issue 12 item 7). It changes nothing; CSRF-checked like any POST.
  app.post(
    '/api/v1/broker/counter-verifications/lookup',
    {
      schema: {
        tags: staffTags,
        summary: 'Pending counter verifications of the person at the counter, by name and ID (checked in person); the ID goes in the body, never the URL',
        body: Obj({ name: Str(100, { minLength: 1 }), idType: Str(40, { minLength: 1 }), idNumber: Str(40, { minLength: 1 }) }),
        response: {
          200: Obj({
            items: Type.Array(Obj({ id: Type.String(), name: Type.String(), idType: Type.String(), purpose: Type.String(), requestedAt: Type.String(), expiresAt: Type.String() })),
          }),
        },
      },
    },
    async (request) => {
      await authorise(ctx, request, 'verification.counter');
      return { items: await pendingCounterRequests(ctx, request.body) };
    },
  );

  app.post(
    '/api/v1/broker/counter-verifications/:id/decision',
    {
      schema: {
        tags: staffTags,
        summary: 'Confirm or refuse a pending counter verification',
        params: IdParam,
        body: Obj({ decision: Type.Union([Type.Literal('confirm'), Type.Literal('refuse')]) }),
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      const actor = await authorise(ctx, request, 'verification.counter');
      await decideCounterRequest(ctx, metaOf(request), { ...actor, id: actor.id! }, request.params.id, request.body.decision);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/exchange/order-reports',
    {
      schema: {
        tags: ['exchange integration'],
        summary:
          'Intake of an exchange order report (sandbox feed); a marked order passes a waiting trading-terminal verification. Staff with exchange.order_reports; in demo mode also the sandbox exchange (its terminal page /sandbox/ and `clearhall sandbox order-report`), without a sign-in',
        body: Obj({
          securitiesAccountNumber: Str(20, { minLength: 1 }),
          securityCode: Str(6, { minLength: 6 }),
          side: Type.Union([Type.Literal('buy'), Type.Literal('sell')]),
          quantity: Str(13, { pattern: '^[1-9][0-9]{0,11}$', description: 'a whole number of shares, at least 1' }),
          price: DecimalInput(12, 3),
          brokerCode: Str(20, { minLength: 2 }),
        }),
        response: { 200: Obj({ reportId: Type.String(), passedVerifications: Type.Integer() }) },
      },
    },
    async (request) => {
      return receiveOrderReport(ctx, metaOf(request), await orderReporter(ctx, request), request.body);
    },
  );
};
