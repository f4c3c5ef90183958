import { expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import pino from 'pino';
import { describeEachDatabase } from '../../../../test/databases.ts';
import { FixedClock } from '../clock.ts';
import { jobs } from '../db/schema.ts';
import { JobQueue, retryDelayMs } from './queue.ts';

describeEachDatabase('jobs on PostgreSQL', (getDb) => {
  it('runs a job, records progress and marks it done', async () => {
    const { db } = getDb();
    const clock = new FixedClock(new Date('2026-11-21T00:00:00Z'));
    const queue = new JobQueue(db, clock, pino({ level: 'silent' }), { pollMs: 10, concurrency: 1 });
    const seen: unknown[] = [];
    queue.register<{ n: number }>({
      name: 'test.ok',
      version: 1,
      handler: async (payload, job) => {
        seen.push(payload.n);
        await job.progress(5, 10);
      },
    });
    const id = await queue.enqueue(db, 'test.ok', { n: 7 });
    expect(await queue.drain()).toBe(1);
    const [row] = await db.select().from(jobs).where(eq(jobs.id, id));
    expect(seen).toEqual([7]);
    expect(row).toMatchObject({ status: 'done', attempts: 1, progressDone: 5, progressTotal: 10 });
  });

  it('retries with back-off, then fails visibly after its attempts', async () => {
    const { db } = getDb();
    const clock = new FixedClock(new Date('2026-11-21T00:00:00Z'));
    const queue = new JobQueue(db, clock, pino({ level: 'silent' }), { pollMs: 10, concurrency: 1 });
    queue.register({
      name: 'test.flaky',
      version: 1,
      maxAttempts: 2,
      handler: async () => {
        throw new Error('gateway timed out');
      },
    });
    const id = await queue.enqueue(db, 'test.flaky', {});
    expect(await queue.drain()).toBe(1);
    let [row] = await db.select().from(jobs).where(eq(jobs.id, id));
    expect(row).toMatchObject({ status: 'queued', attempts: 1, lastError: 'gateway timed out' });
    expect(await queue.drain()).toBe(0); // not before its back-off
    clock.advance(retryDelayMs(1));
    expect(await queue.drain()).toBe(1);
    [row] = await db.select().from(jobs).where(eq(jobs.id, id));
    expect(row).toMatchObject({ status: 'failed', attempts: 2 });
  });

  it('a job enqueued in a transaction that rolls back never runs', async () => {
    const { db } = getDb();
    const clock = new FixedClock(new Date('2026-11-21T00:00:00Z'));
    const queue = new JobQueue(db, clock, pino({ level: 'silent' }), { pollMs: 10, concurrency: 1 });
    queue.register({ name: 'test.never', version: 1, handler: async () => {} });
    await expect(
      db.transaction(async (tx) => {
        await queue.enqueue(tx, 'test.never', {});
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await db.select().from(jobs).where(eq(jobs.name, 'test.never'))).toHaveLength(0);
  });

  it('two workers never take the same job', async () => {
    const { db } = getDb();
    const clock = new FixedClock(new Date('2026-11-21T00:00:00Z'));
    const ran: string[] = [];
    const make = () => {
      const q = new JobQueue(db, clock, pino({ level: 'silent' }), { pollMs: 10, concurrency: 1 });
      q.register({ name: 'test.once', version: 1, handler: async (_p, job) => void ran.push(job.id) });
      return q;
    };
    const a = make();
    const b = make();
    for (let i = 0; i < 10; i++) await a.enqueue(db, 'test.once', { i });
    await Promise.all([a.drain(), b.drain()]);
    expect(ran).toHaveLength(10);
    expect(new Set(ran).size).toBe(10);
  });

  it('a live worker keeps its claim past any stale limit; only a job whose lease ran out is taken over', async () => {
    const { db } = getDb();
    const clock = new FixedClock(new Date('2026-11-21T00:00:00Z'));
    const log = pino({ level: 'silent' });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const runs: string[] = [];
    const make = (who: string) => {
      const q = new JobQueue(db, clock, log, { pollMs: 10, concurrency: 1, leaseMs: 300 });
      q.register({
        name: 'test.long',
        version: 1,
        handler: async () => {
          runs.push(who);
          await gate;
        },
      });
      return q;
    };
    const a = make('a');
    const b = make('b');
    const id = await a.enqueue(db, 'test.long', {});
    const running = a.drain();
    while (!runs.length) await new Promise((resolve) => setTimeout(resolve, 5));
    // 25 minutes later (the import ran 24): the runner is alive and renews its lease, so nobody else runs the job.
    clock.advance(25 * 60_000);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await b.drain()).toBe(0);
    release();
    await running;
    expect(runs).toEqual(['a']);
    const [row] = await db.select().from(jobs).where(eq(jobs.id, id));
    expect(row).toMatchObject({ status: 'done', attempts: 1 });

    // A runner that died (its claim not renewed for longer than the lease) loses the job to a live one.
    const dead = await b.enqueue(db, 'test.long', {});
    await db
      .update(jobs)
      .set({ status: 'running', attempts: 1, lockedAt: new Date(clock.now().getTime() - 301), lockedBy: 'dead-worker' })
      .where(eq(jobs.id, dead));
    expect(await b.drain()).toBe(1);
    expect(runs).toEqual(['a', 'b']);
  });

  it('a job whose worker died during its last attempt is parked, not run again (no crash loop)', async () => {
    const { db } = getDb();
    const clock = new FixedClock(new Date('2026-11-21T00:00:00Z'));
    const queue = new JobQueue(db, clock, pino({ level: 'silent' }), { pollMs: 10, concurrency: 1, leaseMs: 1000 });
    let ran = 0;
    queue.register({ name: 'test.poison', version: 1, maxAttempts: 3, handler: async () => void ran++ });
    const id = await queue.enqueue(db, 'test.poison', {});
    // Claimed three times, and each time the process ended before an outcome was written.
    await db.update(jobs).set({ status: 'running', attempts: 3, lockedAt: clock.now(), lockedBy: 'crashed' }).where(eq(jobs.id, id));
    expect(await queue.drain()).toBe(0); // its lease still runs
    clock.advance(1001);
    expect(await queue.drain()).toBe(0);
    expect(ran).toBe(0);
    const [row] = await db.select().from(jobs).where(eq(jobs.id, id));
    expect(row).toMatchObject({ status: 'parked', attempts: 3, lockedAt: null, lastError: 'its worker stopped during each of its 3 attempts' });
    expect(row!.finishedAt).not.toBeNull();
  });

  it('stopping the queue tells a running job to stop; it is queued again, the attempt not counted, and runs after the restart', async () => {
    const { db } = getDb();
    const clock = new FixedClock(new Date('2026-11-21T00:00:00Z'));
    const log = pino({ level: 'silent' });
    const batches: number[] = [];
    const handler = async (_payload: Record<string, unknown>, job: { signal: AbortSignal }) => {
      for (let batch = batches.length; batch < 5; batch++) {
        job.signal.throwIfAborted(); // a batch boundary
        batches.push(batch);
        await new Promise((resolve) => setTimeout(resolve, 40));
      }
    };
    const first = new JobQueue(db, clock, log, { pollMs: 10, concurrency: 1 });
    first.register({ name: 'test.batches', version: 1, handler });
    const id = await first.enqueue(db, 'test.batches', {});
    first.start();
    while (batches.length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    const started = performance.now();
    await first.stop();
    expect(performance.now() - started).toBeLessThan(1000);
    const stoppedAt = batches.length;
    expect(stoppedAt).toBeLessThan(5);
    let [row] = await db.select().from(jobs).where(eq(jobs.id, id));
    expect(row).toMatchObject({ status: 'queued', attempts: 0, lockedAt: null });

    const second = new JobQueue(db, clock, log, { pollMs: 10, concurrency: 1 });
    second.register({ name: 'test.batches', version: 1, handler });
    expect(await second.drain()).toBe(1);
    expect(batches).toEqual([0, 1, 2, 3, 4]);
    [row] = await db.select().from(jobs).where(eq(jobs.id, id));
    expect(row).toMatchObject({ status: 'done', attempts: 1 });
  });
});
