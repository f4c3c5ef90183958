import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { stageRow } from '../ledger/index.ts';
import { DEFAULT_MAX_LINE_BYTES, parseSettlementRecord, SettlementScanner, settlementColumns } from './settlement-scanner.ts';

const HEADER = settlementColumns.join(',');

/** Runs a file through the scanner: the staging CSV rows (parsed back) and the errors. */
async function scan(text: string | Buffer, chunkSize = 7): Promise<{ rows: string[][]; errors: unknown[]; header: unknown; records: number }> {
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text);
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunkSize) chunks.push(bytes.subarray(i, i + chunkSize));
  const scanner = new SettlementScanner();
  const out: Buffer[] = [];
  for await (const chunk of Readable.from(chunks).pipe(scanner)) out.push(chunk as Buffer);
  const csv = Buffer.concat(out).toString('utf8');
  return { rows: csv ? (parse(csv, { relax_column_count: true }) as string[][]) : [], errors: scanner.errors, header: scanner.headerError, records: scanner.records };
}

/** What the reference definition says: csv-parse, then parseSettlementRecord, line by line. */
function reference(lines: string[]) {
  const rows: string[][] = [];
  const errors: unknown[] = [];
  let lineNo = 1;
  for (const line of lines) {
    if (line === '') continue;
    lineNo++;
    let record: string[];
    try {
      record = (parse(line, { relax_column_count: true }) as string[][])[0] ?? [''];
    } catch {
      errors.push({ line: lineNo, reason: 'QUOTES' });
      continue;
    }
    const parsed = parseSettlementRecord(record, lineNo);
    if ('accountNumber' in parsed) rows.push(stageRow(parsed).map((v) => v ?? ''));
    else errors.push(parsed);
  }
  return { rows, errors };
}

const good = 'A123456789,SH,600000,trade_settlement,tradable,-100,2024-03-01,T1';

