import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, describeError } from '../errors.ts';
import { localeOf } from './locale.ts';
import { documentErrorResponses } from './schemas.ts';

/** Maps a Fastify or driver error that is the caller's fault to an application error code. */
function clientErrorCode(error: FastifyError & { code?: string }): string | null {
  if (error.validation) return 'VALIDATION_FAILED';
  // PostgreSQL data exceptions (class 22: bad uuid, value too long, out of range, NUL byte) come from input.
  // Drizzle wraps the driver's error in a DrizzleQueryError and keeps it as the cause.
  const sqlState = [error.code, (error.cause as { code?: unknown } | undefined)?.code];
  if (sqlState.some((c) => typeof c === 'string' && /^22[0-9A-Z]{3}$/.test(c))) return 'VALIDATION_FAILED';
  switch (error.statusCode) {
    case 400:
      return 'BAD_REQUEST';
    case 404:
      return 'NOT_FOUND';
    case 405:
      return 'METHOD_NOT_ALLOWED';
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    case 415:
      return 'UNSUPPORTED_MEDIA_TYPE';
    default:
      return error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? 'BAD_REQUEST' : null;
  }
}

export function sendError(request: FastifyRequest, reply: FastifyReply, code: string, details: Record<string, unknown> = {}) {
  const { status, message } = describeError(code, localeOf(request.headers['accept-language']), details);
  if (code === 'RATE_LIMITED' || code === 'LOGIN_THROTTLED' || code === 'CODE_RESEND_TOO_SOON') reply.header('retry-after', String(details.retryAfterSeconds ?? 60));
  return reply.code(status).type('application/json; charset=utf-8').send({ code, message, details });
}

/**
 * What Fastify answers itself before routing (a malformed percent-encoding in the
 * path, a path parameter over maxParamLength), in the same shape. Pass it as the
 * frameworkErrors option.
 */
export function sendFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  sendError(request, reply, clientErrorCode(error) ?? 'INTERNAL_ERROR');
}

/** One error shape for the whole API: { code, message, details }, documented on every API route. */
export function installErrorHandler(app: FastifyInstance): void {
  documentErrorResponses(app);
  app.setErrorHandler((error: FastifyError & { code?: string }, request, reply) => {
    if (error instanceof AppError) return sendError(request, reply, error.code, error.details);
    const code = clientErrorCode(error);
    if (code === 'VALIDATION_FAILED') {
      if (!error.validation) request.log.warn({ err: error }, 'database refused input');
      const issues = (error.validation ?? []).slice(0, 10).map((v) => ({ field: `${error.validationContext ?? ''}${v.instancePath}`, rule: v.keyword, message: v.message }));
      return sendError(request, reply, code, { issues });
    }
    if (code) return sendError(request, reply, code);
    request.log.error({ err: error }, 'request failed');
    return sendError(request, reply, 'INTERNAL_ERROR');
  });
}
