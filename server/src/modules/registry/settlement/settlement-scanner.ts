import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { parse as parseCsv } from 'csv-parse/sync';
import { businessTypes, categories, type Category, type Change, isBusinessType, type LineError, stageRow } from '../ledger/index.ts';
import { isIsoDate } from '../../../kernel/dates.ts';

/**
 * Reads a settlement file as bytes and writes, for COPY into stage_changes, one
 * CSV row per good line: `line_no,` then the line's eight fields. Bad lines are
 * kept aside with their reason; nothing is parsed into JavaScript objects on the
 * way for a plain line.
 *
 * Two paths, one definition. parseSettlementRecord (on csv-parse's fields) says
 * what a good line is. A plain line — printable ASCII, no quotes, nothing to trim
 * — is checked on its bytes by checkPlainLine, which accepts exactly the plain
 * lines parseSettlementRecord accepts, and is then passed through as it is. Any
 * other line (quoted fields, blanks to trim, non-ASCII text, or a line the byte
 * check refuses) takes the slow path: decoded, parsed by csv-parse and checked by
 * parseSettlementRecord, which also gives the reason for a bad one. A unit test
 * holds the two paths to the same answers.
 */
export const settlementColumns = ['account_number', 'market', 'security_code', 'business_type', 'category', 'quantity', 'effective_on', 'reference'] as const;

const QUANTITY = /^-?[1-9]\d{0,17}$/;
const MAX_ERRORS = 1000;
const PROGRESS_EVERY = 20_000;
const OUT_CHUNK = 256 * 1024;

/** Checks one CSV record; returns the change or the reason it is not one. */
export function parseSettlementRecord(record: string[], lineNo: number): Change | LineError {
  if (record.length < 7 || record.length > 8) return { line: lineNo, reason: 'COLUMN_COUNT', detail: `${record.length}` };
  const [accountNumber, market, securityCode, businessType, category, quantity, effectiveOn, reference] = record.map((v) => v.trim()) as string[];
  if (!/^[A-Z0-9]{10}$/.test(accountNumber!)) return { line: lineNo, reason: 'ACCOUNT_FORMAT' };
  if (!['SH', 'SZ', 'BJ'].includes(market!)) return { line: lineNo, reason: 'MARKET' };
  if (!/^\d{6}$/.test(securityCode!)) return { line: lineNo, reason: 'SECURITY_FORMAT' };
  if (!isBusinessType(businessType!)) return { line: lineNo, reason: 'UNKNOWN_BUSINESS_TYPE', detail: businessType };
  if (!categories.includes(category as Category)) return { line: lineNo, reason: 'UNKNOWN_CATEGORY', detail: category };
  if (!QUANTITY.test(quantity!)) return { line: lineNo, reason: 'QUANTITY_FORMAT', detail: quantity };
  if (!isIsoDate(effectiveOn!)) return { line: lineNo, reason: 'DATE_FORMAT', detail: effectiveOn };
  if (reference && reference.length > 100) return { line: lineNo, reason: 'REFERENCE_TOO_LONG' };
  return {
    lineNo,
    accountNumber: accountNumber!,
    market: market!,
    securityCode: securityCode!,
    businessType,
    category: category as Category,
    quantity: BigInt(quantity!),
    effectiveOn: effectiveOn!,
    reference: reference || null,
  };
}

const isChange = (x: Change | LineError): x is Change => 'accountNumber' in x;

const COMMA = 0x2c;
const QUOTE = 0x22;
const DASH = 0x2d;
const isDigit = (b: number) => b >= 0x30 && b <= 0x39;
const isUpperOrDigit = (b: number) => isDigit(b) || (b >= 0x41 && b <= 0x5a);

function digitsAt(buf: Buffer, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const b = buf[i]!;
    if (!isDigit(b)) return -1;
    n = n * 10 + (b - 0x30);
  }
  return n;
}

