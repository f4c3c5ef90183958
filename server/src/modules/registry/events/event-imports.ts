import type { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../../context.ts';
import { jobs } from '../../../platform/db/schema.ts';
import type { Actor, RequestMeta } from '../../../platform/audit/audit.ts';
import type { JobDefinition } from '../../../platform/jobs/queue.ts';
import { abandonmentImport } from './abandonments.ts';
import { type CsvBatchSpec, importCsvBatch, type ImportProgress, type ImportResult, listUploadedBatches, storeUploadedBatch, type UploadedBatch, uploadedBatchJob } from '../settlement/index.ts';
import { paymentImport, subscriptionImport, winningTailImport } from './ipo-imports.ts';
import { riskDisclosureImport } from './risk-disclosures.ts';
import { closingPriceImport } from './closing-prices.ts';

/**
 * The corporate-event imports by kind (the name the API and the command line
 * use), and the job that runs an uploaded file with progress, like the
 * settlement upload in import-jobs.ts.
 */
export const eventImports = {
  'ipo-subscriptions': subscriptionImport,
  'ipo-winning-tails': winningTailImport,
  'ipo-payments': paymentImport,
  abandonments: abandonmentImport,
  'risk-disclosures': riskDisclosureImport,
  'closing-prices': closingPriceImport,
} as const satisfies Record<string, CsvBatchSpec>;

export type EventImportKind = keyof typeof eventImports;
export const eventImportKinds = Object.keys(eventImports) as EventImportKind[];

export function isEventImportKind(value: string): value is EventImportKind {
  return Object.hasOwn(eventImports, value);
}

export function importEventBatch(
  ctx: AppContext,
  meta: RequestMeta,
  actor: Actor,
  kind: EventImportKind,
  input: { batchId: string; stream: Readable; signal?: AbortSignal },
  onProgress?: ImportProgress,
): Promise<ImportResult> {
  return importCsvBatch(ctx, meta, actor, eventImports[kind], input, onProgress);
}

/** Closing-price files have their own cap: a day of a market is a few thousand lines, far less than a subscription file. */
function uploadCapMb(ctx: AppContext, kind: EventImportKind): number {
  return kind === 'closing-prices' ? ctx.config.priceUploadMaxMb : ctx.config.eventUploadMaxMb;
}

export const EVENT_IMPORT_JOB = 'registry.event_import';

interface EventImportPayload extends UploadedBatch {
  kind: EventImportKind;
}

export async function submitEventFile(ctx: AppContext, meta: RequestMeta, actor: Actor, input: { kind: EventImportKind; batchId: string; fileName: string; stream: Readable }) {
  const payload: EventImportPayload = { kind: input.kind, ...(await storeUploadedBatch(ctx, meta, actor, input, uploadCapMb(ctx, input.kind) * 1024 * 1024)) };
  const jobId = await ctx.jobs.enqueue(ctx.db, EVENT_IMPORT_JOB, payload);
  return { jobId, bytes: payload.bytes };
}

export function eventImportJob(ctx: AppContext): JobDefinition<EventImportPayload> {
  return uploadedBatchJob<EventImportPayload>(ctx, EVENT_IMPORT_JOB, (payload, meta, actor, input, onProgress) => importEventBatch(ctx, meta, actor, payload.kind, input, onProgress));
}

export function listEventImports(ctx: AppContext, input: { kind?: EventImportKind; page: number; pageSize: number }) {
  return listUploadedBatches(ctx, EVENT_IMPORT_JOB, input, {
    where: input.kind ? sql`${jobs.payload}->>'kind' = ${input.kind}` : undefined,
    fields: (p: EventImportPayload) => ({ kind: p.kind }),
  });
}
