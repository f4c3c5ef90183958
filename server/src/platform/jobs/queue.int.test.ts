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
});
