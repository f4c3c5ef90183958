import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.ts';
import { clearSessionCookie, metaOf, requireSession } from '../../platform/http/auth.ts';
import { NoContent, Obj, Str, Uuid, routesTagged } from '../../platform/http/schemas.ts';
import { confirmContactChange, contactChangeFlow, sendNewContactCode, startContactChange, supplementContact, type ContactKind } from './contacts.ts';
import { confirmDeregistration, startDeregistration } from './deregistration.ts';
import { notificationSettings, setNotificationChannel } from './notification-settings.ts';
import { completeRecovery, confirmRecovery, deregisterFromRecovery, startRecovery, startRecoveryDeregistration, submitRecoveryIdentity } from './recovery.ts';
import { limitPasswordRoute, limitPerAddress } from './routes.ts';
import { CaptchaAnswer, FlowToken, IdNumberInput, IdTypeInput, PersonName, VerificationViewSchema } from './route-schemas.ts';

const VerificationId = Obj({ verificationId: Uuid });
const Code = Str(10);
const Value = Str(254, { minLength: 1, description: 'a mobile number or an e-mail address' });
const CodeSent = Obj({ expiresInSeconds: Type.Integer(), resendAfterSeconds: Type.Integer() });
const FlowParams = Obj({ flowId: Uuid });
const RecoveryConfirmationSchema = Obj({
  account: Type.String({ description: '用户名, else the mobile number or e-mail, masked' }),
  name: Type.String({ description: '姓名/名称 of the holder' }),
  unifiedAccounts: Type.Array(Type.String(), { description: '一码通账户, masked' }),
  method: Type.String({ description: 'the verification method passed' }),
});
const Settings = Obj({ channel: Type.Union([Type.Literal('sms'), Type.Literal('email')]), hasMobile: Type.Boolean(), hasEmail: Type.Boolean() });

