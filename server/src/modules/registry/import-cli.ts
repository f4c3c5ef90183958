import { createReadStream, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { Presets, SingleBar } from 'cli-progress';
import { InvalidArgumentError, type Command } from 'commander';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../platform/errors.ts';
import { commandGroup, type OpenContext } from '../../platform/modules.ts';
import { type EventImportKind, eventImports, importEventBatch } from './events/index.ts';
import { importSettlementBatch, settlementColumns, type ImportProgress, type ImportResult } from './settlement/index.ts';

const descriptions: Record<EventImportKind, string> = {
  'ipo-subscriptions': 'IPO subscriptions (申购): checked whole; the first of each investor within the quota is numbered (配号) in order of arrival, the rest kept as invalid; applied once',
  'ipo-winning-tails': 'winning tails (中签号码) of offerings: records them and computes every subscription’s winnings',
  'ipo-payments': 'payment results of winnings (缴款): an unpaid or partly paid winning becomes an abandonment',
  abandonments: 'abandoned subscriptions (放弃认购) of any product: new shares, CDRs, convertible and exchangeable bonds',
  'risk-disclosures': 'risk-disclosure signings (风险揭示书签署) reported by brokers',
  'closing-prices': 'daily closing prices (收盘价) of a market: each market and trading day once; the subscription quota counts in them',
};

type RunImport = (ctx: AppContext, input: { batchId: string; stream: Readable }, onProgress: ImportProgress) => Promise<ImportResult>;

/**
 * Runs one batch file import from the command line: a progress bar over the file's
 * bytes, the outcome in one line, and for a rejected batch every bad line (exit 1).
 */
export async function importFileWithProgress(open: OpenContext, file: string, options: { batchId?: string; label: string; unit: string }, run: RunImport): Promise<void> {
  if (!existsSync(file)) throw new InvalidArgumentError(`no such file: ${file}`);
  const total = statSync(file).size;
  const batchId = options.batchId ?? path.basename(file).replace(/\.[^.]*$/, '');
  const bar = new SingleBar({ format: `${options.label} {bar} {percentage}% | {rows} lines | {eta_formatted} left`, etaBuffer: 50 }, Presets.shades_classic);
  const { ctx, close } = await open();
  try {
    bar.start(total, 0, { rows: 0 });
    const result = await run(ctx, { batchId, stream: createReadStream(file) }, (rows, bytes) => bar.update(bytes, { rows }));
    bar.update(total);
    bar.stop();
    console.log(result.status === 'applied' ? `batch ${batchId}: ${result.rows} ${options.unit} applied` : `batch ${batchId} was applied before (${result.rows} ${options.unit}): nothing changed`);
  } catch (error) {
    bar.stop();
    if (error instanceof AppError && error.code === 'BATCH_REJECTED') {
      const errors = error.details.errors as { line: number; reason: string; detail?: string | null }[];
      console.error(`batch ${batchId} rejected, nothing applied. Lines to fix:`);
      for (const e of errors) console.error(`  line ${e.line}: ${e.reason}${e.detail ? ` (${e.detail})` : ''}`);
      process.exit(1);
    }
    throw error;
  } finally {
    await close();
  }
}

/** `clearhall import settlement <file>` and `clearhall import <kind> <file>` for each corporate-event import. */
export function addImportCommands(program: Command, open: OpenContext): void {
  const parent = commandGroup(program, 'import', 'import a file into the registry');
  for (const kind of Object.keys(eventImports) as EventImportKind[]) {
    parent
      .command(`${kind} <file>`)
      .description(descriptions[kind])
      .option('--batch-id <id>', 'batch id (default: the file name without extension)')
      .addHelpText('after', `\nColumns: ${eventImports[kind].columns.join(',')}`)
      .action((file: string, options: { batchId?: string }) =>
        importFileWithProgress(open, file, { batchId: options.batchId, label: kind, unit: 'rows' }, (ctx, input, onProgress) =>
          importEventBatch(ctx, { requestId: 'cli' }, { kind: 'system', id: 'cli' }, kind, input, onProgress),
        ),
      );
  }
  parent
    .command('settlement <file>')
    .description('apply a settlement batch (CSV of holding changes): validated whole, applied atomically, once')
    .option('--batch-id <id>', 'batch id (default: the file name without extension)')
    .addHelpText('after', `\nColumns: ${settlementColumns.join(',')}`)
    .action((file: string, options: { batchId?: string }) =>
      importFileWithProgress(open, file, { batchId: options.batchId, label: 'importing', unit: 'changes' }, (ctx, input, onProgress) =>
        importSettlementBatch(ctx, { requestId: 'cli' }, { kind: 'system', id: 'cli' }, input, onProgress),
      ),
    );
}
