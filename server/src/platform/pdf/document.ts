import { deflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import QRCode, { type QRCodeSegment } from 'qrcode';
import type { SigningIdentity } from '../pki/identity.ts';
import { shareScaledRuns, type DocumentFont, type PdfFonts } from './fonts.ts';
import { addSignatureField, fillSignature, type SignatureInfo } from './sign.ts';

/**
 * A4 documents of the platform: a title block, labelled fields, a table that
 * runs over as many pages as it needs (its header repeated on each), closing
 * paragraphs, a verification block with a QR code, and on every page a footer
 * with the verification code and "第 x 页 共 y 页". The font is embedded as a
 * subset of the glyphs used.
 */

export interface Column {
  header: string;
  /** relative width */
  width: number;
  align?: 'left' | 'right' | 'center';
}

export interface DocumentLayout {
  issuer: string;
  title: string;
  /** a line under the title, e.g. a demo warning */
  subtitle?: string;
  fields: { label: string; value: string }[];
  table?: { columns: Column[]; rows: string[][]; empty: string };
  paragraphs: string[];
  verification: { code: string; url: string; lines: string[] };
  /** e.g. 出具时间：2026-11-21 10:00:00 */
  issuedLine: string;
  metadata: { title: string; author: string; subject: string; creationDate: Date };
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = { top: 56, bottom: 64, left: 56, right: 56 };
const CONTENT_WIDTH = A4.width - MARGIN.left - MARGIN.right;
const BOTTOM = A4.height - MARGIN.bottom;
const CELL_PAD = 4;
const FONT_SIZE = 9.5;

type Doc = PDFKit.PDFDocument;

/** pdfkit's object reference, as far as its stream goes. */
interface StreamReference {
  compress: boolean;
  buffer: Uint8Array[];
  data: Record<string, unknown>;
  finalize(): void;
}

/** zlib level of the document's streams: the font subsets are dense glyph outlines, which level 6 hardly shrinks more. */
export const STREAM_DEFLATE_LEVEL = 1;

/**
 * pdfkit deflates every stream at zlib's default level 6, with no setting, and
 * that was a fifth of a certificate's time (most of it the regular font's subset).
 * At level 1 the file is about 4 % larger and its streams deflate in two thirds of
 * the time. A stream pdfkit would compress is deflated here, at that level, just
 * before pdfkit writes it.
 */
function deflateStreamsFast(doc: Doc): void {
  const internal = doc as unknown as { ref(data?: object): StreamReference };
  const ref = internal.ref.bind(doc);
  internal.ref = (data) => {
    const reference = ref(data);
    const finalize = reference.finalize.bind(reference);
    // pdfkit has marked the stream /FlateDecode as it was written, if it is to be compressed
    reference.finalize = () => {
      if (reference.compress && reference.buffer.length) {
        reference.buffer = [deflateSync(Buffer.concat(reference.buffer), { level: STREAM_DEFLATE_LEVEL })];
        reference.compress = false;
      }
      finalize();
    };
    return reference;
  };
}

function newDocument(fonts: PdfFonts, metadata: DocumentLayout['metadata']): Doc {
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    info: { Title: metadata.title, Author: metadata.author, Subject: metadata.subject, Creator: 'Clearhall', Producer: 'Clearhall', CreationDate: metadata.creationDate },
    lang: 'zh-CN',
    displayTitle: true,
    // No Helvetica: pdfkit would parse its metrics for every document, and it is never used.
    font: null,
    // the first page once its streams are deflated the fast way
    autoFirstPage: false,
  } as unknown as PDFKit.PDFDocumentOptions);
  deflateStreamsFast(doc);
  doc.addPage();
  doc.registerFont('body', fonts.regular.parsed as Buffer);
  doc.registerFont('bold', fonts.bold.parsed as Buffer);
  // pdfkit's font of this document (created here, embedded only if used)
  const fontOf = (name: string) => (doc.font(name) as unknown as { _font: DocumentFont })._font;
  shareScaledRuns(fontOf('body'), fonts.regular);
  shareScaledRuns(fontOf('bold'), fonts.bold);
  return doc.font('body');
}

