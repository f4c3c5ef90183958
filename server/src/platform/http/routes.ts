import { Type, type TSchema } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.ts';
import { ping } from '../db/client.ts';
import { randomToken } from '../auth/tokens.ts';
import type { Session } from '../auth/sessions.ts';
import { audit } from '../audit/audit.ts';
import { CSRF_COOKIE, clearSessionCookie, csrfTokenFor, metaOf, sessionCookieName, setCsrfCookie } from './auth.ts';
import { Obj } from './schemas.ts';

/** Who is signed in: the loader and its wire schema come from the module that knows the principals. */
export interface Principals {
  load: (session: Session) => Promise<unknown>;
  schema: TSchema;
}

/** Health, the session, captchas, sign-out: what every portal shares. */
export const platformRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext; principals: Principals }> = async (app, { ctx, principals }) => {
  app.get('/healthz', { schema: { tags: ['platform'], summary: 'The process is up', response: { 200: Obj({ status: Type.Literal('ok') }) } } }, async () => ({
    status: 'ok' as const,
  }));

  app.get('/readyz', { schema: { tags: ['platform'], summary: 'The database answers', response: { 200: Obj({ status: Type.Literal('ready') }), 503: Type.Ref('Error') } } }, async (request, reply) => {
    try {
      await ping(ctx.db);
      return { status: 'ready' as const };
    } catch (error) {
      request.log.error({ err: error }, 'database not ready');
      return reply.code(503).send({ code: 'SERVICE_UNAVAILABLE', message: 'database unavailable', details: {} });
    }
  });

  app.get(
    '/api/v1/session',
    {
      schema: {
        tags: ['session'],
        summary: 'Who is signed in, and the CSRF token for unsafe requests',
        response: { 200: Obj({ csrfToken: Type.String(), principal: Type.Union([Type.Null(), principals.schema]) }) },
      },
    },
    async (request, reply) => {
      // Signed in: the token bound to the session. Signed out: the browser's own, or a new one.
      const secure = ctx.config.cookieSecure!;
      const given = request.cookies[CSRF_COOKIE];
      const sessionToken = request.session ? request.cookies[sessionCookieName(secure)] : undefined;
      let csrfToken = sessionToken ? csrfTokenFor(sessionToken) : given;
      if (!csrfToken || !/^[A-Za-z0-9_-]{20,100}$/.test(csrfToken)) csrfToken = randomToken(24);
      if (csrfToken !== given) setCsrfCookie(reply, csrfToken, secure);
      reply.header('cache-control', 'no-store');
      return { csrfToken, principal: request.session ? await principals.load(request.session) : null };
    },
  );

  app.post('/api/v1/session/logout', { schema: { tags: ['session'], summary: 'Sign out (退出登录)', body: Type.Optional(Obj({})), response: { 204: Type.Null() } } }, async (request, reply) => {
    const session = request.session;
    if (session) {
      await ctx.db.transaction(async (tx) => {
        const now = ctx.clock.now();
        await ctx.sessions.revoke(tx, now, session.id, 'logout');
        await audit(tx, now, metaOf(request), { actor: { kind: session.principalKind, id: session.principalId }, action: `${session.principalKind}.logged_out`, objectType: 'session', objectId: session.id });
      });
    }
    clearSessionCookie(reply, ctx.config.cookieSecure!);
    return reply.code(204).send(null);
  });

  app.post(
    '/api/v1/captcha',
    {
      schema: {
        tags: ['session'],
        summary: 'A new graphic captcha (图形验证码): single use, short-lived',
        body: Type.Optional(Obj({})),
        response: { 200: Obj({ captchaId: Type.String(), image: Type.String(), expiresInSeconds: Type.Integer() }) },
      },
    },
    async () => ctx.captcha.issue(ctx.db, ctx.clock.now()),
  );
};
