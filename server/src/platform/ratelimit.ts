import { and, lt, sql } from 'drizzle-orm';
import { rows, type Executor } from './db/client.ts';
import { rateCounters } from './db/schema.ts';
import { AppError } from './errors.ts';

/**
 * Fixed-window counters in PostgreSQL, so that limits hold across every server
 * instance. A window is identified by its start; old windows are swept by a job.
 */
export interface Limit {
  bucket: string;
  limit: number;
  windowMs: number;
}

function windowStart(now: Date, windowMs: number): Date {
  return new Date(Math.floor(now.getTime() / windowMs) * windowMs);
}

/** Adds one to the bucket's current window and returns the new count. */
export async function hit(ex: Executor, bucket: string, windowMs: number, now: Date): Promise<number> {
  const start = windowStart(now, windowMs);
  const expires = new Date(start.getTime() + windowMs);
  const [row] = await rows<{ count: number }>(
    ex,
    sql`insert into rate_counters (bucket, window_start, count, expires_at)
        values (${bucket}, ${start.toISOString()}, 1, ${expires.toISOString()})
        on conflict (bucket, window_start) do update set count = rate_counters.count + 1
        returning count`,
  );
  return Number(row!.count);
}

export async function current(ex: Executor, bucket: string, windowMs: number, now: Date): Promise<number> {
  const start = windowStart(now, windowMs);
  const [row] = await rows<{ count: number }>(ex, sql`select count from rate_counters where bucket = ${bucket} and window_start = ${start.toISOString()}`);
  return row ? Number(row.count) : 0;
}

function retryAfterSeconds(now: Date, windowMs: number): number {
  const end = windowStart(now, windowMs).getTime() + windowMs;
  return Math.max(1, Math.ceil((end - now.getTime()) / 1000));
}

/** Counts one more use and refuses it with RATE_LIMITED once the limit is passed. */
export async function consume(ex: Executor, limit: Limit, now: Date): Promise<void> {
  const count = await hit(ex, limit.bucket, limit.windowMs, now);
  if (count > limit.limit) {
    throw new AppError('RATE_LIMITED', { retryAfterSeconds: retryAfterSeconds(now, limit.windowMs) });
  }
}

/** Refuses when the bucket is already at its limit, without counting. */
export async function ensureBelow(ex: Executor, limit: Limit, now: Date): Promise<void> {
  if ((await current(ex, limit.bucket, limit.windowMs, now)) >= limit.limit) {
    throw new AppError('RATE_LIMITED', { retryAfterSeconds: retryAfterSeconds(now, limit.windowMs) });
  }
}

export async function sweepExpired(ex: Executor, now: Date): Promise<void> {
  await ex.delete(rateCounters).where(and(lt(rateCounters.expiresAt, now)));
}
