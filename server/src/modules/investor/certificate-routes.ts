import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { metaOf } from '../../platform/http/auth.ts';
import { Obj, errorResponses } from '../../platform/http/schemas.ts';
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
export function certificateRoutes(app: FastifyInstance, ctx: AppContext): void {
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
        response: { 200: Certificate, ...errorResponses },
      },
    },
    async (request) => lookupCertificate(ctx, (request.params as { code: string }).code, metaOf(request)),
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
          415: Type.Ref('Error'),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      if (!request.headers['content-type']?.startsWith('application/pdf') || !Buffer.isBuffer(request.body)) {
        return reply.code(415).send({ code: 'UNSUPPORTED_MEDIA_TYPE', message: 'application/pdf', details: {} });
      }
      return checkCertificateFile(ctx, (request.params as { code: string }).code, request.body, metaOf(request));
    },
  );
}
