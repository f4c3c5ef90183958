import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { clearSessionCookie, metaOf, requireSession } from '../../platform/http/auth.ts';
import { NoContent, Obj, Str, Uuid, errorResponses } from '../../platform/http/schemas.ts';
import { confirmContactChange, contactChangeFlow, sendNewContactCode, startContactChange, supplementContact, type ContactKind } from './contacts.ts';
import { confirmDeregistration, startDeregistration } from './deregistration.ts';
import { openSessionFlow, verificationTargetOf } from './flows.ts';
import { notificationSettings, setNotificationChannel, type NotificationChannel } from './notification-settings.ts';
import { completeRecovery, deregisterFromRecovery, sendRecoveryCode, startRecovery, verifyRecovery, type RecoveryIntent } from './recovery.ts';
import { limitPerAddress } from './routes.ts';
import { sendOwnVerificationCode, verifyByOwnCode, type OwnCodeMethod } from './own-code-verification.ts';

const Method = Type.Union([Type.Literal('own-mobile'), Type.Literal('own-email')], { description: '通过手机号认证 | 通过电子邮箱认证' });
const Methods = Type.Array(Obj({ method: Method, destinationMasked: Type.String() }));
const Code = Str(10);
const Value = Str(254, { minLength: 1, description: 'a mobile number or an e-mail address' });
const CodeSent = Obj({ expiresInSeconds: Type.Integer(), resendAfterSeconds: Type.Integer() });
const FlowParams = Obj({ flowId: Uuid });
const Settings = Obj({ channel: Type.Union([Type.Literal('sms'), Type.Literal('email')]), hasMobile: Type.Boolean(), hasEmail: Type.Boolean() });
const FlowToken = Str(100, { minLength: 1 });
const Intent = Type.Optional(Type.Union([Type.Literal('password'), Type.Literal('deregistration')], { description: 'what the verification is for: a new password (default) or 申请注销' }));

