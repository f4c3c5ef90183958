import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import { passwordPolicy } from '../../platform/auth/passwords.ts';
import { consume } from '../../platform/ratelimit.ts';
import { metaOf, requireSession, setSessionCookie } from '../../platform/http/auth.ts';
import { NoContent, Obj, Str, routesTagged } from '../../platform/http/schemas.ts';
import { changeInvestorPassword, loginInvestor, registerInvestor, sendRegistrationCode } from './investors.ts';
import { passStepUp, sendStepUpCode } from './step-up.ts';
import { CaptchaAnswer, InvestorPrincipal } from './route-schemas.ts';

const Mobile = Str(20, { description: 'mainland mobile number, 11 digits, optional +86' });
const Password = Type.String({ minLength: 1, maxLength: 128 });
const Channel = Type.Union([Type.Literal('sms'), Type.Literal('email')]);

/** A per-address limit on requests that send messages or create records, against abuse. */
export async function limitPerAddress(ctx: AppContext, request: FastifyRequest, name: string, limit: number, windowMinutes: number) {
  await consume(ctx.db, { bucket: `${name}:${request.ip}`, limit, windowMs: windowMinutes * 60_000 }, ctx.clock.now());
}

/**
 * Every route that hashes a password is limited per address (PASSWORD_ROUTE_LIMIT a
 * minute, each route its own bucket): argon2id is made to be slow, and unlimited
 * anonymous requests to it would starve everything else.
 */
export async function limitPasswordRoute(ctx: AppContext, request: FastifyRequest, name: string) {
  await limitPerAddress(ctx, request, `password-route:${name}`, ctx.config.passwordRouteLimit, 1);
}

function signIn(ctx: AppContext, reply: FastifyReply, token: string) {
  setSessionCookie(reply, token, ctx.config.cookieSecure!);
}

/** Investor sign-up, sign-in, password and step-up (manual 000 §一.1, §一.2.1.3). */
export const investorIdentityRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const route = routesTagged(['investor identity']);

  app.get(
    '/api/v1/investor/password-policy',
    route('The password policy, stated on every page that sets a password', {
      response: {
        200: Obj({ minLength: Type.Integer(), maxLength: Type.Integer(), requireLetter: Type.Boolean(), requireDigit: Type.Boolean(), forbidSpaces: Type.Boolean() }),
      },
    }),
    async () => passwordPolicy,
  );

  app.post(
    '/api/v1/investor/register/code',
    route('Send the registration SMS code (获取验证码)', {
      body: Obj({ mobile: Mobile }),
      response: { 200: Obj({ expiresInSeconds: Type.Integer(), resendAfterSeconds: Type.Integer() }) },
    }),
    async (request) => {
      await limitPerAddress(ctx, request, 'register-code', 20, 60);
      const { mobile } = request.body;
      return sendRegistrationCode(ctx, metaOf(request), mobile);
    },
  );

  app.post(
    '/api/v1/investor/register',
    route('Register with mobile number, password and SMS code (注册)', {
      body: Obj({ mobile: Mobile, password: Password, smsCode: Str(10), agreementsAccepted: Type.Boolean() }),
      response: { 201: Obj({ principal: InvestorPrincipal }) },
    }),
    async (request, reply) => {
      await limitPasswordRoute(ctx, request, 'investor-register');
      const body = request.body;
      const { token, principal } = await registerInvestor(ctx, metaOf(request), body);
      signIn(ctx, reply, token);
      return reply.code(201).send({ principal });
    },
  );

  app.post(
    '/api/v1/investor/login',
    route('Sign in with mobile number, e-mail or user name, password and graphic captcha (登录)', {
      body: Obj({ account: Str(100, { minLength: 1 }), password: Password, ...CaptchaAnswer }),
      response: { 200: Obj({ principal: InvestorPrincipal }) },
    }),
    async (request, reply) => {
      await limitPasswordRoute(ctx, request, 'investor-login');
      const body = request.body;
      const { token, principal } = await loginInvestor(ctx, metaOf(request), body);
      signIn(ctx, reply, token);
      return { principal };
    },
  );

  app.post(
    '/api/v1/investor/password',
    route('Change the login password (用户中心 → 登录密码); ends every other session', {
      body: Obj({ oldPassword: Password, newPassword: Password }),
      response: { 204: NoContent },
    }),
    async (request, reply) => {
      const session = requireSession(request, 'investor');
      await limitPasswordRoute(ctx, request, 'investor-password');
      await changeInvestorPassword(ctx, metaOf(request), session, request.body);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/step-up/code',
    route('Step-up check (二次认证), step 1: graphic captcha, then a code to your phone or e-mail', {
      body: Obj({ ...CaptchaAnswer, channel: Channel }),
      response: { 200: Obj({ destinationMasked: Type.String(), expiresInSeconds: Type.Integer(), resendAfterSeconds: Type.Integer() }) },
    }),
    async (request) => {
      const session = requireSession(request, 'investor');
      return sendStepUpCode(ctx, metaOf(request), session, request.body);
    },
  );

  app.post(
    '/api/v1/step-up',
    route('Step-up check, step 2: the code; the session is stepped up for STEP_UP_MINUTES', {
      body: Obj({ channel: Channel, code: Str(10) }),
      response: { 200: Obj({ validUntil: Type.String() }) },
    }),
    async (request) => {
      const session = requireSession(request, 'investor');
      return passStepUp(ctx, metaOf(request), session, request.body);
    },
  );
};
