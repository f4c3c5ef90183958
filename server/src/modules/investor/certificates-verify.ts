import { eq } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../platform/errors.ts';
import type { RequestMeta } from '../../platform/audit/audit.ts';
import { consume } from '../../platform/ratelimit.ts';
import { sha256Hex, verifyPdfSignature } from '../../platform/pdf/sign.ts';
import { certificates } from './certificate-schema.ts';
import { certificateTitles, type CertificateKind } from './certificate-templates.ts';
import { normaliseVerificationCode } from './certificates.ts';
import './certificate-errors.ts';
import { mask } from '../../kernel/masking.ts';

/**
 * Public verification (/verify/): anyone with a code sees whether a
 * certificate with that code was issued and what it certifies, with personal
 * data masked; anyone with the file can check that it is exactly the file
 * issued and that its signature is the platform's.
 */

export interface VerifiedCertificate {
  code: string;
  kind: CertificateKind;
  title: string;
  holderNameMasked: string;
  accountMasked: string | null;
  date: string | null;
  from: string | null;
  to: string | null;
  summary: Record<string, string | number>;
  issuedAt: string;
  sha256: string;
}

async function limit(ctx: AppContext, meta: RequestMeta) {
  await consume(ctx.db, { bucket: `verify:${meta.ip ?? 'unknown'}`, limit: ctx.config.verifyRatePerMinute, windowMs: 60_000 }, ctx.clock.now());
}

async function issuedByCode(ctx: AppContext, input: string) {
  const code = normaliseVerificationCode(input);
  if (!code) throw new AppError('CERT_NOT_FOUND');
  const [row] = await ctx.db.select().from(certificates).where(eq(certificates.verificationCode, code));
  if (!row || row.status !== 'issued' || !row.sha256 || !row.issuedAt) throw new AppError('CERT_NOT_FOUND');
  return row;
}

export async function lookupCertificate(ctx: AppContext, input: string, meta: RequestMeta): Promise<VerifiedCertificate> {
  await limit(ctx, meta);
  const row = await issuedByCode(ctx, input);
  const params = row.params as Record<string, unknown>;
  const text = (key: string) => (typeof params[key] === 'string' ? (params[key] as string) : null);
  const { account: _account, ...summary } = (row.summary ?? {}) as Record<string, string | number>;
  const account = text('accountNumber');
  return {
    code: row.verificationCode,
    kind: row.kind as CertificateKind,
    title: certificateTitles[row.kind as CertificateKind],
    holderNameMasked: mask('name', row.subjectName, 'public'),
    accountMasked: account ? mask('securitiesAccount', account, 'public') : null,
    date: text('date'),
    from: text('from'),
    to: text('to'),
    summary,
    issuedAt: row.issuedAt!.toISOString(),
    sha256: row.sha256!,
  };
}

export type FileCheck = { genuine: true } | { genuine: false; reason: 'signature_invalid' | 'not_this_certificate' };

/**
 * The uploaded file must be byte for byte the one issued under the code (its
 * SHA-256 as recorded) and carry a valid signature by the platform certificate
 * over its whole content.
 */
export async function checkCertificateFile(ctx: AppContext, input: string, pdf: Buffer, meta: RequestMeta): Promise<FileCheck & { code: string }> {
  await limit(ctx, meta);
  const row = await issuedByCode(ctx, input);
  const signature = verifyPdfSignature(pdf, ctx.pki.identity().certificate);
  if (!signature.valid) return { code: row.verificationCode, genuine: false, reason: 'signature_invalid' };
  if (sha256Hex(pdf) !== row.sha256) return { code: row.verificationCode, genuine: false, reason: 'not_this_certificate' };
  return { code: row.verificationCode, genuine: true };
}
