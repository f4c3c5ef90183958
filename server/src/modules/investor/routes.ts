import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.ts';
import { metaOf, requireSession } from '../../platform/http/auth.ts';
import { limitPerAddress, VerificationViewSchema } from '../identity/index.ts';
import { Obj, Str, Uuid, routesTagged } from '../../platform/http/schemas.ts';
import { bindingPreview, confirmBinding, investorStanding, quickBind, quickBindingOptions, startDirectBinding } from './binding.ts';

const Bound = Obj({ unifiedAccountNumber: Type.String(), boundAt: Type.String(), method: Type.String() });
const Standing = Obj({
  verified: Type.Boolean(),
  verifiedIdentity: Type.Optional(Obj({ name: Type.String(), idType: Type.String(), idNumberMasked: Type.String() })),
  boundUnifiedAccounts: Type.Array(Bound),
  bound: Type.Boolean(),
});

/** Binding the unified account (manual 000 §一.2.1.1, §二.2.1.1). 我的一码通 is in query-routes.ts. */
export const investorRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const route = routesTagged(['investor binding']);

  app.get(
    '/api/v1/investor/standing',
    route('Whether you are verified (实名) and which unified accounts you have bound', {
      response: { 200: Standing },
    }),
    async (request) => {
      const session = requireSession(request, 'investor');
      const { holderId, ...standing } = await investorStanding(ctx, session.principalId);
      return { ...standing, bound: holderId !== undefined };
    },
  );

  app.get(
    '/api/v1/investor/binding/quick',
    route('快捷绑定一码通: your verified details shown back, and your unified accounts', {
      response: {
        200: Obj({
          name: Type.String(),
          idType: Type.String(),
          idNumberMasked: Type.String(),
          unifiedAccounts: Type.Array(Obj({ number: Type.String(), status: Type.String(), openedOn: Type.String(), bound: Type.Boolean() })),
        }),
      },
    }),
    async (request) => quickBindingOptions(ctx, requireSession(request, 'investor').principalId),
  );

  app.post(
    '/api/v1/investor/binding/quick',
    route('快捷绑定一码通: bind (choose the unified account when you hold several)', {
      body: Obj({ unifiedAccountNumber: Type.Optional(Str(12, { pattern: '^[0-9]{12}$' })) }),
      response: { 200: Bound },
    }),
    async (request) => {
      const session = requireSession(request, 'investor');
      return quickBind(ctx, metaOf(request), session.principalId, request.body.unifiedAccountNumber);
    },
  );

  app.post(
    '/api/v1/investor/binding/direct',
    route('Direct binding, step 1: user type and the three elements (and a securities account number when you hold several unified accounts); starts the verification', {
      body: Obj({
        userType: Type.Union([Type.Literal('person'), Type.Literal('institution')]),
        name: Str(100, { minLength: 1 }),
        idType: Str(40, { minLength: 1 }),
        idNumber: Str(40, { minLength: 1 }),
        securitiesAccountNumber: Type.Optional(Str(20)),
      }),
      response: { 200: VerificationViewSchema },
    }),
    async (request) => {
      const session = requireSession(request, 'investor');
      await limitPerAddress(ctx, request, 'binding-lookup', 30, 60);
      return startDirectBinding(ctx, metaOf(request), session.principalId, request.body);
    },
  );

  app.get(
    '/api/v1/investor/binding/verifications/:id',
    route('绑定信息确认: what a passed binding verification will bind', {
      params: Obj({ id: Uuid }),
      response: {
        200: Obj({
          name: Type.String(),
          userType: Type.String(),
          idType: Type.String(),
          idNumberMasked: Type.String(),
          unifiedAccountNumber: Type.String(),
          method: Type.String(),
        }),
      },
    }),
    async (request) => bindingPreview(ctx, requireSession(request, 'investor').principalId, request.params.id),
  );

  app.post('/api/v1/investor/binding/confirm', route('Direct binding, last step: bind with a passed verification (spent once)', { body: Obj({ verificationId: Uuid }), response: { 200: Bound } }), async (request) => {
    const session = requireSession(request, 'investor');
    return confirmBinding(ctx, metaOf(request), session.principalId, request.body.verificationId);
  });
};