function plainDate(buf: Buffer, s: number, e: number): boolean {
  if (e - s !== 10 || buf[s + 4] !== DASH || buf[s + 7] !== DASH) return false;
  const year = digitsAt(buf, s, s + 4);
  const month = digitsAt(buf, s + 5, s + 7);
  const day = digitsAt(buf, s + 8, s + 10);
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return day <= days;
}

// The names a field may hold, as bytes: compared in place, without a string per line.
const businessTypeNames = Object.keys(businessTypes).map((name) => Buffer.from(name, 'latin1'));
const categoryNames = categories.map((name) => Buffer.from(name, 'latin1'));

function isOneOf(names: Buffer[], buf: Buffer, s: number, e: number): boolean {
  const length = e - s;
  for (const name of names) {
    if (name.length !== length) continue;
    let i = 0;
    while (i < length && name[i] === buf[s + i]) i++;
    if (i === length) return true;
  }
  return false;
}

/**
 * The byte check of a line without quotes, blanks or non-ASCII (see above):
 * `ends[0..count)` holds the end offset of each field (7 or 8 of them). True
 * when parseSettlementRecord would accept the line with these very bytes.
 * (A hot loop: no closures or strings per line.)
 */
export function checkPlainLine(buf: Buffer, start: number, ends: ArrayLike<number>, count = ends.length): boolean {
  if (count < 7 || count > 8) return false;
  // account: [A-Z0-9]{10}
  if (ends[0]! - start !== 10) return false;
  for (let i = start; i < ends[0]!; i++) if (!isUpperOrDigit(buf[i]!)) return false;
  // market: SH, SZ, BJ
  const m = ends[0]! + 1;
  if (ends[1]! - m !== 2) return false;
  const m0 = buf[m]!;
  const m1 = buf[m + 1]!;
  if (!((m0 === 0x53 && (m1 === 0x48 || m1 === 0x5a)) || (m0 === 0x42 && m1 === 0x4a))) return false;
  // security code: 6 digits
  if (ends[2]! - ends[1]! - 1 !== 6 || digitsAt(buf, ends[1]! + 1, ends[2]!) < 0) return false;
  if (!isOneOf(businessTypeNames, buf, ends[2]! + 1, ends[3]!)) return false;
  if (!isOneOf(categoryNames, buf, ends[3]! + 1, ends[4]!)) return false;
  // quantity: -?[1-9][0-9]{0,17}
  let q = ends[4]! + 1;
  if (buf[q] === DASH) q++;
  const qLength = ends[5]! - q;
  if (qLength < 1 || qLength > 18 || buf[q] === 0x30 || digitsAt(buf, q, ends[5]!) < 0) return false;
  if (!plainDate(buf, ends[5]! + 1, ends[6]!)) return false;
  // reference: up to 100 characters, ASCII here so bytes are characters
  return count === 7 || ends[7]! - ends[6]! - 1 <= 100;
}

/** Writes a positive integer's decimal digits at `at`; returns the offset after them. */
function writeDigits(out: Buffer, at: number, n: number): number {
  let digits = 1;
  for (let rest = n; rest >= 10; rest = Math.floor(rest / 10)) digits++;
  for (let i = at + digits - 1, rest = n; i >= at; i--, rest = Math.floor(rest / 10)) out[i] = 0x30 + (rest % 10);
  return at + digits;
}

