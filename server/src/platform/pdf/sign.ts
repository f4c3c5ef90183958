import { createHash, type X509Certificate } from 'node:crypto';
import { SignPdf } from '@signpdf/signpdf';
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { Signer, SUBFILTER_ADOBE_PKCS7_DETACHED } from '@signpdf/utils';
import type { SigningIdentity } from '../pki/identity.ts';
import { signDetached, verifyDetached, type SignatureCheck } from '../pki/pkcs7.ts';

/**
 * Signs a PDF the way PDF readers check it: an incremental update adds a
 * signature field (/Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached)
 * whose /Contents is a detached PKCS#7 over the /ByteRange — the whole file
 * except the signature itself — with the platform certificate embedded.
 */

class PlatformSigner extends Signer {
  constructor(private readonly identity: SigningIdentity) {
    super();
  }
  override async sign(pdfBuffer: Buffer, signingTime?: Date): Promise<Buffer> {
    return signDetached(this.identity, pdfBuffer, signingTime ?? new Date());
  }
}

export interface SignatureInfo {
  reason: string;
  location: string;
  contactInfo: string;
  signingTime: Date;
}

export async function signPdf(pdf: Buffer, identity: SigningIdentity, info: SignatureInfo): Promise<Buffer> {
  const withPlaceholder = plainAddPlaceholder({
    pdfBuffer: pdf,
    reason: info.reason,
    location: info.location,
    contactInfo: info.contactInfo,
    name: identity.certificate.subject.match(/CN=([^\n]+)/)?.[1] ?? 'Clearhall',
    signingTime: info.signingTime,
    signatureLength: 8192,
    subFilter: SUBFILTER_ADOBE_PKCS7_DETACHED,
    appName: 'Clearhall',
  });
  return new SignPdf().sign(withPlaceholder, new PlatformSigner(identity), info.signingTime);
}

export type PdfSignatureCheck = SignatureCheck | { valid: false; reason: 'no_signature' | 'not_whole_file' };

/**
 * Finds the last signature of a PDF and checks it: its byte range must cover
 * the whole file but the signature, and the PKCS#7 must verify over that range
 * with `trusted` as signer.
 */
export function verifyPdfSignature(pdf: Buffer, trusted: X509Certificate): PdfSignatureCheck {
  const text = pdf.toString('latin1');
  const matches = [...text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)];
  const last = matches[matches.length - 1];
  if (!last) return { valid: false, reason: 'no_signature' };
  const [a, b, c, d] = last.slice(1, 5).map(Number) as [number, number, number, number];
  if (a !== 0 || c + d !== pdf.length || b >= c || pdf[b] !== 0x3c || pdf[c - 1] !== 0x3e) return { valid: false, reason: 'not_whole_file' };
  const hex = text.slice(b + 1, c - 1);
  if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length % 2) return { valid: false, reason: 'no_signature' };
  const signature = derPrefix(Buffer.from(hex, 'hex'));
  if (!signature) return { valid: false, reason: 'no_signature' };
  const content = Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]);
  return verifyDetached(signature, content, trusted);
}

/** The DER value at the start of the zero-padded /Contents (its length is in its header). */
function derPrefix(padded: Buffer): Buffer | null {
  if (padded[0] !== 0x30 || padded.length < 2) return null;
  const first = padded[1]!;
  let length = first;
  let header = 2;
  if (first & 0x80) {
    const count = first & 0x7f;
    if (count < 1 || count > 4 || padded.length < 2 + count) return null;
    length = padded.subarray(2, 2 + count).reduce((n, byte) => n * 256 + byte, 0);
    header = 2 + count;
  }
  return header + length <= padded.length ? padded.subarray(0, header + length) : null;
}

export const sha256Hex = (data: Buffer) => createHash('sha256').update(data).digest('hex');