function finish(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

function columnEdges(columns: Column[]): number[] {
  const total = columns.reduce((sum, c) => sum + c.width, 0);
  const edges = [MARGIN.left];
  for (const c of columns) edges.push(edges[edges.length - 1]! + (c.width / total) * CONTENT_WIDTH);
  return edges;
}

/** A cell that fits on one line of its column: drawn at a computed x, without pdfkit's line wrapper. */
function oneLineWidth(doc: Doc, cell: string, width: number): number | null {
  if (cell.includes('\n')) return null;
  const measured = doc.widthOfString(cell);
  return measured <= width ? measured : null;
}

/** A row's height, and the one-line width of each cell (null where the cell wraps). */
interface MeasuredRow {
  height: number;
  widths: (number | null)[];
}

/**
 * Most cells fit on one line: their height is one line's, and they are measured
 * once (the widths are kept for drawing); only a cell that wraps goes through
 * heightOfString and the wrapper (each of which splits, measures and lays out the
 * text again).
 */
function measureRow(doc: Doc, cells: string[], edges: number[]): MeasuredRow {
  let height = doc.currentLineHeight(true);
  const widths = cells.map((cell, i) => {
    const width = edges[i + 1]! - edges[i]! - 2 * CELL_PAD;
    const measured = oneLineWidth(doc, cell, width);
    if (measured === null) height = Math.max(height, doc.heightOfString(cell || ' ', { width }));
    return measured;
  });
  return { height: height + 2 * CELL_PAD, widths };
}

/** Header cells are drawn in the bold face, so they are measured again in it; body cells keep their widths. */
function drawRow(doc: Doc, cells: string[], columns: Column[], edges: number[], y: number, row: MeasuredRow, header: boolean) {
  const { height } = row;
  if (header) doc.save().rect(MARGIN.left, y, CONTENT_WIDTH, height).fill('#eef2f7').restore();
  doc.save().lineWidth(0.5).strokeColor('#9ca3af').rect(MARGIN.left, y, CONTENT_WIDTH, height).stroke().restore();
  doc
    .font(header ? 'bold' : 'body')
    .fontSize(FONT_SIZE)
    .fillColor('#111827');
  cells.forEach((cell, i) => {
    const left = edges[i]! + CELL_PAD;
    const width = edges[i + 1]! - edges[i]! - 2 * CELL_PAD;
    const align = header ? 'center' : (columns[i]!.align ?? 'left');
    const measured = header ? oneLineWidth(doc, cell, width) : row.widths[i]!;
    if (measured === null) {
      doc.text(cell, left, y + CELL_PAD, { width, align, lineBreak: true });
      return;
    }
    const x = align === 'right' ? left + width - measured : align === 'center' ? left + (width - measured) / 2 : left;
    if (cell) doc.text(cell, x, y + CELL_PAD, { lineBreak: false });
  });
  doc.font('body');
}

function drawTable(doc: Doc, table: NonNullable<DocumentLayout['table']>) {
  const edges = columnEdges(table.columns);
  const headers = table.columns.map((c) => c.header);
  doc.fontSize(FONT_SIZE);
  const headerRow = measureRow(doc, headers, edges);
  let y = doc.y;
  const header = () => {
    drawRow(doc, headers, table.columns, edges, y, headerRow, true);
    y += headerRow.height;
  };
  if (y + headerRow.height * 2 > BOTTOM) {
    doc.addPage();
    y = MARGIN.top;
  }
  header();
  if (table.rows.length === 0) {
    const wholeWidth = [MARGIN.left, MARGIN.left + CONTENT_WIDTH];
    const empty = measureRow(doc, [table.empty], wholeWidth);
    drawRow(doc, [table.empty], [{ header: '', width: 1, align: 'center' }], wholeWidth, y, empty, false);
    y += empty.height;
  }
  for (const cells of table.rows) {
    const row = measureRow(doc, cells, edges);
    if (y + row.height > BOTTOM) {
      doc.addPage();
      y = MARGIN.top;
      header();
    }
    drawRow(doc, cells, table.columns, edges, y, row, false);
    y += row.height;
  }
  doc.x = MARGIN.left;
  doc.y = y + 12;
}

function ensureSpace(doc: Doc, height: number) {
  if (doc.y + height > BOTTOM) doc.addPage();
}

/** Whether one more line fits above the bottom margin (else pdfkit's wrapper would start a page). */
function lineFits(doc: Doc): boolean {
  return doc.y + doc.currentLineHeight(true) <= doc.page.height - doc.page.margins.bottom;
}

interface LineOptions {
  x: number;
  width: number;
  align?: 'left' | 'center' | 'right';
  link?: string;
}

/**
 * A line of text at the cursor. When it fits on one line it is drawn at its
 * computed x without pdfkit's line wrapper (which breaks CJK text between every
 * two characters and measures each piece), and the cursor moves down one line as
 * the wrapper would move it; otherwise it goes through the wrapper.
 */
function textLine(doc: Doc, text: string, { x, width, align = 'left', link }: LineOptions): void {
  const measured = lineFits(doc) ? oneLineWidth(doc, text, width) : null;
  if (measured === null) {
    doc.text(text, x, doc.y, { width, align, ...(link ? { link } : {}) });
    return;
  }
  const at = align === 'right' ? x + width - measured : align === 'center' ? x + (width - measured) / 2 : x;
  doc.text(text, at, doc.y, { lineBreak: false, ...(link ? { link } : {}) });
  doc.x = x;
  doc.y += doc.currentLineHeight(true);
}

/** 持有人名称：王小明 — the label in the bold face, the value after it, on one line when they fit. */
function fieldLine(doc: Doc, label: string, value: string): void {
  const labelWidth = doc.font('bold').widthOfString(label);
  const valueWidth = lineFits(doc) ? oneLineWidth(doc.font('body'), value, CONTENT_WIDTH - labelWidth) : null;
  if (valueWidth === null) {
    doc.font('bold').text(label, MARGIN.left, doc.y, { continued: true }).font('body').text(value);
    return;
  }
  doc.font('bold').text(label, MARGIN.left, doc.y, { lineBreak: false });
  doc.font('body').text(value, MARGIN.left + labelWidth, doc.y, { lineBreak: false });
  doc.x = MARGIN.left;
  doc.y += doc.currentLineHeight(true);
}

/**
 * Whether a paragraph surely fits above the bottom margin, without wrapping it
 * to measure it: a wrapped line wastes less than a word's width, so a quarter of
 * the width per line and one more line are a safe margin for this text.
 */
function surelyFits(doc: Doc, paragraph: string, indent: number, gap: number): boolean {
  const lines = Math.ceil((indent + doc.widthOfString(paragraph)) / (CONTENT_WIDTH * 0.75)) + paragraph.split('\n').length;
  return doc.y + lines * doc.currentLineHeight(true) + gap <= BOTTOM;
}

function drawFooters(doc: Doc, code: string) {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing inside the bottom margin must not start a new page.
    const bottomMargin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = A4.height - MARGIN.bottom + 24;
    doc
      .save()
      .lineWidth(0.5)
      .strokeColor('#d1d5db')
      .moveTo(MARGIN.left, y - 6)
      .lineTo(A4.width - MARGIN.right, y - 6)
      .stroke()
      .restore();
    doc.font('body').fontSize(8).fillColor('#4b5563');
    doc.y = y;
    textLine(doc, `验证码：${code}`, { x: MARGIN.left, width: CONTENT_WIDTH / 2 });
    doc.y = y;
    textLine(doc, `第 ${i - range.start + 1} 页 共 ${range.count} 页`, { x: MARGIN.left + CONTENT_WIDTH / 2, width: CONTENT_WIDTH / 2, align: 'right' });
    doc.page.margins.bottom = bottomMargin;
  }
}

