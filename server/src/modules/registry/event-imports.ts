import type { Readable } from 'node:stream';
import { and, count, desc, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../platform/errors.ts';
import { jobs } from '../../platform/db/schema.ts';
import type { Actor, RequestMeta } from '../../platform/audit/audit.ts';
import type { JobDefinition } from '../../platform/jobs/queue.ts';
import { abandonmentImport } from './abandonments.ts';
import { BATCH_ID, importCsvBatch, type CsvBatchSpec } from './csv-batch.ts';
import { paymentImport, subscriptionImport, winningTailImport } from './ipo-imports.ts';
import { riskDisclosureImport } from './risk-disclosures.ts';
import type { ImportProgress, ImportResult } from './settlement-import.ts';

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
  input: { batchId: string; stream: Readable },
  onProgress?: ImportProgress,
): Promise<ImportResult> {
  return importCsvBatch(ctx, meta, actor, eventImports[kind], input, onProgress);
}

export const EVENT_IMPORT_JOB = 'registry.event_import';
const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;

interface EventImportPayload extends Record<string, unknown> {
  kind: EventImportKind;
  batchId: string;
  fileKey: string;
  fileName: string;
  bytes: number;
  actorId: string | null;
  requestId: string | null;
  ip: string | null;
}

export async function submitEventFile(ctx: AppContext, meta: RequestMeta, actor: Actor, input: { kind: EventImportKind; batchId: string; fileName: string; stream: Readable }) {
  if (!BATCH_ID.test(input.batchId)) throw new AppError('BATCH_FILE_INVALID', { reason: 'batch id: 1-64 letters, digits, . _ -' });
  const { key, bytes } = await ctx.files.save('imports', 'csv', input.stream, MAX_UPLOAD_BYTES);
  const payload: EventImportPayload = {
    kind: input.kind,
    batchId: input.batchId,
    fileKey: key,
    fileName: input.fileName.slice(0, 200),
    bytes,
    actorId: actor.id ?? null,
    requestId: meta.requestId ?? null,
    ip: meta.ip ?? null,
  };
  const jobId = await ctx.jobs.enqueue(ctx.db, EVENT_IMPORT_JOB, payload);
  return { jobId, bytes };
}

export function eventImportJob(ctx: AppContext): JobDefinition<EventImportPayload> {
  return {
    name: EVENT_IMPORT_JOB,
    version: 1,
    maxAttempts: 3,
    handler: async (payload, job) => {
      await job.progress(0, payload.bytes);
      let lastReport = 0;
      try {
        const result = await importEventBatch(
          ctx,
          { requestId: payload.requestId, ip: payload.ip },
          { kind: 'staff', id: payload.actorId },
          payload.kind,
          { batchId: payload.batchId, stream: ctx.files.read(payload.fileKey) },
          (_rows, bytes) => {
            if (bytes - lastReport < 1_000_000 && bytes < payload.bytes) return;
            lastReport = bytes;
            void job.progress(bytes, payload.bytes);
          },
        );
        await job.progress(payload.bytes, payload.bytes);
        await ctx.files.remove(payload.fileKey);
        return { ...result };
      } catch (error) {
        // A rejected batch is an answer, not a failure to retry.
        if (error instanceof AppError && ['BATCH_REJECTED', 'BATCH_ID_REUSED', 'BATCH_FILE_INVALID'].includes(error.code)) {
          await ctx.files.remove(payload.fileKey);
          return { status: 'rejected', code: error.code, ...error.details };
        }
        throw error;
      }
    },
  };
}

export async function listEventImports(ctx: AppContext, input: { kind?: EventImportKind; page: number; pageSize: number }) {
  const where = and(eq(jobs.name, EVENT_IMPORT_JOB), input.kind ? sql`${jobs.payload}->>'kind' = ${input.kind}` : undefined);
  const [items, [total]] = await Promise.all([
    ctx.db.select().from(jobs).where(where).orderBy(desc(jobs.createdAt)).limit(input.pageSize).offset((input.page - 1) * input.pageSize),
    ctx.db.select({ n: count() }).from(jobs).where(where),
  ]);
  return {
    total: Number(total?.n ?? 0),
    items: items.map((j) => {
      const p = j.payload as EventImportPayload;
      return {
        jobId: j.id,
        kind: p.kind,
        batchId: p.batchId,
        fileName: p.fileName,
        bytes: p.bytes,
        status: j.status,
        progressDone: j.progressDone,
        progressTotal: j.progressTotal,
        result: j.result ?? null,
        lastError: j.lastError,
        createdAt: j.createdAt.toISOString(),
        finishedAt: j.finishedAt?.toISOString() ?? null,
      };
    }),
  };
}