function csvField(value: string | null): string {
  if (value === null) return '';
  return /[",\n\r]/.test(value) || value === '' ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The longest line a scanner accepts unless told otherwise (IMPORT_MAX_LINE_BYTES). */
export const DEFAULT_MAX_LINE_BYTES = 64 * 1024;
/** Bytes scanned between two turns of the event loop: a large chunk never blocks it for long. */
const SLICE = 64 * 1024;

export interface ScannerOptions {
  onProgress?: (records: number, bytes: number) => void;
  /** A line longer than this stops the scan: `tooLong` names it. */
  maxLineBytes?: number;
}

/**
 * The scanner: a Transform from the file's bytes to staging CSV. Also hashes the
 * file (the batch's content hash), counts lines for the progress, checks the
 * header and keeps up to a thousand line errors, in line order.
 *
 * Linear on any input: the part of a line that spans chunks is kept as a list of
 * pieces and joined once, when its end arrives, and a line longer than
 * `maxLineBytes` ends the scan (`tooLong`; the rest is only hashed). It yields
 * to the event loop between slices of 64 KB. It never emits an error for what a
 * file holds: the caller reads `headerError`, `errors` and `tooLong` afterwards.
 */
export class SettlementScanner extends Transform {
  readonly errors: LineError[] = [];
  headerError: LineError | null = null;
  /** The line that was longer than the limit, if one was. */
  tooLong: { line: number; maxBytes: number } | null = null;
  /** Records read so far, the header included (empty lines are skipped). */
  records = 0;
  /** Good lines written out. */
  staged = 0;
  bytes = 0;
  private readonly hash = createHash('sha256');
  /** The start of a line whose end has not arrived yet, in pieces. */
  private pending: Buffer[] = [];
  private pendingLength = 0;
  private out = Buffer.allocUnsafe(OUT_CHUNK);
  private outLength = 0;
  private atStart = true;
  /** End offsets of the current line's fields; a line with more than 8 is not a good one. */
  private readonly ends = new Int32Array(9);
  private readonly onProgress: ((records: number, bytes: number) => void) | undefined;
  private readonly maxLineBytes: number;

  constructor(options: ScannerOptions = {}) {
    super();
    this.onProgress = options.onProgress;
    this.maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  }

  digest(): string {
    return this.hash.digest('hex');
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    let at = 0;
    const next = () => {
      try {
        const end = Math.min(chunk.length, at + SLICE);
        if (!this.tooLong) this.scan(chunk.subarray(at, end));
        at = end;
      } catch (error) {
        return done(error as Error);
      }
      if (at < chunk.length) setImmediate(next);
      else setImmediate(done);
    };
    next();
  }

  private lineTooLong(): void {
    this.tooLong = { line: this.records + 1, maxBytes: this.maxLineBytes };
    this.pending = [];
    this.pendingLength = 0;
  }

  /** Keeps the start of an unfinished line (a copy: the chunk's memory may be reused). */
  private keep(part: Buffer): void {
    this.pendingLength += part.length;
    if (this.pendingLength > this.maxLineBytes) return this.lineTooLong();
    this.pending.push(Buffer.from(part));
  }

  private scan(chunk: Buffer): void {
    let buf = chunk;
    let from = 0;
    if (this.atStart) {
      buf = this.pendingLength ? Buffer.concat([...this.pending, chunk]) : chunk;
      this.pending = [];
      this.pendingLength = 0;
      if (buf.length < 3) return this.keep(buf);
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) from = 3;
      this.atStart = false;
    } else if (this.pendingLength) {
      // Only the line that spans chunks is joined, once, when its end arrives.
      const nl = chunk.indexOf(0x0a);
      if (nl === -1) return this.keep(chunk);
      if (this.pendingLength + nl > this.maxLineBytes) return this.lineTooLong();
      const spanning = Buffer.concat([...this.pending, chunk.subarray(0, nl)]);
      this.pending = [];
      this.pendingLength = 0;
      this.line(spanning, 0, spanning.length);
      from = nl + 1;
    }
    for (let nl = buf.indexOf(0x0a, from); nl !== -1; nl = buf.indexOf(0x0a, from)) {
      if (nl - from > this.maxLineBytes) return this.lineTooLong();
      this.line(buf, from, nl);
      from = nl + 1;
    }
    if (from < buf.length) this.keep(buf.subarray(from));
    this.flush();
  }

  override _flush(done: TransformCallback): void {
    if (this.pendingLength && !this.tooLong) {
      const rest = Buffer.concat(this.pending);
      this.pending = [];
      this.pendingLength = 0;
      let from = 0;
      if (this.atStart && rest.length >= 3 && rest[0] === 0xef && rest[1] === 0xbb && rest[2] === 0xbf) from = 3;
      this.line(rest, from, rest.length);
    }
    this.flush();
    this.onProgress?.(this.records, this.bytes);
    done();
  }

  private flush(): void {
    if (!this.outLength) return;
    this.push(Buffer.from(this.out.subarray(0, this.outLength)));
    this.outLength = 0;
  }

  private line(buf: Buffer, start: number, end: number): void {
    if (end > start && buf[end - 1] === 0x0d) end--;
    if (end === start) return; // an empty line
    const lineNo = ++this.records;
    if (lineNo % PROGRESS_EVERY === 0) this.onProgress?.(lineNo, this.bytes);
    if (lineNo === 1) return this.header(buf.toString('utf8', start, end));
    // Field ends, and whether the line is plain: printable ASCII without quotes, and no blank at a field's edge.
    const ends = this.ends;
    let count = 0;
    let plain = true;
    let fieldStart = start;
    for (let i = start; i < end; i++) {
      const b = buf[i]!;
      if (b === COMMA) {
        if (count === 8) {
          plain = false;
          break;
        }
        ends[count++] = i;
        fieldStart = i + 1;
      } else if (b === QUOTE || b < 0x20 || b > 0x7e || (b === 0x20 && (i === fieldStart || i + 1 === end || buf[i + 1] === COMMA))) {
        plain = false;
        break;
      }
    }
    if (plain) {
      ends[count++] = end;
      if (checkPlainLine(buf, start, ends, count)) {
        this.write8(lineNo, buf, start, end, count === 7);
        return;
      }
    }
    this.slowLine(buf.toString('utf8', start, end), lineNo);
  }

  private header(text: string): void {
    const fields = this.fields(text);
    if (
      !fields ||
      fields
        .map((h) => h.trim())
        .slice(0, 7)
        .join(',') !== settlementColumns.slice(0, 7).join(',')
    ) {
      this.headerError = { line: 1, reason: 'HEADER', detail: settlementColumns.join(',') };
    }
  }

  private fields(text: string): string[] | null {
    try {
      return (parseCsv(text, { relax_column_count: true }) as string[][])[0] ?? [''];
    } catch {
      return null;
    }
  }

  private slowLine(text: string, lineNo: number): void {
    const fields = this.fields(text);
    const parsed: Change | LineError = fields ? parseSettlementRecord(fields, lineNo) : { line: lineNo, reason: 'QUOTES' };
    if (!isChange(parsed)) {
      if (this.errors.length < MAX_ERRORS) this.errors.push(parsed);
      return;
    }
    this.writeText(`${stageRow(parsed).map(csvField).join(',')}\n`);
  }

  /** `lineNo,` and the line's bytes (with an empty eighth field when it has seven). */
  private write8(lineNo: number, buf: Buffer, start: number, end: number, seven: boolean): void {
    const length = end - start;
    if (this.outLength + length + 24 > this.out.length) this.flush();
    if (length + 24 > this.out.length) return this.writeText(`${lineNo},${buf.toString('latin1', start, end)}${seven ? ',' : ''}\n`);
    this.outLength = writeDigits(this.out, this.outLength, lineNo);
    this.out[this.outLength++] = COMMA;
    // A byte loop: for a line's few dozen bytes it is cheaper than Buffer#copy's call.
    const out = this.out;
    let at = this.outLength;
    for (let i = start; i < end; i++) out[at++] = buf[i]!;
    this.outLength = at;
    if (seven) this.out[this.outLength++] = COMMA;
    this.out[this.outLength++] = 0x0a;
    this.staged++;
  }

  private writeText(text: string): void {
    const length = Buffer.byteLength(text);
    if (this.outLength + length > this.out.length) this.flush();
    if (length > this.out.length) {
      this.push(Buffer.from(text));
    } else {
      this.outLength += this.out.write(text, this.outLength);
    }
    this.staged++;
  }
}
