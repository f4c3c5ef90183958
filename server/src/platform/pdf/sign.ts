import { createHash, type X509Certificate } from 'node:crypto';
import type { SigningIdentity } from '../pki/identity.ts';
import { signDetached, verifyDetached, type SignatureCheck } from '../pki/pkcs7.ts';

/**
 * Signs a PDF the way PDF readers check it: a signature field (/Filter
 * /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached) on the first page, whose
 * /Contents is a detached PKCS#7 over the /ByteRange — the whole file except the
 * signature itself — with the platform certificate embedded.
 *
 * The field is written by pdfkit with the rest of the document (addSignatureField,
 * before the document ends), and its two placeholders are then filled in place
 * (fillSignature). Parsing the finished PDF again to append the field as an
 * incremental update (@signpdf's placeholder-plain) and copying it three times
 * cost more than the signature itself (decision 0037).
 */

/** Bytes reserved for the DER signature: a chain of a few RSA certificates fits. */
export const SIGNATURE_BYTES = 8192;
/** pdfkit writes a string as a name: `/**********`, ten characters, room for any offset. */
const BYTE_RANGE_SLOT = '**********';
const BYTE_RANGE_PLACEHOLDER = `/ByteRange [0 /${BYTE_RANGE_SLOT} /${BYTE_RANGE_SLOT} /${BYTE_RANGE_SLOT}]`;
/** Annotation flag "print"; SigFlags SignaturesExist | AppendOnly. */
const PRINT = 4;
const SIG_FLAGS = 3;

export interface SignatureInfo {
  reason: string;
  location: string;
  contactInfo: string;
  signingTime: Date;
}

/** pdfkit writes a String object as a literal (text) string, a primitive string as a name. */
// eslint-disable-next-line @typescript-eslint/no-wrapper-object-types
const text = (value: string): String => new String(value);

type Doc = PDFKit.PDFDocument & {
  _root: { data: Record<string, unknown> };
  endAcroForm(): unknown;
  page: { dictionary: unknown; annotations: unknown[] };
  bufferedPageRange(): { start: number; count: number };
};

/**
 * Adds the (unfilled) signature field to a pdfkit document that is about to end:
 * the signature dictionary, an invisible widget on the first page (after the
 * page's own annotations) and the AcroForm that lists it.
 */
export function addSignatureField(document: PDFKit.PDFDocument, identity: SigningIdentity, info: SignatureInfo): void {
  const doc = document as Doc;
  const signature = doc.ref({
    Type: 'Sig',
    Filter: 'Adobe.PPKLite',
    SubFilter: 'adbe.pkcs7.detached',
    ByteRange: [0, BYTE_RANGE_SLOT, BYTE_RANGE_SLOT, BYTE_RANGE_SLOT],
    Contents: Buffer.alloc(SIGNATURE_BYTES),
    Reason: text(info.reason),
    M: info.signingTime,
    ContactInfo: text(info.contactInfo),
    Name: text(identity.certificate.subject.match(/CN=([^\n]+)/)?.[1] ?? 'Clearhall'),
    Location: text(info.location),
    Prop_Build: { Filter: { Name: 'Adobe.PPKLite' }, App: { Name: 'Clearhall' } },
  });
  doc.switchToPage(doc.bufferedPageRange().start);
  const widget = doc.ref({ Type: 'Annot', Subtype: 'Widget', FT: 'Sig', Rect: [0, 0, 0, 0], V: signature, T: text('Signature1'), F: PRINT, P: doc.page.dictionary });
  doc.page.annotations.push(widget);
  const form = doc.ref({ Type: 'AcroForm', SigFlags: SIG_FLAGS, Fields: [widget] });
  doc._root.data.AcroForm = form;
  // pdfkit's own forms (initForm) would end this form again at doc.end(), want form fonts
  // and set NeedAppearances, which a signed file must not; this one is complete as written.
  doc.endAcroForm = () => doc;
  // ended now: written to the output at once, as pdfkit does with its own objects
  for (const ref of [signature, widget, form]) ref.end(undefined);
}

/**
 * Fills the field of a PDF rendered with addSignatureField, in place: the byte
 * range, then the DER signature over it (hex, zero-padded to the placeholder).
 */
export function fillSignature(pdf: Buffer, identity: SigningIdentity, signingTime: Date): Buffer {
  const at = pdf.lastIndexOf(BYTE_RANGE_PLACEHOLDER, undefined, 'latin1');
  const contents = at < 0 ? -1 : pdf.indexOf('/Contents <', at + BYTE_RANGE_PLACEHOLDER.length, 'latin1');
  if (contents < 0) throw new Error('the PDF has no signature placeholder (addSignatureField)');
  const start = contents + '/Contents '.length;
  const end = start + 2 + 2 * SIGNATURE_BYTES;
  if (pdf[end - 1] !== 0x3e) throw new Error('the signature placeholder is not where it should be');
  const range = `/ByteRange [0 ${start} ${end} ${pdf.length - end}]`;
  pdf.write(range.padEnd(BYTE_RANGE_PLACEHOLDER.length, ' '), at, 'latin1');
  const der = signDetached(identity, Buffer.concat([pdf.subarray(0, start), pdf.subarray(end)]), signingTime);
  if (der.length > SIGNATURE_BYTES) throw new Error(`the signature (${der.length} bytes) does not fit its placeholder (${SIGNATURE_BYTES})`);
  pdf.write(der.toString('hex'), start + 1, 'latin1');
  return pdf;
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
