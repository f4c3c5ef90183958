import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, describeError } from '../errors.ts';
import { localeOf } from './locale.ts';
import { documentErrorResponses } from './schemas.ts';

/** Maps a Fastify or driver error that is the caller's fault to an application error code. */
function clientErrorCode(error: FastifyError & { code?: string }): string | null {
  if (error.validation) return 'VALIDATION_FAILED';
  if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return 'MALFORMED_JSON';
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
  if (code === 'RATE_LIMITED' || code === 'LOGIN_THROTTLED' || code === 'CODE_RESEND_TOO_SOON' || code === 'SERVICE_BUSY') reply.header('retry-after', String(details.retryAfterSeconds ?? 60));
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

/** Past this much, or this long, a refused body is no longer read: the connection is closed on the sender. */
const DRAIN_LIMIT_BYTES = 64 * 1024 * 1024;
const DRAIN_MS = 10_000;

/**
 * Reads and discards what is left of a request body. An error answered while the body is
 * still arriving (413, 415, 401 on an upload) closes the connection; closing it with
 * unread data makes the kernel reset it, and a client still sending (curl, a browser) gets
 * a broken pipe instead of the answer. So the rest is read first, within bounds.
 */
function drainBody(raw: IncomingMessage): Promise<void> {
  if (raw.complete || raw.readableEnded || raw.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    let received = 0;
    const done = () => {
      clearTimeout(timer);
      raw.off('data', onData);
      raw.off('end', done);
      raw.off('error', done);
      raw.off('close', done);
      resolve();
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > DRAIN_LIMIT_BYTES) done();
    };
    const timer = setTimeout(done, DRAIN_MS);
    raw.on('data', onData);
    raw.on('end', done);
    raw.on('error', done);
    raw.on('close', done);
    raw.resume();
  });
}

/**
 * What Node's HTTP parser refuses before Fastify sees a request (headers too large, a
 * request that is not HTTP, a timeout), in the same shape: pass it as the
 * clientErrorHandler option. The language comes from the raw bytes read, when there.
 */
export function answerClientError(error: Error & { code?: string; rawPacket?: unknown }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const code = error.code === 'HPE_HEADER_OVERFLOW' ? 'REQUEST_HEADERS_TOO_LARGE' : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 'REQUEST_TIMEOUT' : 'BAD_REQUEST';
  const language = /\r\naccept-language:[ \t]*([^\r\n]*)/i.exec(Buffer.isBuffer(error.rawPacket) ? error.rawPacket.toString('latin1') : '')?.[1];
  const { status, message } = describeError(code, localeOf(language));
  const body = Buffer.from(JSON.stringify({ code, message, details: {} }));
  if (socket.writable) {
    socket.end(
      Buffer.concat([
        Buffer.from(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${body.length}\r\ncache-control: no-store\r\nconnection: close\r\n\r\n`),
        body,
      ]),
    );
    // end() lets the answer out; a client that never closes its side is cut off after a moment.
    setTimeout(() => socket.destroy(), 2000).unref();
  } else {
    socket.destroy();
  }
}

/** One error shape for the whole API: { code, message, details }, documented on every API route. */
export function installErrorHandler(app: FastifyInstance): void {
  documentErrorResponses(app);
  app.addHook('onSend', async (request, reply, payload) => {
    if (reply.statusCode >= 400) await drainBody(request.raw);
    return payload;
  });
  app.setErrorHandler((error: FastifyError & { code?: string }, request, reply) => {
    if (error instanceof AppError) return sendError(request, reply, error.code, error.details);
    // Drizzle wraps what the driver throws (SERVICE_BUSY from the embedded database's turn queue) in its own error.
    if (error.cause instanceof AppError) return sendError(request, reply, error.cause.code, error.cause.details);
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