describe('settlement scanner', () => {
  it('passes plain good lines through with their line number, and adds the missing eighth field', async () => {
    const result = await scan(`${HEADER}\n${good}\r\nB000000001,SZ,000001,initial_registration,restricted,5,2024-02-29\n`);
    expect(result.header).toBeNull();
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([
      ['2', 'A123456789', 'SH', '600000', 'trade_settlement', 'tradable', '-100', '2024-03-01', 'T1'],
      ['3', 'B000000001', 'SZ', '000001', 'initial_registration', 'restricted', '5', '2024-02-29', ''],
    ]);
  });

  it('reports every bad line with its number and reason, as the line-by-line definition does', async () => {
    const lines = [
      'A12345678,SH,600000,trade_settlement,tradable,1,2024-03-01,',
      'A123456789,SS,600000,trade_settlement,tradable,1,2024-03-01,',
      'A123456789,SH,60000X,trade_settlement,tradable,1,2024-03-01,',
      'A123456789,SH,600000,trade,tradable,1,2024-03-01,',
      'A123456789,SH,600000,trade_settlement,free,1,2024-03-01,',
      'A123456789,SH,600000,trade_settlement,tradable,1.5,2024-03-01,',
      'A123456789,SH,600000,trade_settlement,tradable,0,2024-03-01,',
      'A123456789,SH,600000,trade_settlement,tradable,1,2023-02-29,',
      'A123456789,SH,600000,trade_settlement,tradable,1,0000-01-01,',
      `A123456789,SH,600000,trade_settlement,tradable,1,2024-03-01,${'x'.repeat(101)}`,
      'A123456789,SH,600000',
      ' A123456789 ,SH,600000,trade_settlement, tradable ,7,2024-03-01,"a, quoted ""ref"""',
      'A123456789,SH,600000,trade_settlement,tradable,7,2024-03-01,"unclosed',
      '',
      'A123456789,SH,600000,trade_settlement,tradable,7,2024-03-01,备注',
    ];
    const result = await scan(`${HEADER}\n${lines.join('\n')}`);
    const expected = reference(lines);
    expect(result.errors).toEqual(expected.errors);
    expect(result.rows).toEqual(expected.rows);
    expect((result.errors as { reason: string }[]).map((e) => e.reason)).toEqual([
      'ACCOUNT_FORMAT',
      'MARKET',
      'SECURITY_FORMAT',
      'UNKNOWN_BUSINESS_TYPE',
      'UNKNOWN_CATEGORY',
      'QUANTITY_FORMAT',
      'QUANTITY_FORMAT',
      'DATE_FORMAT',
      'DATE_FORMAT',
      'REFERENCE_TOO_LONG',
      'COLUMN_COUNT',
      'QUOTES',
    ]);
  });

  it('checks the header, and skips a byte-order mark', async () => {
    expect((await scan(`\ufeff${HEADER}\n${good}\n`)).header).toBeNull();
    expect((await scan(`account,market\n${good}\n`)).header).toMatchObject({ line: 1, reason: 'HEADER' });
  });

  it('agrees with the line-by-line definition on random lines, whatever the chunking', { timeout: 60_000 }, async () => {
    const field = fc.oneof(
      fc.constantFrom('A123456789', 'SH', 'SZ', 'BJ', '600000', 'trade_settlement', 'pledge', 'tradable', 'frozen', '-5', '17', '2024-02-29', '2024-13-01', 'T1', ''),
      fc.string({ maxLength: 12 }),
      fc.constantFrom(' SH', '"x,y"', '\t17', '１２', '0'),
    );
    const line = fc
      .oneof(
        fc.array(field, { minLength: 6, maxLength: 9 }).map((fields) => fields.join(',')),
        fc.tuple(fc.nat(7), field).map(([i, v]) =>
          good
            .split(',')
            .map((f, j) => (j === i ? v : f))
            .join(','),
        ),
      )
      .filter((l) => !/[\r\n]/.test(l));
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 20 }), fc.integer({ min: 1, max: 64 }), async (lines, chunkSize) => {
        const result = await scan(`${HEADER}\n${lines.join('\n')}\n`, chunkSize);
        const expected = reference(lines);
        expect(result.errors).toEqual(expected.errors);
        expect(result.rows).toEqual(expected.rows);
      }),
      { numRuns: 200 },
    );
  });

  describe('on a line without end (issue 12: one 200 MB line ran for 24 minutes)', () => {
    const CHUNK = 64 * 1024;
    /** Feeds `bytes` of one line without a newline, after the header, in 64 KB chunks; the time it takes. */
    async function oneLine(bytes: number, maxLineBytes: number) {
      const piece = Buffer.alloc(CHUNK, 0x41);
      const chunks = function* () {
        yield Buffer.from(`${HEADER}\n${good}\n`);
        for (let sent = 0; sent < bytes; sent += CHUNK) yield piece.subarray(0, Math.min(CHUNK, bytes - sent));
      };
      const scanner = new SettlementScanner({ maxLineBytes });
      const started = performance.now();
      let out = 0;
      for await (const chunk of Readable.from(chunks(), { objectMode: false }).pipe(scanner)) out += (chunk as Buffer).length;
      return { ms: performance.now() - started, scanner, out };
    }

    it('rejects a 50 MB line fast, naming it, and still hashes the whole file', async () => {
      const { ms, scanner } = await oneLine(50 * 1024 * 1024, DEFAULT_MAX_LINE_BYTES);
      expect(scanner.tooLong).toEqual({ line: 3, maxBytes: DEFAULT_MAX_LINE_BYTES });
      expect(scanner.staged).toBe(1);
      expect(scanner.bytes).toBe(Buffer.byteLength(`${HEADER}\n${good}\n`) + 50 * 1024 * 1024);
      expect(ms).toBeLessThan(5000);
    });

    it('takes time in proportion to the line, not its square', { timeout: 60_000 }, async () => {
      // The limit just under the line: the whole line is carried over chunk after chunk, and refused at its last byte.
      const run = (bytes: number) => oneLine(bytes, bytes - 1);
      await run(1024 * 1024); // warm-up
      const small = await run(4 * 1024 * 1024);
      const large = await run(16 * 1024 * 1024);
      expect(large.scanner.tooLong).toEqual({ line: 3, maxBytes: 16 * 1024 * 1024 - 1 });
      // Linear: 4x the bytes, about 4x the time; re-joining the carried line with each chunk made it 16x.
      expect(large.ms / Math.max(small.ms, 5)).toBeLessThan(9);
      expect(large.ms).toBeLessThan(3000);
    });

    it('names a long line in the middle of a file by its number, and a normal file still parses', async () => {
      const long = `A123456789,SH,600000,trade_settlement,tradable,1,2024-03-01,${'x'.repeat(300)}`;
      const scanner = new SettlementScanner({ maxLineBytes: 256 });
      const out: Buffer[] = [];
      for await (const chunk of Readable.from([Buffer.from(`${HEADER}\n${good}\n${good}\n${long}\n${good}\n`)]).pipe(scanner)) out.push(chunk as Buffer);
      expect(scanner.tooLong).toEqual({ line: 4, maxBytes: 256 });
      expect((await scan(`${HEADER}\n${good}\n${good}\n`, 5)).rows).toHaveLength(2);
    });
  });
});
