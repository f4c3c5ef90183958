import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { eq } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { withBulkTransaction } from '../../platform/db/bulk.ts';
import { AppError } from '../../platform/errors.ts';
import { audit, type Actor, type RequestMeta } from '../../platform/audit/audit.ts';
import { isBusinessType, categories, type Category } from './business-types.ts';
import { applyStaged, stageFromStream, type Change, type LineError } from './ledger.ts';
import { changeBatches } from './schema.ts';

/**
 * Settlement import: a CSV batch of holding changes with a batch id, streamed
 * (memory stays flat), validated as a whole and applied atomically. A batch
 * already applied is reported and changes nothing.
 *
 * Columns (header line required):
 *   account_number,market,security_code,business_type,category,quantity,effective_on,reference
 */
export const settlementColumns = ['account_number', 'market', 'security_code', 'business_type', 'category', 'quantity', 'effective_on', 'reference'] as const;

const QUANTITY = /^-?[1-9]\d{0,17}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_PARSE_ERRORS = 1000;

export type ImportResult = { status: 'applied'; batchId: string; rows: number } | { status: 'already_applied'; batchId: string; rows: number };

export interface ImportProgress {
  (rowsRead: number, bytesRead: number): void;
}

function validDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

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
  if (!validDate(effectiveOn!)) return { line: lineNo, reason: 'DATE_FORMAT', detail: effectiveOn };
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

export async function importSettlementBatch(
  ctx: AppContext,
  meta: RequestMeta,
  actor: Actor,
  input: { batchId: string; stream: Readable },
  onProgress?: ImportProgress,
): Promise<ImportResult> {
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(input.batchId)) throw new AppError('BATCH_FILE_INVALID', { reason: 'batch id: 1-64 letters, digits, . _ -' });
  const hash = createHash('sha256');
  let bytes = 0;
  input.stream.on('data', (chunk: Buffer) => {
    hash.update(chunk);
    bytes += chunk.length;
  });
  const parseErrors: LineError[] = [];
  const parser = input.stream.pipe(parse({ relax_column_count: true, skip_empty_lines: true, bom: true }));

  async function* changes(): AsyncIterable<Change> {
    let lineNo = 0;
    for await (const record of parser as AsyncIterable<string[]>) {
      lineNo++;
      if (lineNo === 1) {
        if (record.map((h) => h.trim()).slice(0, 7).join(',') !== settlementColumns.slice(0, 7).join(',')) {
          parseErrors.push({ line: 1, reason: 'HEADER', detail: settlementColumns.join(',') });
        }
        continue;
      }
      const parsed = parseSettlementRecord(record, lineNo);
      if (isChange(parsed)) yield parsed;
      else if (parseErrors.length < MAX_PARSE_ERRORS) parseErrors.push(parsed);
      if (lineNo % 20_000 === 0) onProgress?.(lineNo, bytes);
    }
    onProgress?.(lineNo, bytes);
  }

  return withBulkTransaction(ctx.database, async (ex, load) => {
    const staged = await stageFromStream(ex, load, changes());
    if (parseErrors.length) throw new AppError('BATCH_REJECTED', { errors: parseErrors });
    const contentHash = hash.digest('hex');
    const [existing] = await ex.select().from(changeBatches).where(eq(changeBatches.id, input.batchId));
    if (existing) {
      if (existing.contentHash !== contentHash) throw new AppError('BATCH_ID_REUSED', { batchId: input.batchId });
      return { status: 'already_applied' as const, batchId: input.batchId, rows: existing.rowCount };
    }
    if (staged === 0) throw new AppError('BATCH_FILE_INVALID', { reason: 'no rows' });
    const now = ctx.clock.now();
    const rowsApplied = await applyStaged(ex, input.batchId, now);
    await ex.insert(changeBatches).values({ id: input.batchId, source: 'settlement', contentHash, rowCount: rowsApplied, status: 'applied', appliedAt: now, appliedBy: actor.id ?? actor.kind });
    await audit(ex, now, meta, { actor, action: 'registry.settlement_batch_applied', objectType: 'change_batch', objectId: input.batchId, details: { rows: rowsApplied } });
    return { status: 'applied' as const, batchId: input.batchId, rows: rowsApplied };
  });
}
