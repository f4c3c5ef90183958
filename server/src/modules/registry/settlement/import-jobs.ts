import type { Readable } from 'node:stream';
import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../../context.ts';
import { AppError } from '../../../platform/errors.ts';
import { textOnly } from '../../../platform/http/uploads.ts';
import { jobs } from '../../../platform/db/schema.ts';
import type { Actor, RequestMeta } from '../../../platform/audit/audit.ts';
import type { JobDefinition } from '../../../platform/jobs/queue.ts';
import { BATCH_ID } from './csv-batch.ts';
import { importSettlementBatch, type ImportProgress, type ImportResult } from './settlement-import.ts';

export const SETTLEMENT_IMPORT_JOB = 'registry.settlement_import';

/** What an uploaded batch file's job carries: the stored file and who sent it. */
export interface UploadedBatch extends Record<string, unknown> {
  batchId: string;
  fileKey: string;
  fileName: string;
  bytes: number;
  actorId: string | null;
  requestId: string | null;
  ip: string | null;
}

type RunBatch<P extends UploadedBatch> = (payload: P, meta: RequestMeta, actor: Actor, input: { batchId: string; stream: Readable; signal: AbortSignal }, onProgress: ImportProgress) => Promise<ImportResult>;

/** Stores an uploaded batch file (text only, at most maxBytes: FILE_NOT_TEXT, FILE_TOO_LARGE); the caller enqueues the job that imports it. */
export async function storeUploadedBatch(ctx: AppContext, meta: RequestMeta, actor: Actor, input: { batchId: string; fileName: string; stream: Readable }, maxBytes: number): Promise<UploadedBatch> {
  if (!BATCH_ID.test(input.batchId)) throw new AppError('BATCH_FILE_INVALID', { reason: 'batch id: 1-64 letters, digits, . _ -' });
  const { key, bytes } = await ctx.files.save('imports', 'csv', textOnly(input.stream), maxBytes);
  return { batchId: input.batchId, fileKey: key, fileName: input.fileName.slice(0, 200), bytes, actorId: actor.id ?? null, requestId: meta.requestId ?? null, ip: meta.ip ?? null };
}

/**
 * The job that imports a stored batch file, reporting progress in bytes. A rejected
 * batch is an answer (its reasons are the job's result), not a failure to retry.
 * The file is one batch, applied in one transaction: a job told to stop (its
 * signal) rolls the batch back and runs it again, whole, after the restart.
 */
export function uploadedBatchJob<P extends UploadedBatch>(ctx: AppContext, name: string, run: RunBatch<P>): JobDefinition<P> {
  return {
    name,
    version: 1,
    maxAttempts: 3,
    handler: async (payload, job) => {
      await job.progress(0, payload.bytes);
      let lastReport = 0;
      try {
        const result = await run(
          payload,
          { requestId: payload.requestId, ip: payload.ip },
          { kind: 'staff', id: payload.actorId },
          { batchId: payload.batchId, stream: ctx.files.read(payload.fileKey), signal: job.signal },
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
        if (error instanceof AppError && ['BATCH_REJECTED', 'BATCH_ID_REUSED', 'BATCH_FILE_INVALID', 'LINE_TOO_LONG'].includes(error.code)) {
          await ctx.files.remove(payload.fileKey);
          return { status: 'rejected', code: error.code, ...error.details };
        }
        throw error;
      }
    },
  };
}

/** The uploads of one job kind, newest first, with their progress and outcome. */
export async function listUploadedBatches<P extends UploadedBatch, X extends object>(ctx: AppContext, jobName: string, page: { page: number; pageSize: number }, extra: { where?: SQL; fields: (payload: P) => X }) {
  const where = and(eq(jobs.name, jobName), extra.where);
  const [items, [total]] = await Promise.all([
    ctx.db
      .select()
      .from(jobs)
      .where(where)
      .orderBy(desc(jobs.createdAt))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    ctx.db.select({ n: count() }).from(jobs).where(where),
  ]);
  return {
    total: Number(total?.n ?? 0),
    items: items.map((j) => {
      const p = j.payload as P;
      return {
        jobId: j.id,
        ...extra.fields(p),
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

/** Staff upload: the file is stored, then a job imports it and reports progress in bytes. */
export async function submitSettlementFile(ctx: AppContext, meta: RequestMeta, actor: Actor, input: { batchId: string; fileName: string; stream: Readable }) {
  const payload = await storeUploadedBatch(ctx, meta, actor, input, ctx.config.settlementUploadMaxMb * 1024 * 1024);
  const jobId = await ctx.jobs.enqueue(ctx.db, SETTLEMENT_IMPORT_JOB, payload);
  return { jobId, bytes: payload.bytes };
}

export function settlementImportJob(ctx: AppContext): JobDefinition<UploadedBatch> {
  return uploadedBatchJob(ctx, SETTLEMENT_IMPORT_JOB, (_payload, meta, actor, input, onProgress) => importSettlementBatch(ctx, meta, actor, input, onProgress));
}

export function listSettlementImports(ctx: AppContext, page: { page: number; pageSize: number }) {
  return listUploadedBatches(ctx, SETTLEMENT_IMPORT_JOB, page, { fields: () => ({}) });
}