/** 用户资料: mobile and e-mail, notification settings, deregistration, verification by own code (manual 000 §一.2.1.4–6, §一.7, §二.2.1.4–5). */
export function profileRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tags = ['investor profile'];

  for (const kind of ['mobile', 'email'] as const satisfies readonly ContactKind[]) {
    const base = `/api/v1/investor/profile/${kind}`;
    const label = kind === 'mobile' ? 'mobile number (手机号码)' : 'e-mail (电子邮箱)';

    app.post(base + '/code', { schema: { tags, summary: `Send a code to the new ${label}`, body: Obj({ value: Value }), response: { 200: CodeSent, ...errorResponses } } }, async (request) => {
      await limitPerAddress(ctx, request, `profile-${kind}-code`, 20, 60);
      return sendNewContactCode(ctx, metaOf(request), requireSession(request, 'investor'), kind, (request.body as { value: string }).value);
    });

    app.post(
      base + '/supplement',
      { schema: { tags, summary: `Supplement a missing ${label} with its code (确定), no further verification`, body: Obj({ value: Value, code: Code }), response: { 200: Obj({ masked: Type.String() }), ...errorResponses } } },
      async (request) => supplementContact(ctx, metaOf(request), requireSession(request, 'investor'), kind, request.body as { value: string; code: string }),
    );

    app.post(
      base + '/change',
      {
        schema: {
          tags,
          summary: `Change the ${label}, step 1 (下一步): the new value and its code; then a verification, then confirm`,
          body: Obj({ value: Value, code: Code }),
          response: { 200: Obj({ flowId: Uuid, newValueMasked: Type.String(), methods: Methods }), ...errorResponses },
        },
      },
      async (request) => startContactChange(ctx, metaOf(request), requireSession(request, 'investor'), kind, request.body as { value: string; code: string }),
    );

    app.get(
      base + '/change/:flowId',
      { schema: { tags, summary: `An open change of the ${label}`, params: FlowParams, response: { 200: Obj({ newValueMasked: Type.String(), methods: Methods }), ...errorResponses } } },
      async (request) => {
        const { newValueMasked, methods } = await contactChangeFlow(ctx, requireSession(request, 'investor'), kind, (request.params as { flowId: string }).flowId);
        return { newValueMasked, methods };
      },
    );

    app.post(
      base + '/change/:flowId/confirm',
      { schema: { tags, summary: `Change the ${label}, final step (确认): needs a verification passed for this change`, params: FlowParams, response: { 200: Obj({ masked: Type.String() }), ...errorResponses } } },
      async (request) => confirmContactChange(ctx, metaOf(request), requireSession(request, 'investor'), kind, (request.params as { flowId: string }).flowId),
    );
  }

  app.post(
    '/api/v1/investor/profile/flows/:flowId/verification/code',
    { schema: { tags, summary: 'Verification step: a code to your own phone or e-mail for this flow', params: FlowParams, body: Obj({ method: Method }), response: { 200: Obj({ destinationMasked: Type.String(), expiresInSeconds: Type.Integer(), resendAfterSeconds: Type.Integer() }), ...errorResponses } } },
    async (request) => {
      const session = requireSession(request, 'investor');
      const flow = await openSessionFlow(ctx.db, ctx.clock.now(), (request.params as { flowId: string }).flowId, session.principalId);
      return sendOwnVerificationCode(ctx, metaOf(request), verificationTargetOf(flow), (request.body as { method: OwnCodeMethod }).method);
    },
  );

  app.post(
    '/api/v1/investor/profile/flows/:flowId/verification',
    { schema: { tags, summary: 'Verification step (下一步): the code; passes the verification for this flow', params: FlowParams, body: Obj({ method: Method, code: Code }), response: { 200: Obj({ method: Method }), ...errorResponses } } },
    async (request) => {
      const session = requireSession(request, 'investor');
      const flow = await openSessionFlow(ctx.db, ctx.clock.now(), (request.params as { flowId: string }).flowId, session.principalId);
      const body = request.body as { method: OwnCodeMethod; code: string };
      const { method } = await verifyByOwnCode(ctx, metaOf(request), verificationTargetOf(flow), body.method, body.code);
      return { method };
    },
  );

  app.get(
    '/api/v1/investor/profile/notification-settings',
    { schema: { tags, summary: 'Notification settings (通知设置)', response: { 200: Settings, ...errorResponses } } },
    async (request) => notificationSettings(ctx, requireSession(request, 'investor').principalId),
  );

  app.put(
    '/api/v1/investor/profile/notification-settings',
    { schema: { tags, summary: 'Set the notification channel; needs the step-up check (二次认证)', body: Obj({ channel: Type.Union([Type.Literal('sms'), Type.Literal('email')]) }), response: { 200: Settings, ...errorResponses } } },
    async (request) => setNotificationChannel(ctx, metaOf(request), requireSession(request, 'investor'), (request.body as { channel: NotificationChannel }).channel),
  );

  app.post(
    '/api/v1/investor/deregistration',
    { schema: { tags, summary: 'Deregistration (注销用户): 提交注销申请 and 同意并继续; then a verification, then confirm', body: Obj({ agreed: Type.Boolean() }), response: { 200: Obj({ flowId: Uuid, methods: Methods }), ...errorResponses } } },
    async (request) => startDeregistration(ctx, metaOf(request), requireSession(request, 'investor'), request.body as { agreed: boolean }),
  );

  app.post(
    '/api/v1/investor/deregistration/:flowId/confirm',
    { schema: { tags, summary: 'Deregistration, final step: needs a verification passed for it; signs out everywhere', params: FlowParams, response: { 204: NoContent, ...errorResponses } } },
    async (request, reply) => {
      await confirmDeregistration(ctx, metaOf(request), requireSession(request, 'investor'), (request.params as { flowId: string }).flowId);
      clearSessionCookie(reply, ctx.config.cookieSecure!);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/v1/investor/recovery',
    {
      schema: {
        tags,
        summary: 'Password recovery (找回密码), step 1: the account’s mobile number or e-mail and the graphic captcha',
        body: Obj({ account: Str(254, { minLength: 1 }), captchaId: Uuid, captchaAnswer: Str(10) }),
        response: { 200: Obj({ flowToken: Type.String(), methods: Methods }), ...errorResponses },
      },
    },
    async (request) => {
      await limitPerAddress(ctx, request, 'recovery-start', 30, 60);
      return startRecovery(ctx, metaOf(request), request.body as { account: string; captchaId: string; captchaAnswer: string });
    },
  );

  app.post(
    '/api/v1/investor/recovery/code',
    { schema: { tags, summary: 'Password recovery, step 2: a code to the account’s phone or e-mail', body: Obj({ flowToken: FlowToken, method: Method, intent: Intent }), response: { 200: Obj({ destinationMasked: Type.String(), expiresInSeconds: Type.Integer(), resendAfterSeconds: Type.Integer() }), ...errorResponses } } },
    async (request) => sendRecoveryCode(ctx, metaOf(request), request.body as { flowToken: string; method: OwnCodeMethod; intent?: RecoveryIntent }),
  );

  app.post(
    '/api/v1/investor/recovery/verification',
    { schema: { tags, summary: 'Password recovery, step 2 (下一步): the code', body: Obj({ flowToken: FlowToken, method: Method, code: Code, intent: Intent }), response: { 200: Obj({ method: Method }), ...errorResponses } } },
    async (request) => verifyRecovery(ctx, metaOf(request), request.body as { flowToken: string; method: OwnCodeMethod; code: string; intent?: RecoveryIntent }),
  );

  app.post(
    '/api/v1/investor/recovery/deregistration',
    { schema: { tags, summary: 'Password recovery → 申请注销 (mobile §二.5): needs a verification passed for it in this recovery', body: Obj({ flowToken: FlowToken }), response: { 204: NoContent, ...errorResponses } } },
    async (request, reply) => {
      await deregisterFromRecovery(ctx, metaOf(request), request.body as { flowToken: string });
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/v1/investor/recovery/password',
    { schema: { tags, summary: 'Password recovery, step 3 (完成): the new password; every session ends, a lock-out is lifted', body: Obj({ flowToken: FlowToken, newPassword: Str(128, { minLength: 1 }) }), response: { 204: NoContent, ...errorResponses } } },
    async (request, reply) => {
      await completeRecovery(ctx, metaOf(request), request.body as { flowToken: string; newPassword: string });
      return reply.code(204).send();
    },
  );
}
