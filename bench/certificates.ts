/**
 * E-certificates rendered and signed: `npm run bench:certificates [-- --rounds N --per-round N]`.
 *
 * A holdings certificate of a typical account (12 securities, one page) is rendered
 * with the embedded CJK font, signed (PKCS#7 detached, RSA 2048) and hashed, exactly as
 * the issuing job does, minus the registry query and the file store.
 *
 * The baseline is like for like (decisions 0027 and 0037): the same title, fields, 12
 * rows and paragraphs in the same font (the same parsed Noto Sans SC, embedded as a
 * subset) on the same A4 page with bare pdfkit (plain lines of text, no table
 * drawing, no QR code, no footer, no bold face), plus one detached PKCS#7 signature
 * over the file with the same key and certificate chain (the cheapest one this
 * codebase has: hash and RSA in OpenSSL; appended, no placeholder, no signature
 * field) and its SHA-256 — the least any signed certificate of these rows costs.
 * Both are rendered in the same run, in alternating rounds. A bare one-page PDF with
 * one line of text (the old baseline) is printed for reference.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import PDFDocument from 'pdfkit';
import { loadConfig } from '../server/src/config.ts';
import { PlatformPki } from '../server/src/platform/pki/identity.ts';
import { PdfFontLoader } from '../server/src/platform/pdf/fonts.ts';
import { renderBarePage } from '../server/src/platform/pdf/document.ts';
import { sha256Hex } from '../server/src/platform/pdf/sign.ts';
import { signDetached } from '../server/src/platform/pki/pkcs7.ts';
import { holdingBalanceContent, newVerificationCode, renderCertificatePdf } from '../server/src/modules/investor/index.ts';
import type { PositionAtDate } from '../server/src/modules/registry/index.ts';
import { machine, positiveInt } from './support.ts';

const { values: flags } = parseArgs({ options: { rounds: { type: 'string' }, 'per-round': { type: 'string' } } });
const rounds = positiveInt('rounds', flags.rounds ?? process.env.BENCH_ROUNDS, 6);
const perRound = positiveInt('per-round', flags['per-round'] ?? process.env.BENCH_PER_ROUND, 20);

const config = loadConfig({}, { demo: true, piiKeyBytes: Buffer.alloc(32), dataDir: mkdtempSync(path.join(tmpdir(), 'clearhall-bench-cert-')) });
const ctx = { config, pki: new PlatformPki(config), pdfFonts: new PdfFontLoader(config.pdfFontFile) };
ctx.pki.identity();
const fonts = ctx.pdfFonts.get();

const names = ['浦发银行', '白云机场', '中国石化', '招商银行', '贵州茅台', '长江电力', '万科Ａ', '平安银行', '五粮液', '格力电器', '宁德时代', '中国平安'];
const positions: PositionAtDate[] = names.map((name, i) => ({
  securityId: i + 1,
  market: 'SH',
  code: `60${String(1000 + i * 7).padStart(4, '0')}`,
  name,
  securityClass: 'A',
  tradable: BigInt(100 * (i + 1) * 37),
  restricted: i % 4 === 0 ? 5000n : 0n,
  frozen: i % 5 === 0 ? 300n : 0n,
  pledged: 0n,
}));
const content = holdingBalanceContent({ holderName: '演示投资者', idNumberMasked: '110105********1234', accountNumber: 'A123456789', market: 'SH' }, '2026-06-30', positions, null);

async function certificate() {
  const pdf = await renderCertificatePdf(ctx, content, newVerificationCode(), new Date());
  sha256Hex(pdf);
  return pdf.length;
}
const bare = () => renderBarePage(fonts, '兹证明：这是一页只有一行中文的基准文件。').then((pdf) => pdf.length);

/** The same text in the same font with bare pdfkit, one detached PKCS#7 signature with the same identity, its hash. */
async function sameRowsSigned(): Promise<number> {
  const doc = new PDFDocument({ size: 'A4' });
  doc.registerFont('body', fonts.regular.parsed as Buffer);
  doc.font('body').fontSize(16).text(content.title).fontSize(9.5);
  for (const field of content.fields) doc.text(`${field.label}：${field.value}`);
  if (content.table) {
    doc.text(content.table.columns.map((c) => c.header).join('  '));
    for (const row of content.table.rows) doc.text(row.join('  '));
  }
  for (const paragraph of content.paragraphs) doc.text(paragraph);
  const pdf = await new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
  const signature = signDetached(ctx.pki.identity(), pdf, new Date());
  const signed = Buffer.concat([pdf, signature]);
  sha256Hex(signed);
  return signed.length;
}

async function timed(work: () => Promise<number>, n: number): Promise<{ ms: number; bytes: number }> {
  const started = performance.now();
  let bytes = 0;
  for (let i = 0; i < n; i++) bytes = await work();
  return { ms: performance.now() - started, bytes };
}

console.log(`bench:certificates — ${machine()}`);
await timed(certificate, 5);
await timed(sameRowsSigned, 5);
await timed(bare, 5);
const totals = { cert: { ms: 0, bytes: 0 }, base: { ms: 0, bytes: 0 }, bare: { ms: 0, bytes: 0 } };
const add = (total: { ms: number; bytes: number }, t: { ms: number; bytes: number }) => {
  total.ms += t.ms;
  total.bytes = t.bytes;
};
for (let r = 0; r < rounds; r++) {
  add(totals.cert, await timed(certificate, perRound));
  add(totals.base, await timed(sameRowsSigned, perRound));
  add(totals.bare, await timed(bare, perRound));
}
const total = rounds * perRound;
const rate = (ms: number) => (total * 1000) / ms;
const line = (label: string, t: { ms: number; bytes: number }) => `${label}${rate(t.ms).toFixed(1)} /s, ${(t.ms / total).toFixed(1)} ms each, ${t.bytes.toLocaleString('en')} bytes`;
console.log(line('holdings certificate (12 rows, rendered + signed + hashed):   ', totals.cert));
console.log(line('baseline: same rows and font, bare pdfkit + one PKCS#7 sign.:  ', totals.base));
console.log(line('bare one-page PDF, one line, same font (reference):           ', totals.bare));
const ratio = rate(totals.cert.ms) / rate(totals.base.ms);
console.log(
  `ratio certificate / baseline: ${ratio.toFixed(2)} (target ≥ 0.50${ratio < 0.5 ? ', BELOW TARGET' : ''}); certificate / bare page ${(rate(totals.cert.ms) / rate(totals.bare.ms)).toFixed(2)} (${total} of each, ${rounds} alternating rounds)`,
);
