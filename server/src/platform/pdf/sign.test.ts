import { createPrivateKey, X509Certificate } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDemoIdentity, type SigningIdentity } from '../pki/identity.ts';
import { renderDocument, type DocumentLayout } from './document.ts';
import { PdfFontLoader } from './fonts.ts';
import { fillSignature, verifyPdfSignature } from './sign.ts';

const signingTime = new Date('2026-11-20T02:00:00Z');
const url = 'https://registry.example/verify/?code=ABCD-EFGH-JKLM-NPQR';
const layout: DocumentLayout = {
  issuer: '演示登记结算机构',
  title: '证券持有余额电子凭证',
  fields: [{ label: '持有人名称', value: '演示投资者' }],
  table: {
    columns: [
      { header: '证券代码', width: 1 },
      { header: '证券简称', width: 2 },
    ],
    rows: [['600000', '浦发银行']],
    empty: '无',
  },
  paragraphs: ['特此证明。'],
  verification: { code: 'ABCD-EFGH-JKLM-NPQR', url, lines: ['请访问下列网址核验：'] },
  issuedLine: '出具时间：2026-11-20 10:00:00（北京时间）',
  metadata: { title: '证券持有余额电子凭证', author: '演示', subject: '证券持有余额电子凭证', creationDate: signingTime },
};

async function annotationsOfFirstPage(pdf: Buffer) {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const document = await pdfjs.getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  const annotations = (await (await document.getPage(1)).getAnnotations()) as { subtype: string; fieldType?: string; fieldName?: string; url?: string }[];
  await document.destroy();
  return annotations;
}

describe('a document signed as it is rendered', () => {
  let identity: SigningIdentity;
  let pdf: Buffer;

  beforeAll(async () => {
    const { keyPem, chainPem } = generateDemoIdentity();
    const pems = chainPem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g)!;
    const certificate = new X509Certificate(pems[0]!);
    identity = { key: createPrivateKey(keyPem), chainPem: pems, certificate, certificateDer: certificate.raw, fingerprint: '', subject: certificate.subject, demo: true };
    const info = { reason: '证券持有余额电子凭证（验证码 ABCD-EFGH-JKLM-NPQR）', location: 'CN', contactInfo: url, signingTime };
    pdf = await renderDocument(new PdfFontLoader(undefined).get(), layout, { identity, info });
  });

  it('carries one signature over the whole file but the signature, by the platform certificate', () => {
    expect(pdf.toString('latin1').match(/\/ByteRange/g)).toHaveLength(1);
    expect(verifyPdfSignature(pdf, identity.certificate)).toMatchObject({ valid: true, signingTime });
  });

  it('shows readers a signature field on the first page, beside the link of the verification address', async () => {
    const annotations = await annotationsOfFirstPage(pdf);
    expect(annotations.filter((a) => a.subtype === 'Widget' && a.fieldType === 'Sig')).toHaveLength(1);
    expect(annotations.some((a) => a.subtype === 'Link' && a.url === url)).toBe(true);
    const text = pdf.toString('latin1');
    expect(text).toMatch(/\/Type \/AcroForm\s+\/SigFlags 3/);
    expect(text).toMatch(/\/Filter \/Adobe\.PPKLite\s+\/SubFilter \/adbe\.pkcs7\.detached/);
  });

  it('no longer verifies when a byte of the page changes', () => {
    const changed = Buffer.from(pdf);
    const at = changed.indexOf('/MediaBox');
    changed[at + 12] = changed[at + 12] === 0x31 ? 0x32 : 0x31;
    expect(verifyPdfSignature(changed, identity.certificate)).toMatchObject({ valid: false, reason: 'digest_mismatch' });
  });

  it('refuses to fill a PDF that has no placeholder', async () => {
    const unsigned = await renderDocument(new PdfFontLoader(undefined).get(), layout);
    expect(() => fillSignature(unsigned, identity, signingTime)).toThrow(/no signature placeholder/);
  });
});
