import { Readable, Transform, type TransformCallback } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, defineErrors } from '../errors.ts';

export const UploadErrors = defineErrors({
  FILE_NOT_TEXT: { status: 415, zh: '文件不是文本（CSV 须为 UTF-8 编码的文本文件）', en: 'The file is not text (a CSV file must be UTF-8 text).' },
});

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

/**
 * The upload's bytes, checked on the way by their content, whatever the request's
 * content type says: UTF-8 text without NUL bytes (what every import reads), else
 * FILE_NOT_TEXT (415). A spreadsheet, an archive or a PDF sent as text/csv stops at
 * its first chunk. One pass, no buffering.
 */
export function textOnly(input: Readable): Readable {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const check = new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      try {
        if (chunk.includes(0)) throw new Error('NUL');
        decoder.decode(chunk, { stream: true });
      } catch {
        return done(new AppError('FILE_NOT_TEXT'));
      }
      done(null, chunk);
    },
    flush(done: TransformCallback) {
      try {
        decoder.decode();
      } catch {
        return done(new AppError('FILE_NOT_TEXT'));
      }
      done();
    },
  });
  input.once('error', (error) => check.destroy(error));
  // Its error is for whoever consumes it (a pipeline rejects with it, even one that starts after the error):
  // without a listener meanwhile, it would be an uncaught exception that ends the process.
  check.on('error', () => {});
  return input.pipe(check);
}