/** 用户资料: mobile and e-mail, notification settings, deregistration, password recovery (manual 000 §一.2.1.4–6, §一.7, §二.2.1.4–5). */
export const profileRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const route = routesTagged(['investor profile']);

  for (const kind of ['mobile', 'email'] as const satisfies readonly ContactKind[]) {
    const base = `/api/v1/investor/profile/${kind}`;
    const label = kind === 'mobile' ? 'mobile number (手机号码)' : 'e-mail (电子邮箱)';

    app.post(base + '/code', route(`Send a code to the new ${label}`, { body: Obj({ value: Value }), response: { 200: CodeSent } }), async (request) => {
      await limitPerAddress(ctx, request, `profile-${kind}-code`, 20, 60);
      return sendNewContactCode(ctx, metaOf(request), requireSession(request, 'investor'), kind, request.body.value);
    });

    app.post(
      base + '/supplement',
      route(`Supplement a missing ${label} with its code (确定), no further verification`, {
        body: Obj({ value: Value, code: Code }),
        response: { 200: Obj({ masked: Type.String() }) },
      }),
      async (request) => supplementContact(ctx, metaOf(request), requireSession(request, 'investor'), kind, request.body),
    );

    app.post(
      base + '/change',
      route(`Change the ${label}, step 1 (下一步): the new value and its code; then a verification, then confirm`, {
        body: Obj({ value: Value, code: Code }),
        response: { 200: Obj({ flowId: Uuid, newValueMasked: Type.String(), verification: VerificationViewSchema }) },
      }),
      async (request) => startContactChange(ctx, metaOf(request), requireSession(request, 'investor'), kind, request.body),
    );

    app.get(
      base + '/change/:flowId',
      route(`An open change of the ${label} and its current verification`, {
        params: FlowParams,
        response: { 200: Obj({ newValueMasked: Type.String(), verificationId: Uuid }) },
      }),
      async (request) => {
        const { newValueMasked, verificationId } = await contactChangeFlow(ctx, requireSession(request, 'investor'), kind, request.params.flowId);
        return { newValueMasked, verificationId };
      },
    );

    app.post(
      base + '/change/:flowId/confirm',
      route(`Change the ${label}, final step (确认): consumes the verification passed for this change`, {
        params: FlowParams,
        body: VerificationId,
        response: { 200: Obj({ masked: Type.String() }) },
      }),
      async (request) => confirmContactChange(ctx, metaOf(request), requireSession(request, 'investor'), kind, request.params.flowId, request.body.verificationId),
    );
  }

  app.get('/api/v1/investor/profile/notification-settings', route('Notification settings (通知设置)', { response: { 200: Settings } }), async (request) =>
    notificationSettings(ctx, requireSession(request, 'investor').principalId),
  );

  app.put(
    '/api/v1/investor/profile/notification-settings',
    route('Set the notification channel; needs the step-up check (二次认证)', {
      body: Obj({ channel: Type.Union([Type.Literal('sms'), Type.Literal('email')]) }),
      response: { 200: Settings },
    }),
    async (request) => setNotificationChannel(ctx, metaOf(request), requireSession(request, 'investor'), request.body.channel),
  );

  app.post(
    '/api/v1/investor/deregistration',
    route('Deregistration (注销用户): 提交注销申请 and 同意并继续; then a verification, then confirm', {
      body: Obj({ agreed: Type.Boolean() }),
      response: { 200: Obj({ flowId: Uuid, verification: VerificationViewSchema }) },
    }),
    async (request) => startDeregistration(ctx, metaOf(request), requireSession(request, 'investor'), request.body),
  );

  app.post(
    '/api/v1/investor/deregistration/:flowId/confirm',
    route('Deregistration, final step: consumes the verification passed for it; signs out everywhere', {
      params: FlowParams,
      body: VerificationId,
      response: { 204: NoContent },
    }),
    async (request, reply) => {
      await confirmDeregistration(ctx, metaOf(request), requireSession(request, 'investor'), request.params.flowId, request.body.verificationId);
      clearSessionCookie(reply, ctx.config.cookieSecure!);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/investor/recovery',
    route('Password recovery (找回密码), step 1: the account’s mobile number or e-mail and the graphic captcha', {
      body: Obj({ account: Str(254, { minLength: 1 }), ...CaptchaAnswer }),
      response: {
        200: Obj({
          flowToken: Type.String(),
          identityRequired: Type.Boolean({ description: 'real-name verified: the identity details come next' }),
          verification: Type.Union([VerificationViewSchema, Type.Null()]),
        }),
      },
    }),
    async (request) => {
      await limitPerAddress(ctx, request, 'recovery-start', 30, 60);
      return startRecovery(ctx, metaOf(request), request.body);
    },
  );

  app.post(
    '/api/v1/investor/recovery/identity',
    route('Password recovery of a real-name verified user (提交): 用户类型, 姓名/名称, 证件类型, 证件号码 and the graphic captcha; starts the verification', {
      body: Obj({
        flowToken: FlowToken,
        userType: Type.Union([Type.Literal('person'), Type.Literal('institution')]),
        name: PersonName,
        idType: IdTypeInput,
        idNumber: IdNumberInput,
        ...CaptchaAnswer,
      }),
      response: { 200: VerificationViewSchema },
    }),
    async (request) => {
      await limitPerAddress(ctx, request, 'recovery-identity', 30, 60);
      return submitRecoveryIdentity(ctx, metaOf(request), request.body);
    },
  );

  app.post(
    '/api/v1/investor/recovery/deregistration/verification',
    route('Password recovery → 申请注销 (mobile §二.5): starts the verification for it', {
      body: Obj({ flowToken: FlowToken }),
      response: { 200: VerificationViewSchema },
    }),
    async (request) => startRecoveryDeregistration(ctx, metaOf(request), request.body),
  );

  app.post(
    '/api/v1/investor/recovery/deregistration',
    route('Password recovery → 申请注销 (确认并申请): consumes the verification passed for it in this recovery', {
      body: Obj({ flowToken: FlowToken, verificationId: Uuid }),
      response: { 204: NoContent },
    }),
    async (request, reply) => {
      await deregisterFromRecovery(ctx, metaOf(request), request.body);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/investor/recovery/password',
    route('Password recovery, step 3 (完成): the new password; every session ends, the sign-in throttle is cleared — or, asked withConfirmation, a bound user’s password waits for 找回密码信息确认', {
      body: Obj({
        flowToken: FlowToken,
        verificationId: Uuid,
        newPassword: Str(128, { minLength: 1 }),
        withConfirmation: Type.Optional(Type.Boolean({ description: 'the desktop hall (§一.3.3 (5)): a bound user confirms the recovery information first' })),
      }),
      response: { 200: Obj({ confirmation: Type.Union([RecoveryConfirmationSchema, Type.Null()]) }) },
    }),
    async (request) => {
      await limitPasswordRoute(ctx, request, 'investor-recovery');
      return { confirmation: await completeRecovery(ctx, metaOf(request), request.body) };
    },
  );

  app.post(
    '/api/v1/investor/recovery/password/confirm',
    route('找回密码信息确认, 确认 (§一.3.3 (5)): the password kept at 完成 takes effect; every session ends, the sign-in throttle is cleared', {
      body: Obj({ flowToken: FlowToken, verificationId: Uuid }),
      response: { 204: NoContent },
    }),
    async (request, reply) => {
      await confirmRecovery(ctx, metaOf(request), request.body);
      return reply.code(204).send(null);
    },
  );
};
