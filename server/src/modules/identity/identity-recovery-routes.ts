import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.ts';
import { metaOf } from '../../platform/http/auth.ts';
import { NoContent, Obj, Str, Uuid, routesTagged } from '../../platform/http/schemas.ts';
import { limitPasswordRoute, limitPerAddress } from './routes.ts';
import { CaptchaAnswer, FlowToken, IdNumberInput, IdTypeInput, PersonName, VerificationViewSchema } from './route-schemas.ts';
import { chooseRecoveryAccount, completeIdentityRecovery, deregisterFromIdentityRecovery, identityRecoveryAccounts, recoverUsernames, startIdentityRecovery, startUsernameRecovery } from './identity-recovery.ts';

const Started = Obj({ flowToken: Type.String(), verification: VerificationViewSchema });
const Account = Obj({
  id: Type.String(),
  account: Type.String({ description: '用户名, masked' }),
  registeredAt: Type.String(),
  securitiesAccounts: Type.Array(Type.String(), { description: '已关联证券账户 (bound users), masked' }),
});

/** 通过身份信息找回 (mobile §二.3.2, §二.5.2) and 忘记用户名 (desktop §一.5.1): flows before sign-in, reached by their token. */
export const identityRecoveryRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const route = routesTagged(['investor recovery']);

  app.post(
    '/api/v1/investor/identity-recovery',
    route('通过身份信息找回, 下一步: 姓名, 证件类型, 证件号码 and the graphic captcha; starts the UnionPay verification (owned by the flow)', {
      body: Obj({ name: PersonName, idType: IdTypeInput, idNumber: IdNumberInput, ...CaptchaAnswer }),
      response: { 200: Started },
    }),
    async (request) => {
      await limitPerAddress(ctx, request, 'identity-recovery', 30, 60);
      return startIdentityRecovery(ctx, metaOf(request), request.body);
    },
  );

  app.post(
    '/api/v1/investor/identity-recovery/accounts',
    route('After UnionPay: the person’s hall users (spends the flow’s verification on the first call); none → IDREC_NOT_REGISTERED', {
      body: Obj({ flowToken: FlowToken, verificationId: Type.Optional(Uuid) }),
      response: { 200: Obj({ items: Type.Array(Account) }) },
    }),
    async (request) => ({ items: await identityRecoveryAccounts(ctx, metaOf(request), request.body) }),
  );

  app.post(
    '/api/v1/investor/identity-recovery/choice',
    route('Choose one of the listed users; starts its own phone (default) or e-mail code verification', {
      body: Obj({ flowToken: FlowToken, investorUserId: Uuid }),
      response: { 200: VerificationViewSchema },
    }),
    async (request) => chooseRecoveryAccount(ctx, metaOf(request), request.body),
  );

  app.post(
    '/api/v1/investor/identity-recovery/password',
    route('设置密码: the chosen user’s new password (its own code verification passed); sessions end, the sign-in throttle is cleared', {
      body: Obj({ flowToken: FlowToken, verificationId: Uuid, newPassword: Str(128, { minLength: 1 }) }),
      response: { 204: NoContent },
    }),
    async (request, reply) => {
      await limitPasswordRoute(ctx, request, 'investor-identity-recovery');
      await completeIdentityRecovery(ctx, metaOf(request), request.body);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/investor/identity-recovery/deregistration',
    route('申请注销 (§二.5.2, 确认并申请): deregisters the listed user chosen', {
      body: Obj({ flowToken: FlowToken, investorUserId: Uuid }),
      response: { 204: NoContent },
    }),
    async (request, reply) => {
      await deregisterFromIdentityRecovery(ctx, metaOf(request), request.body);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/investor/username-recovery',
    route('忘记用户名, 提交: 姓名, 证件号码 and the graphic captcha; starts the UnionPay verification', {
      body: Obj({ name: PersonName, idNumber: IdNumberInput, ...CaptchaAnswer }),
      response: { 200: Started },
    }),
    async (request) => {
      await limitPerAddress(ctx, request, 'username-recovery', 30, 60);
      return startUsernameRecovery(ctx, metaOf(request), request.body);
    },
  );

  app.post(
    '/api/v1/investor/username-recovery/result',
    route('忘记用户名, 下一步: spends the passed UnionPay verification and returns the person’s user names', {
      body: Obj({ flowToken: FlowToken, verificationId: Uuid }),
      response: { 200: Obj({ usernames: Type.Array(Type.String()) }) },
    }),
    async (request) => ({ usernames: await recoverUsernames(ctx, metaOf(request), request.body) }),
  );
};