/** A run of QR's alphanumeric characters ending the text, long enough to be worth its own segment. */
const ALPHANUMERIC_TAIL = /[0-9A-Z $%*+\-./:]{8,}$/;

/**
 * The verification address ends with its code (upper-case letters, digits,
 * hyphens): that tail goes in QR's alphanumeric mode, the rest in byte mode. Given
 * the segments, qrcode skips its search for the shortest split (a graph search,
 * a third of the QR code's time); for the platform's addresses the symbol has the
 * same version.
 */
export function qrSegments(text: string): QRCodeSegment[] {
  const tail = ALPHANUMERIC_TAIL.exec(text)?.[0] ?? '';
  const head = text.slice(0, text.length - tail.length);
  const segments: QRCodeSegment[] = [];
  if (head) segments.push({ data: Buffer.from(head, 'utf8'), mode: 'byte' });
  if (tail) segments.push({ data: tail, mode: 'alphanumeric' });
  return segments;
}

/** The QR code as vector squares: sharper than an image at any zoom, and cheaper than encoding a PNG. */
function drawQrCode(doc: Doc, text: string, x: number, y: number, size: number) {
  const { modules } = QRCode.create(qrSegments(text), { errorCorrectionLevel: 'M' });
  const quiet = 2;
  const cell = size / (modules.size + 2 * quiet);
  doc.save().fillColor('#000000');
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (modules.get(row, col)) doc.rect(x + (col + quiet) * cell, y + (row + quiet) * cell, cell, cell);
    }
  }
  doc.fill().restore();
}

