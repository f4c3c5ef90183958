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

/**
 * Sliding windows over the same counters: a bucket's count is its current fixed
 * window plus the previous one weighted by how much of it still lies within the
 * last `windowMs`. Each window is kept two windows long so the previous one is
 * still there to be read.
 */
export async function hitSliding(ex: Executor, bucket: string, windowMs: number, now: Date): Promise<void> {
  const start = windowStart(now, windowMs);
  const expires = new Date(start.getTime() + 2 * windowMs);
  await rows(
    ex,
    sql`insert into rate_counters (bucket, window_start, count, expires_at)
        values (${bucket}, ${start.toISOString()}, 1, ${expires.toISOString()})
        on conflict (bucket, window_start) do update set count = rate_counters.count + 1`,
  );
}

export interface SlidingCount {
  count: number;
  /** seconds until the count falls below `limit` again, at the earliest */
  retryAfterSeconds: number;
}

/** The sliding count of a bucket, and how long until it would fall below `limit`. */
export async function slidingCount(ex: Executor, bucket: string, windowMs: number, now: Date, limit: number): Promise<SlidingCount> {
  const [count] = await slidingCounts(ex, [bucket], windowMs, now, limit);
  return count!;
}

/** The sliding counts of buckets of one window length, in the order given, read in one statement. */
export async function slidingCounts(ex: Executor, buckets: string[], windowMs: number, now: Date, limit: number): Promise<SlidingCount[]> {
  const start = windowStart(now, windowMs);
  const previousStart = new Date(start.getTime() - windowMs);
  const found = await rows<{ bucket: string; window_start: string | Date; count: number }>(
    ex,
    sql`select bucket, window_start, count from rate_counters
        where bucket in (${sql.join(
          buckets.map((b) => sql`${b}`),
          sql`, `,
        )}) and window_start in (${start.toISOString()}, ${previousStart.toISOString()})`,
  );
  return buckets.map((bucket) => {
    let currentCount = 0;
    let previousCount = 0;
    for (const row of found) {
      if (row.bucket !== bucket) continue;
      if (new Date(row.window_start).getTime() === start.getTime()) currentCount = Number(row.count);
      else previousCount = Number(row.count);
    }
    return weighed(currentCount, previousCount, start, windowMs, now, limit);
  });
}

function weighed(currentCount: number, previousCount: number, start: Date, windowMs: number, now: Date, limit: number): SlidingCount {
  const elapsed = (now.getTime() - start.getTime()) / windowMs;
  const count = currentCount + previousCount * (1 - elapsed);
  let retryAfterSeconds = 0;
  if (count >= limit) {
    // Within this window the previous window's share shrinks linearly; after it, this
    // window becomes the previous one and its own count shrinks the same way.
    const untilWindowEnd = start.getTime() + windowMs - now.getTime();
    const withinWindow = previousCount > 0 ? ((count - limit) / previousCount) * windowMs : Infinity;
    const wait = withinWindow < untilWindowEnd ? withinWindow : untilWindowEnd + (currentCount >= limit ? windowMs * (1 - limit / currentCount) : 0);
    retryAfterSeconds = Math.max(1, Math.ceil(wait / 1000));
  }
  return { count, retryAfterSeconds };
}

/** Forgets the named buckets (a verified password reset clears the sign-in throttle). */
export async function clearBuckets(ex: Executor, buckets: string[], prefixes: string[] = []): Promise<void> {
  for (const bucket of buckets) await rows(ex, sql`delete from rate_counters where bucket = ${bucket}`);
  for (const prefix of prefixes) await rows(ex, sql`delete from rate_counters where starts_with(bucket, ${prefix})`);
}
