import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.ts';
import { metaOf, requireSession, requireStepUp } from '../../platform/http/auth.ts';
import { limitPerAddress } from '../identity/index.ts';
import { Obj, Str, Uuid, routesTagged } from '../../platform/http/schemas.ts';
import { IsoDayText as Day, Market } from '../../kernel/wire.ts';
import { requireBoundInvestor } from './binding.ts';
import { certificateKinds } from './certificate-templates.ts';
import { AccountChoiceSchema, AccountRef } from './own-account-schemas.ts';
import { myAccountChoices } from './own-accounts.ts';
import { certificateStatus, neverOpenedProofStanding, requestAccountCertificate, requestNeverOpenedProof, sendProofEmailCode } from './certificate-requests.ts';

const Email = Str(320, { minLength: 3 });
const AccountFilters = {
  accountRef: AccountRef,
  market: Type.Optional(Market),
  securityClass: Type.Optional(Type.Union([Type.Literal('A'), Type.Literal('B')])),
  securityCode: Type.Optional(Str(12, { minLength: 1 })),
  email: Email,
};

const Status = Obj({
  certificateId: Type.String(),
  kind: Type.Union(certificateKinds.map((k) => Type.Literal(k))),
  status: Type.Union([Type.Literal('queued'), Type.Literal('issued'), Type.Literal('failed')]),
  verificationCode: Type.String(),
  emailMasked: Type.String(),
  requestedAt: Type.String(),
  issuedAt: Type.Optional(Type.String()),
  error: Type.Optional(Type.String()),
});

/** The investor's requests for e-certificates (电子凭证) and the never-opened proof (未曾开立证券账户证明). */
export const certificateRequestRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const route = routesTagged(['investor certificates']);

  app.get(
    '/api/v1/investor/certificates/accounts',
    route('获取电子凭证: the securities accounts of your bound unified accounts (not those added for the session)', {
      response: { 200: Obj({ items: Type.Array(AccountChoiceSchema) }) },
    }),
    async (request) => {
      return { items: await myAccountChoices(ctx, request, 'certificate') };
    },
  );

  app.post(
    '/api/v1/investor/certificates',
    route('发送凭证至邮箱: requests an e-certificate of one of your accounts (needs a passed step-up check)', {
      body: Type.Union([
        Obj({ kind: Type.Union([Type.Literal('holding_balance'), Type.Literal('freezes')]), date: Day, ...AccountFilters }),
        Obj({ kind: Type.Literal('holding_changes'), from: Day, to: Day, ...AccountFilters }),
      ]),
      response: { 200: Status },
    }),
    async (request) => {
      const { session, standing } = await requireBoundInvestor(ctx, request);
      requireStepUp(request, ctx.clock.now());
      return requestAccountCertificate(ctx, metaOf(request), session, standing, request.body);
    },
  );

  app.get('/api/v1/investor/certificates/:id', route('One of your certificate requests: its verification code and whether the PDF is issued', { params: Obj({ id: Uuid }), response: { 200: Status } }), async (request) =>
    certificateStatus(ctx, requireSession(request, 'investor').principalId, request.params.id),
  );

  app.get(
    '/api/v1/investor/never-opened-proof',
    route('未曾开立证券账户证明: whether you may obtain it now, and if not the message the manual shows', {
      response: {
        200: Obj({
          eligible: Type.Boolean(),
          code: Type.Optional(Type.String()),
          details: Type.Optional(Type.Record(Type.String(), Type.String())),
          subject: Type.Optional(Obj({ name: Type.String(), idType: Type.String(), idNumberMasked: Type.String() })),
          emailMasked: Type.Optional(Type.String()),
        }),
      },
    }),
    async (request) => {
      const { eligibility, ...rest } = await neverOpenedProofStanding(ctx, requireSession(request, 'investor').principalId);
      return eligibility.eligible ? { eligible: true, ...rest } : { eligible: false, code: eligibility.code, details: eligibility.details, ...rest };
    },
  );

  app.post(
    '/api/v1/investor/never-opened-proof/email-code',
    route('获取未曾开立证券账户证明: a code to the e-mail address you typed, to confirm it', {
      body: Obj({ email: Email }),
      response: { 200: Obj({ destinationMasked: Type.String(), expiresInSeconds: Type.Integer(), resendAfterSeconds: Type.Integer() }) },
    }),
    async (request) => {
      const session = requireSession(request, 'investor');
      await limitPerAddress(ctx, request, 'proof-email-code', 10, 10);
      return sendProofEmailCode(ctx, metaOf(request), session, request.body.email);
    },
  );

  app.post(
    '/api/v1/investor/never-opened-proof',
    route('开具证明: requests the proof for your verified identity (needs a passed step-up check; another address than your own needs its e-mail code)', {
      body: Obj({ email: Type.Optional(Email), emailCode: Type.Optional(Str(10, { minLength: 1 })) }),
      response: { 200: Status },
    }),
    async (request) => {
      const session = requireStepUp(request, ctx.clock.now());
      return requestNeverOpenedProof(ctx, metaOf(request), session, request.body);
    },
  );
};