/** Renders a certificate-like document to PDF bytes; signed when a signing identity is given. */
export async function renderDocument(fonts: PdfFonts, layout: DocumentLayout, signature?: { identity: SigningIdentity; info: SignatureInfo }): Promise<Buffer> {
  const doc = newDocument(fonts, layout.metadata);

  const centred = { x: MARGIN.left, width: CONTENT_WIDTH, align: 'center' } as const;
  textLine(doc.font('body').fontSize(10).fillColor('#374151'), layout.issuer, centred);
  doc.moveDown(0.4);
  textLine(doc.font('bold').fontSize(20).fillColor('#111827'), layout.title, centred);
  if (layout.subtitle) textLine(doc.font('body').fontSize(9).fillColor('#b45309'), layout.subtitle, centred);
  doc.moveDown(0.6);
  doc
    .save()
    .lineWidth(1)
    .strokeColor('#1f2937')
    .moveTo(MARGIN.left, doc.y)
    .lineTo(A4.width - MARGIN.right, doc.y)
    .stroke()
    .restore();
  doc.moveDown(0.8);

  doc.fontSize(10.5).fillColor('#111827');
  for (const field of layout.fields) {
    fieldLine(doc, `${field.label}：`, field.value);
    doc.moveDown(0.2);
  }
  doc.moveDown(0.6);

  if (layout.table) drawTable(doc, layout.table);

  doc.font('body').fontSize(10.5).fillColor('#111827');
  for (const paragraph of layout.paragraphs) {
    if (!surelyFits(doc, paragraph, 21, 6)) ensureSpace(doc, doc.heightOfString(paragraph, { width: CONTENT_WIDTH }) + 6);
    doc.text(paragraph, MARGIN.left, doc.y, { width: CONTENT_WIDTH, indent: 21 });
    doc.moveDown(0.4);
  }

  const qrSize = 96;
  ensureSpace(doc, qrSize + 40);
  doc.moveDown(0.6);
  const top = doc.y;
  drawQrCode(doc, layout.verification.url, A4.width - MARGIN.right - qrSize, top, qrSize);
  const textWidth = CONTENT_WIDTH - qrSize - 16;
  const beside = { x: MARGIN.left, width: textWidth };
  doc.y = top;
  textLine(doc.font('bold').fontSize(12), `验证码：${layout.verification.code}`, beside);
  doc.font('body').fontSize(9.5).fillColor('#374151');
  for (const line of layout.verification.lines) textLine(doc, line, beside);
  textLine(doc, layout.verification.url, { ...beside, link: layout.verification.url });
  textLine(doc.moveDown(0.6).fillColor('#111827').fontSize(10.5), layout.issuedLine, beside);
  doc.y = Math.max(doc.y, top + qrSize + 8);

  drawFooters(doc, layout.verification.code);
  if (!signature) return finish(doc);
  addSignatureField(doc, signature.identity, signature.info);
  return fillSignature(await finish(doc), signature.identity, signature.info.signingTime);
}

/** One page of text in the same font, nothing else: the benchmark's baseline. */
export async function renderBarePage(fonts: PdfFonts, text: string): Promise<Buffer> {
  const doc = newDocument(fonts, { title: 'bare', author: 'Clearhall', subject: 'bare', creationDate: new Date(0) });
  doc.fontSize(12).text(text);
  return finish(doc);
}
