import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../platform/errors.ts';
import { metaOf } from '../../platform/http/auth.ts';
import { Obj } from '../../platform/http/schemas.ts';
import { certificateKinds } from './certificate-templates.ts';
import { checkCertificateFile, lookupCertificate } from './certificates-verify.ts';

const MAX_PDF_BYTES = 10 * 1024 * 1024;
const CodeParam = Obj({ code: Type.String({ minLength: 1, maxLength: 40, description: 'verification code as printed (XXXX-XXXX-XXXX-XXXX), any case, dashes optional' }) });
const Day = Type.Union([Type.String(), Type.Null()]);

const Certificate = Obj({
  code: Type.String(),
  kind: Type.Union(certificateKinds.map((k) => Type.Literal(k))),
  title: Type.String(),
  holderNameMasked: Type.String(),
  accountMasked: Day,
  date: Day,
  from: Day,
  to: Day,
  summary: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()])),
  issuedAt: Type.String({ format: 'date-time' }),
  sha256: Type.String(),
});

/** The public verification API behind /verify/: no session, rate-limited per address. */
export const certificateRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['verify'];
  app.addContentTypeParser('application/pdf', { parseAs: 'buffer', bodyLimit: MAX_PDF_BYTES }, (_request, body, done) => done(null, body));

  app.get(
    '/api/v1/verify/certificates/:code',
    {
      schema: {
        tags,
        summary: 'Whether a certificate with this verification code was issued, and what it certifies (personal data masked)',
        security: [],
        params: CodeParam,
        response: { 200: Certificate },
      },
    },
    async (request) => lookupCertificate(ctx, request.params.code, metaOf(request)),
  );

  app.post(
    '/api/v1/verify/certificates/:code/file',
    {
      schema: {
        tags,
        summary: 'Checks a certificate file (application/pdf): exactly the file issued under this code, signed by the platform certificate',
        security: [{ csrf: [] }],
        params: CodeParam,
        consumes: ['application/pdf'],
        response: {
          200: Obj({ code: Type.String(), genuine: Type.Boolean(), reason: Type.Optional(Type.Union([Type.Literal('signature_invalid'), Type.Literal('not_this_certificate')])) }),
        },
      },
    },
    async (request) => {
      if (!request.headers['content-type']?.startsWith('application/pdf') || !Buffer.isBuffer(request.body)) {
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', { expected: 'application/pdf' });
      }
      return checkCertificateFile(ctx, request.params.code, request.body, metaOf(request));
    },
  );
};
