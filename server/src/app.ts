import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply } from 'fastify';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import type { AppContext } from './context.ts';
import { AppError } from './platform/errors.ts';
import type { Session } from './platform/auth/sessions.ts';
import { sameSecret } from './platform/auth/tokens.ts';
import { CSRF_COOKIE, CSRF_HEADER, csrfTokenFor, sessionCookieName } from './platform/http/auth.ts';
import { answerClientError, installErrorHandler, sendError, sendFrameworkError } from './platform/http/errors.ts';
import { ErrorBody } from './platform/http/schemas.ts';
import { lazySchemaCompilers, type LazySchemaCompilers } from './platform/http/lazy-schemas.ts';
import { withDbWaitBound } from './platform/db/turns.ts';
import { platformRoutes } from './platform/http/routes.ts';
import { registerDevInbox } from './platform/notify/dev-inbox.ts';
import { currentAuthenticatorCodes, getActiveInvestor, investorPrincipal, Principal, staffPrincipal } from './modules/identity/index.ts';
import { composition } from './modules/index.ts';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;
/** Smaller answers go as they are: compressing them saves less than it costs. */
const COMPRESS_THRESHOLD_BYTES = 1024;

const schemaCompilers = new WeakMap<FastifyInstance, LazySchemaCompilers>();

/** Compiles every route schema not compiled yet (they compile on first use; platform/http/lazy-schemas.ts); returns how many were pending. */
export function compileAllSchemas(app: FastifyInstance): number {
  const compilers = schemaCompilers.get(app);
  if (!compilers) return 0;
  const pending = compilers.pending();
  compilers.compileAll();
  return pending;
}

/** Builds the HTTP app (all portals, one API) from a context. Listening is the caller's business. */
export async function buildApp(ctx: AppContext): Promise<FastifyInstance> {
  const compilers = lazySchemaCompilers();
  const app = Fastify({
    // Each route's validators and serializers compile on its first request, not all at start.
    schemaController: { compilersFactory: compilers.compilersFactory },
    loggerInstance: ctx.log as FastifyBaseLogger,
    trustProxy: ctx.config.trustProxy,
    bodyLimit: ctx.config.bodyLimitBytes,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    // Closed schemas: a wrong type or an unknown field is refused, never coerced or dropped.
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, useDefaults: false, allErrors: false } },
    routerOptions: { maxParamLength: 200 },
    frameworkErrors: sendFrameworkError,
    clientErrorHandler: answerClientError,
  });
  schemaCompilers.set(app, compilers);

  // On the embedded database a request waits for its single connection at most DB_QUEUE_WAIT_MS (then 503 SERVICE_BUSY).
  // Set in the first hook, for the session look-up, and again before the handler, whatever ran in between.
  const boundWaits = (_request: unknown, _reply: unknown, done: () => void) => withDbWaitBound(ctx.config.dbQueueWaitMs, done);
  app.addHook('onRequest', boundWaits);
  app.addHook('preHandler', boundWaits);

  app.addSchema(ErrorBody);
  installErrorHandler(app);
  const sessionCookie = sessionCookieName(ctx.config.cookieSecure!);

  await app.register(cookie);
  // Responses of 1 KB or more (JSON, the OpenAPI document) in brotli or gzip, as the client
  // accepts; the web app's assets are compressed at build time and sent as they are
  // (serveWebApp), which this skips: they arrive with their Content-Encoding set.
  // Request bodies are not inflated (globalDecompression): the body limit stays a limit on what is sent.
  await app.register(compress, { threshold: COMPRESS_THRESHOLD_BYTES, encodings: ['br', 'gzip'], globalDecompression: false });
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    strictTransportSecurity: ctx.config.cookieSecure ? undefined : false,
  });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Clearhall API', version: '1', description: 'One JSON API for every portal of the Clearhall depository platform.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: sessionCookie },
          csrf: { type: 'apiKey', in: 'header', name: CSRF_HEADER },
        },
      },
      security: [{ session: [], csrf: [] }],
    },
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });
  // The document is always built (npm run api:types reads app.swagger()); it is served only when API_DOCS says so.
  if (ctx.config.apiDocs) await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  app.decorateRequest('session', null);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    const url = request.url;
    if (!url.startsWith('/api/')) return;
    reply.header('cache-control', 'no-store');
    const unsafe = UNSAFE.has(request.method);
    const headerToken = request.headers[CSRF_HEADER];
    if (unsafe) {
      const cookieToken = request.cookies[CSRF_COOKIE];
      if (!cookieToken || typeof headerToken !== 'string' || !sameSecret(cookieToken, headerToken)) throw new AppError('CSRF_FAILED');
    }
    const token = request.cookies[sessionCookie];
    if (token && token.length <= 100) request.session = await ctx.sessions.resolve(ctx.db, ctx.clock.now(), token);
    // Signed in, the token must be the one bound to this session (issued at sign-in): a token
    // from before sign-in, or from another session, is refused (decision 0002).
    if (unsafe && token && request.session && !sameSecret(csrfTokenFor(token), headerToken as string)) throw new AppError('CSRF_FAILED');
  });

  const principalOf = async (session: Session) => {
    if (session.principalKind === 'staff') return staffPrincipal(ctx.db, session.principalId);
    const user = await getActiveInvestor(ctx, ctx.db, session.principalId).catch(() => null);
    return user ? investorPrincipal(ctx, user, session) : null;
  };

  await app.register(platformRoutes, { ctx, principals: { load: principalOf, schema: Principal } });
  if (ctx.config.demo) registerDevInbox(app, ctx.db, () => currentAuthenticatorCodes(ctx), ctx.files);
  // Each module's routes, in list order; a path outside the group's declared prefix stops the start.
  for (const group of composition.routes) {
    await app.register(async (scope) => {
      scope.addHook('onRoute', (route) => {
        if (!route.url.startsWith(group.prefix)) throw new Error(`module ${group.module}: route ${route.url} is outside its prefix ${group.prefix}`);
      });
      await scope.register(group.plugin, { ctx });
    });
  }

  await serveWebApp(app, ctx);
  return app;
}

/** The built React app: hashed assets precompressed and cached for good, index.html for every portal route. */
async function serveWebApp(app: FastifyInstance, ctx: AppContext) {
  const root = path.resolve(ctx.config.webDist);
  const indexFile = path.join(root, 'index.html');
  const built = existsSync(indexFile);
  if (built) {
    await app.register(fastifyStatic, {
      root,
      index: false,
      // `<file>.br` and `<file>.gz` written by the build (web/vite.config.ts, precompress), chosen by Accept-Encoding.
      preCompressed: true,
      // Cache-Control is ours (setHeaders): @fastify/static's own header would replace it.
      cacheControl: false,
      setHeaders: (res, file) => {
        res.setHeader('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  const indexHtml = built ? readFileSync(indexFile, 'utf8') : null;
  const sendIndex = (reply: FastifyReply) => {
    if (!indexHtml) return reply.code(503).type('text/plain; charset=utf-8').send('The web app is not built: run `npm run build:web`.');
    return reply.code(200).header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(indexHtml);
  };
  // The desktop hall lives at `/`: @fastify/static (index: false) would answer the root folder with 403.
  app.get('/', { schema: { hide: true } }, (_request, reply) => sendIndex(reply));
  app.setNotFoundHandler((request, reply) => {
    const isPage = request.method === 'GET' && !request.url.startsWith('/api/') && !request.url.startsWith('/dev/') && !path.extname(request.url.split('?')[0]!);
    if (!isPage) return sendError(request, reply, 'NOT_FOUND');
    return sendIndex(reply);
  });
}
