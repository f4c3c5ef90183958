import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../../context.ts';
import { withBulkTransaction } from '../../../platform/db/bulk.ts';
import { rows, type Executor } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { isIsoDate } from '../../../kernel/dates.ts';
import { audit, type Actor, type RequestMeta } from '../../../platform/audit/audit.ts';
import { applyBatchOnce, type LineError } from '../ledger/index.ts';
import type { ImportProgress, ImportResult } from './settlement-import.ts';
import { abortable, LineGuard } from './line-guard.ts';

/**
 * The shape every registry CSV import after the settlement one shares: a batch
 * id, a header line, each line checked on its own as it streams in, then staged
 * (all text) into a temporary table and checked as a whole in SQL; any bad line
 * rejects the batch naming each line and nothing is applied. `change_batches`
 * makes it idempotent: the same id and content is "already applied", the same
 * id with other content is refused.
 */
export interface CsvBatchSpec {
  /** change_batches.source and the audit action's name */
  source: string;
  /** the header, in order; the staged table has line_no and these columns */
  columns: readonly string[];
  /** Checks one line; returns its values (one per column, normalised) or why it is bad. */
  parseLine(values: string[], lineNo: number): string[] | LineError;
  /** Checks the staged lines as a whole (table `stage_csv`); returns the bad ones. */
  check(ctx: AppContext, ex: Executor): Promise<LineError[]>;
  /** Writes the batch; returns the rows written. */
  apply(ctx: AppContext, ex: Executor, batchId: string, now: Date): Promise<number>;
}

export const BATCH_ID = /^[A-Za-z0-9_.-]{1,64}$/;
const MAX_ERRORS = 1000;
/** Refuses a date filter that is not a real calendar date (2024-02-30), before SQL would. */
export function checkDates(dates: Record<string, string | undefined>): void {
  for (const [field, value] of Object.entries(dates)) if (value !== undefined && !isIsoDate(value)) throw new AppError('VALIDATION_FAILED', { field });
}

export const POSITIVE = /^[1-9]\d{0,17}$/;
export const NON_NEGATIVE = /^(0|[1-9]\d{0,17})$/;

/** A parser's complaint about the file's CSV (an unclosed quote, a record over the limit) as a rejected batch naming the line. */
function rejectionOf(error: unknown): AppError | null {
  if (error instanceof CsvError)
    return new AppError('BATCH_REJECTED', {
      errors: [
        {
          line: Number((error as CsvError & { lines?: number }).lines ?? 0),
          reason: error.code === 'CSV_QUOTE_NOT_CLOSED' || error.code.startsWith('CSV_INVALID_CLOSING_QUOTE') ? 'QUOTES' : 'CSV_SYNTAX',
          detail: error.code,
        },
      ],
    });
  return null;
}

export async function importCsvBatch(
  ctx: AppContext,
  meta: RequestMeta,
  actor: Actor,
  spec: CsvBatchSpec,
  input: { batchId: string; stream: Readable; signal?: AbortSignal },
  onProgress?: ImportProgress,
): Promise<ImportResult> {
  if (!BATCH_ID.test(input.batchId)) throw new AppError('BATCH_FILE_INVALID', { reason: 'batch id: 1-64 letters, digits, . _ -' });
  const hash = createHash('sha256');
  let bytes = 0;
  const source = abortable(input.stream, input.signal);
  source.on('data', (chunk: Buffer) => {
    hash.update(chunk);
    bytes += chunk.length;
  });
  const parseErrors: LineError[] = [];
  const maxLineBytes = ctx.config.importMaxLineBytes;
  const guard = new LineGuard(maxLineBytes);
  const parser = parse({ relax_column_count: true, skip_empty_lines: true, bom: true, max_record_size: maxLineBytes });
  // Every stream has its error listener before the first await: a parser error (an unclosed quote) raised while
  // the transaction opens would otherwise be an unhandled 'error' event and end the process. The error reaches
  // the import through the parser, whose iteration below rethrows it.
  source.once('error', (error) => guard.destroy(error));
  guard.once('error', (error) => parser.destroy(error));
  parser.on('error', () => {});
  source.pipe(guard).pipe(parser);

  async function* lines(): AsyncIterable<(string | null)[]> {
    let lineNo = 0;
    for await (const record of parser as AsyncIterable<string[]>) {
      lineNo++;
      if (lineNo === 1) {
        if (record.map((h) => h.trim()).join(',') !== spec.columns.join(',')) parseErrors.push({ line: 1, reason: 'HEADER', detail: spec.columns.join(',') });
        continue;
      }
      const values = record.map((v) => v.trim());
      const parsed = values.length !== spec.columns.length ? { line: lineNo, reason: 'COLUMN_COUNT', detail: `${values.length}` } : spec.parseLine(values, lineNo);
      if (Array.isArray(parsed)) yield [String(lineNo), ...parsed];
      else if (parseErrors.length < MAX_ERRORS) parseErrors.push(parsed);
      if (lineNo % 20_000 === 0) onProgress?.(lineNo, bytes);
    }
    onProgress?.(lineNo, bytes);
  }

  try {
    return await stageAndApply();
  } catch (error) {
    if (guard.tooLong) throw new AppError('LINE_TOO_LONG', guard.tooLong);
    throw rejectionOf(error) ?? error;
  }

  function stageAndApply() {
    return withBulkTransaction(ctx.database, async (ex, load) => {
      await ex.execute(sql`drop table if exists stage_csv`);
      await ex.execute(sql.raw(`create temp table stage_csv (line_no int, ${spec.columns.map((c) => `${c} text`).join(', ')}) on commit drop`));
      const staged = await load('stage_csv', ['line_no', ...spec.columns], lines());
      if (guard.tooLong) throw new AppError('LINE_TOO_LONG', guard.tooLong);
      if (parseErrors.length) throw new AppError('BATCH_REJECTED', { errors: parseErrors });
      input.signal?.throwIfAborted();
      const now = ctx.clock.now();
      const outcome = await applyBatchOnce(ex, actor, now, { source: spec.source, batchId: input.batchId, fingerprint: hash.digest('hex') }, async () => {
        if (staged === 0) throw new AppError('BATCH_FILE_INVALID', { reason: 'no rows' });
        await ex.execute(sql`analyze stage_csv`);
        const lineErrors = await spec.check(ctx, ex);
        if (lineErrors.length) throw new AppError('BATCH_REJECTED', { errors: lineErrors.sort((a, b) => a.line - b.line).slice(0, MAX_ERRORS) });
        return spec.apply(ctx, ex, input.batchId, now);
      });
      if (outcome.status === 'applied') await audit(ex, now, meta, { actor, action: `registry.${spec.source}_applied`, objectType: 'change_batch', objectId: input.batchId, details: { rows: outcome.rows } });
      return outcome;
    });
  }
}

/**
 * Runs a check query that yields (line, reason, detail) for every bad line, one
 * reason per line: the first CASE branch that holds.
 */
export async function lineErrors(ex: Executor, query: SQL): Promise<LineError[]> {
  const found = await rows<{ line: number; reason: string; detail: string | null }>(ex, sql`select line, reason, detail from (${query}) e where reason is not null order by line limit ${MAX_ERRORS}`);
  return found.map((r) => ({
    line: Number(r.line),
    reason: r.reason,
    ...(r.detail ? { detail: r.detail } : {}),
  }));
}
