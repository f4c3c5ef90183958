import type { Readable } from 'node:stream';
import { and, count, desc, eq } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../platform/errors.ts';
import { jobs } from '../../platform/db/schema.ts';
import type { Actor, RequestMeta } from '../../platform/audit/audit.ts';
import type { JobDefinition } from '../../platform/jobs/queue.ts';
import { importSettlementBatch } from './settlement-import.ts';

export const SETTLEMENT_IMPORT_JOB = 'registry.settlement_import';
const MAX_UPLOAD_BYTES = 2 * 1024 * 1024 * 1024;

interface ImportPayload extends Record<string, unknown> {
  batchId: string;
  fileKey: string;
  fileName: string;
  bytes: number;
  actorId: string | null;
  requestId: string | null;
  ip: string | null;
}

/** Staff upload: the file is stored, then a job imports it and reports progress in bytes. */
export async function submitSettlementFile(ctx: AppContext, meta: RequestMeta, actor: Actor, input: { batchId: string; fileName: string; stream: Readable }) {
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(input.batchId)) throw new AppError('BATCH_FILE_INVALID', { reason: 'batch id: 1-64 letters, digits, . _ -' });
  const { key, bytes } = await ctx.files.save('imports', 'csv', input.stream, MAX_UPLOAD_BYTES);
  const payload: ImportPayload = { batchId: input.batchId, fileKey: key, fileName: input.fileName.slice(0, 200), bytes, actorId: actor.id ?? null, requestId: meta.requestId ?? null, ip: meta.ip ?? null };
  const jobId = await ctx.jobs.enqueue(ctx.db, SETTLEMENT_IMPORT_JOB, payload);
  return { jobId, bytes };
}

export function settlementImportJob(ctx: AppContext): JobDefinition<ImportPayload> {
  return {
    name: SETTLEMENT_IMPORT_JOB,
    version: 1,
    maxAttempts: 3,
    handler: async (payload, job) => {
      await job.progress(0, payload.bytes);
      let lastReport = 0;
      try {
        const result = await importSettlementBatch(
          ctx,
          { requestId: payload.requestId, ip: payload.ip },
          { kind: 'staff', id: payload.actorId },
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

export async function listSettlementImports(ctx: AppContext, page: { page: number; pageSize: number }) {
  const where = and(eq(jobs.name, SETTLEMENT_IMPORT_JOB));
  const [items, [total]] = await Promise.all([
    ctx.db.select().from(jobs).where(where).orderBy(desc(jobs.createdAt)).limit(page.pageSize).offset((page.page - 1) * page.pageSize),
    ctx.db.select({ n: count() }).from(jobs).where(where),
  ]);
  return {
    total: Number(total?.n ?? 0),
    items: items.map((j) => {
      const p = j.payload as ImportPayload;
      return {
        jobId: j.id,
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
