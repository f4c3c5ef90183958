import type { Readable } from 'node:stream';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, RouteOptions } from 'fastify';

/** Shared pieces of route schemas. Every body is closed (additionalProperties: false); the wire shapes are in kernel/wire.ts. */
export { Obj, Page, Uuid, pageRequestOf } from '../../kernel/wire.ts';

export const Str = (maxLength: number, extra: Record<string, unknown> = {}) => Type.String({ maxLength, ...extra });

export const ErrorBody = Type.Object(
  { code: Type.String(), message: Type.String(), details: Type.Record(Type.String(), Type.Unknown()) },
  { $id: 'Error', description: 'The one error shape: a stable code, a message in the request language, details' },
);

const ErrorRef = Type.Ref('Error');

/** What any API route may answer besides its own success: the one error shape, per status the error handler can produce. */
export const errorResponses = { 400: ErrorRef, 401: ErrorRef, 403: ErrorRef, 404: ErrorRef, 409: ErrorRef, 423: ErrorRef, 429: ErrorRef, 500: ErrorRef };
/** … and for a route that reads a body: too large, or not JSON. */
const bodyErrorResponses = { 413: ErrorRef, 415: ErrorRef };

export const NoContent = Type.Null({ description: 'No content' });

/** A file download (PDF, xlsx, CSV): documented as a binary string; the handler sends a stream or a buffer, which is never serialized. */
export const Binary = (description: string) => Type.Unsafe<Readable | Buffer>({ type: 'string', format: 'binary', description });

/**
 * Documents the error responses on every route that has a schema, so that no
 * route lists them by hand and the OpenAPI document names them all. Must be
 * installed before the routes are added.
 */
export function documentErrorResponses(app: FastifyInstance): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    const schema = route.schema as { hide?: boolean; response?: Record<string, unknown> } | undefined;
    if (!schema || schema.hide || !route.url.startsWith('/api/')) return;
    const readsBody = [route.method].flat().some((m) => m !== 'GET' && m !== 'HEAD');
    const errors = readsBody ? { ...errorResponses, ...bodyErrorResponses } : errorResponses;
    schema.response = { ...errors, ...schema.response };
  });
}
