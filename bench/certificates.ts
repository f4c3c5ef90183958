/**
 * E-certificates rendered and signed: `npm run bench:certificates [-- --rounds N --per-round N]`.
 *
 * A holdings certificate of a typical account (12 securities, one page) is rendered
 * with the embedded CJK font, signed (PKCS#7 detached, RSA 2048) and hashed, exactly as
 * the issuing job does, minus the registry query and the file store. The baseline is a
 * bare one-page PDF with one line of Chinese text in the same font, rendered in the
 * same run, in alternating rounds. Prints both rates and the ratio.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/src/config.ts';
import { PlatformPki } from '../server/src/platform/pki/identity.ts';
import { PdfFontLoader } from '../server/src/platform/pdf/fonts.ts';
import { renderBarePage } from '../server/src/platform/pdf/document.ts';
import { sha256Hex } from '../server/src/platform/pdf/sign.ts';
import { holdingBalanceContent, newVerificationCode, renderCertificatePdf } from '../server/src/modules/investor/index.ts';
import type { PositionAtDate } from '../server/src/modules/registry/index.ts';
import { machine, positiveInt } from './support.ts';

const { values: flags } = parseArgs({ options: { rounds: { type: 'string' }, 'per-round': { type: 'string' } } });
const rounds = positiveInt('rounds', flags.rounds, 6);
const perRound = positiveInt('per-round', flags['per-round'], 20);

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

async function timed(work: () => Promise<number>, n: number): Promise<{ ms: number; bytes: number }> {
  const started = performance.now();
  let bytes = 0;
  for (let i = 0; i < n; i++) bytes = await work();
  return { ms: performance.now() - started, bytes };
}

console.log(`bench:certificates — ${machine()}`);
await timed(certificate, 5);
await timed(bare, 5);
let certMs = 0;
let bareMs = 0;
let certBytes = 0;
let bareBytes = 0;
for (let r = 0; r < rounds; r++) {
  const c = await timed(certificate, perRound);
  const b = await timed(bare, perRound);
  certMs += c.ms;
  bareMs += b.ms;
  certBytes = c.bytes;
  bareBytes = b.bytes;
}
const total = rounds * perRound;
const certRate = (total * 1000) / certMs;
const bareRate = (total * 1000) / bareMs;
console.log(`holdings certificate (12 rows, rendered + signed + hashed): ${certRate.toFixed(1)} /s, ${(certMs / total).toFixed(1)} ms each, ${certBytes.toLocaleString('en')} bytes`);
console.log(`bare one-page PDF, same font (baseline):                   ${bareRate.toFixed(1)} /s, ${(bareMs / total).toFixed(1)} ms each, ${bareBytes.toLocaleString('en')} bytes`);
console.log(`ratio certificate / bare page: ${(certRate / bareRate).toFixed(2)} (${total} of each, ${rounds} alternating rounds)`);
