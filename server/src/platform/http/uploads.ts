import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';

/** Lets the routes of this plugin take text/csv bodies as a stream, to storage as they arrive, never buffered. */
export function acceptCsvUploads(app: FastifyInstance): void {
  if (!app.hasContentTypeParser('text/csv')) app.addContentTypeParser('text/csv', (_request, payload, done) => done(null, payload));
}

/** The streamed text/csv body of a request, or UNSUPPORTED_MEDIA_TYPE for any other body. */
export function csvBody(request: FastifyRequest): Readable {
  const body = request.body;
  if (!request.headers['content-type']?.startsWith('text/csv') || !(body instanceof Readable)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { expected: 'text/csv' });
  return body;
}
