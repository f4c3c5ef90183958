import type { Readable } from 'node:stream';
import type { AppContext } from '../../../context.ts';
import { withBulkTransaction } from '../../../platform/db/bulk.ts';
import { AppError } from '../../../platform/errors.ts';
import { audit, type Actor, type RequestMeta } from '../../../platform/audit/audit.ts';
import { applyBatchOnce, applyStaged, type BatchOutcome, createStage, stageColumns } from '../ledger/index.ts';
import { SettlementScanner } from './settlement-scanner.ts';
import { abortable } from './line-guard.ts';

export { parseSettlementRecord, settlementColumns } from './settlement-scanner.ts';

/**
 * Settlement import: a CSV batch of holding changes with a batch id, streamed
 * (memory stays flat), validated as a whole and applied atomically. A batch
 * already applied is reported and changes nothing.
 *
 * Columns (header line required):
 *   account_number,market,security_code,business_type,category,quantity,effective_on,reference
 *
 * The file's bytes go through SettlementScanner, which checks each line and
 * passes the good ones on as they are, straight into COPY: no object per line in
 * Node. Everything after staging is set-based SQL (ledger.ts).
 */
const MAX_ERRORS = 1000;

export type ImportResult = BatchOutcome;

export interface ImportProgress {
  (rowsRead: number, bytesRead: number): void;
}

export async function importSettlementBatch(ctx: AppContext, meta: RequestMeta, actor: Actor, input: { batchId: string; stream: Readable; signal?: AbortSignal }, onProgress?: ImportProgress): Promise<ImportResult> {
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(input.batchId)) throw new AppError('BATCH_FILE_INVALID', { reason: 'batch id: 1-64 letters, digits, . _ -' });
  const scanner = new SettlementScanner({ onProgress, maxLineBytes: ctx.config.importMaxLineBytes });
  // Piped at once, before any await: a chunk the stream emits meanwhile would otherwise be lost (and the hash wrong).
  // Every stream has its error listener from the start: an error while the transaction opens rejects the import
  // below (through COPY's pipeline), never the process.
  const source = abortable(input.stream, input.signal);
  const csv = source.pipe(scanner);
  source.once('error', (error) => scanner.destroy(error));
  scanner.on('error', () => {});

  return withBulkTransaction(ctx.database, async (ex, _load, loadCsv) => {
    await createStage(ex);
    const staged = await loadCsv('stage_changes', stageColumns, csv);
    if (scanner.tooLong) throw new AppError('LINE_TOO_LONG', scanner.tooLong);
    const lineErrors = [...(scanner.headerError ? [scanner.headerError] : []), ...scanner.errors];
    if (lineErrors.length) throw new AppError('BATCH_REJECTED', { errors: lineErrors.slice(0, MAX_ERRORS) });
    input.signal?.throwIfAborted();
    const now = ctx.clock.now();
    const outcome = await applyBatchOnce(ex, actor, now, { source: 'settlement', batchId: input.batchId, fingerprint: scanner.digest() }, async () => {
      if (staged === 0) throw new AppError('BATCH_FILE_INVALID', { reason: 'no rows' });
      return applyStaged(ex, input.batchId, now);
    });
    if (outcome.status === 'applied') await audit(ex, now, meta, { actor, action: 'registry.settlement_batch_applied', objectType: 'change_batch', objectId: input.batchId, details: { rows: outcome.rows } });
    return outcome;
  });
}
