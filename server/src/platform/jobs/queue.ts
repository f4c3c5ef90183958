import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { and, eq, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { rows, type Db, type Executor } from '../db/client.ts';
import { jobs } from '../db/schema.ts';
import type { Clock } from '../clock.ts';
import { jobMachine, type JobStatus } from './job-states.ts';

/** A kind of background job: a name, a version and a handler, registered in one list. */
export interface JobDefinition<P extends Record<string, unknown> = Record<string, unknown>> {
  name: string;
  version: number;
  maxAttempts?: number;
  /** A standing job: the platform keeps one run queued from start-up, and its handler queues the next. */
  recurring?: boolean;
  /** What it returns is kept with the job for the staff console. */
  handler(payload: P, job: RunningJob): Promise<Record<string, unknown> | void>;
}

export interface RunningJob {
  id: string;
  attempt: number;
  /** Records progress the staff console shows; cheap enough to call every few thousand rows. */
  progress(done: number, total?: number): Promise<void>;
  /**
   * Aborted when the worker stops (the server shuts down) or has lost its claim: a long job checks it at each
   * batch boundary and ends there; what it committed stays, and it runs again from there after the restart.
   */
  signal: AbortSignal;
}

/** Why a job's signal was aborted when its worker stops: the job goes back to the queue, the attempt not counted. */
export class JobStopped extends Error {
  constructor() {
    super('the worker stopped');
  }
}

interface ClaimedJob {
  id: string;
  name: string;
  version: number;
  payload: Record<string, unknown>;
  attempts: number;
  max_attempts: number;
}

/** Back-off before retry n (1-based): 2 s, 8 s, 32 s, … capped at 10 minutes. */
export function retryDelayMs(attempt: number): number {
  return Math.min(600_000, 2000 * 4 ** (attempt - 1));
}

const QUEUED: JobStatus = 'queued';
const RUNNING: JobStatus = 'running';

export interface JobQueueOptions {
  pollMs: number;
  concurrency: number;
  /** How long a claim lasts unless renewed (JOB_LEASE_SECONDS); a live worker renews it three times as often. */
  leaseMs?: number;
}

/**
 * Jobs kept in PostgreSQL and claimed with FOR UPDATE SKIP LOCKED, so any number
 * of server instances share the work; works on PGlite too. Nothing slow runs
 * inside a request: the request enqueues, a worker runs.
 */
export class JobQueue {
  private readonly definitions = new Map<string, JobDefinition>();
  private readonly workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private running = false;
  private active = new Set<Promise<void>>();
  private readonly sleepers = new Set<() => void>();
  /** The jobs this instance is running, to tell them to stop. */
  private readonly controllers = new Set<AbortController>();
  private readonly leaseMs: number;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly options: JobQueueOptions,
  ) {
    this.leaseMs = options.leaseMs ?? 30_000;
  }

  register<P extends Record<string, unknown>>(definition: JobDefinition<P>): void {
    this.definitions.set(definition.name, definition as unknown as JobDefinition);
  }
  /** The standing jobs (`recurring`), which start-up keeps queued. */
  recurringJobs(): string[] {
    return [...this.definitions.values()].filter((definition) => definition.recurring).map((definition) => definition.name);
  }

  /** Adds a job; pass the transaction of the change that calls for it, so both commit together. */
  async enqueue(ex: Executor, name: string, payload: Record<string, unknown>, options: { runAt?: Date } = {}): Promise<string> {
    const definition = this.definitions.get(name);
    if (!definition) throw new Error(`unknown job ${name}`);
    const id = randomUUID();
    const now = this.clock.now();
    await ex.insert(jobs).values({
      id,
      name,
      version: definition.version,
      payload,
      status: jobMachine.initial,
      maxAttempts: definition.maxAttempts ?? 5,
      runAt: options.runAt ?? now,
      createdAt: now,
    });
    this.wakeAll();
    return id;
  }

  start(): void {
    if (this.running || this.options.concurrency === 0) return;
    this.running = true;
    for (let i = 0; i < this.options.concurrency; i++) this.track(this.loop());
  }

  /**
   * Stops taking jobs and tells the running ones to stop (their signal); waits for them, at most `waitMs` when
   * given. A job that stops goes back to the queue; one still running when the process ends keeps its claim
   * until the lease runs out, and is then taken over.
   */
  async stop(waitMs?: number): Promise<void> {
    this.running = false;
    this.wakeAll();
    for (const controller of this.controllers) controller.abort(new JobStopped());
    const settled = Promise.allSettled([...this.active]);
    if (waitMs === undefined) {
      await settled;
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([settled, new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)))]);
    clearTimeout(timer);
  }

  /** Runs ready jobs until none is left; for the command line and tests. */
  async drain(): Promise<number> {
    let count = 0;
    for (;;) {
      const run = this.runNext();
      this.track(
        run.then(
          () => {},
          () => {},
        ),
      );
      if (!(await run)) return count;
      count++;
    }
  }

  private track(promise: Promise<void>) {
    this.active.add(promise);
    void promise.finally(() => this.active.delete(promise));
  }

  private async loop(): Promise<void> {
    while (this.running) {
      let worked = false;
      try {
        worked = await this.runNext();
      } catch (error) {
        this.log.error({ err: error }, 'job loop failed');
      }
      if (!worked && this.running) await this.sleep(this.options.pollMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.sleepers.add(done);
    });
  }

  /** Wakes idle workers of this instance at once; others find the job at their next poll. */
  private wakeAll(): void {
    for (const sleeper of [...this.sleepers]) sleeper();
  }

  /** The running jobs whose lease ran out during their last attempt: parked, not run again. */
  private async parkExhausted(now: Date): Promise<void> {
    const expired = new Date(now.getTime() - this.leaseMs).toISOString();
    const parked = await rows<{ id: string; name: string; attempts: number }>(
      this.db,
      sql`update jobs set status = ${jobMachine.next(RUNNING, 'park')}, finished_at = ${now.toISOString()}, locked_at = null,
            last_error = 'its worker stopped during each of its ' || attempts || ' attempts'
          where status = ${RUNNING} and locked_at < ${expired} and attempts >= max_attempts
          returning id, name, attempts`,
    );
    for (const job of parked) this.log.error({ job: job.name, jobId: job.id, attempts: job.attempts }, 'job parked: its worker stopped during every attempt');
  }

  private async claim(): Promise<ClaimedJob | null> {
    const now = this.clock.now();
    await this.parkExhausted(now);
    const expired = new Date(now.getTime() - this.leaseMs);
    const [job] = await rows<ClaimedJob>(
      this.db,
      // The sources of 'claim': a queued job that is due, or a running one whose worker stopped renewing its lease.
      sql`update jobs set status = ${jobMachine.next(QUEUED, 'claim')}, attempts = attempts + 1, locked_at = ${now.toISOString()}, locked_by = ${this.workerId}
          where id = (
            select id from jobs
            where (status = ${QUEUED} and run_at <= ${now.toISOString()})
               or (status = ${RUNNING} and locked_at < ${expired.toISOString()} and attempts < max_attempts)
            order by run_at, created_at
            limit 1
            for update skip locked)
          returning id, name, version, payload, attempts, max_attempts`,
    );
    return job ?? null;
  }

  /** Renews the claim while the job runs; a claim found taken over aborts the job (another worker has it). */
  private keepLease(jobId: string, controller: AbortController): () => void {
    const renew = async () => {
      try {
        const renewed = await rows<{ id: string }>(this.db, sql`update jobs set locked_at = ${this.clock.now().toISOString()} where id = ${jobId} and locked_by = ${this.workerId} and status = ${RUNNING} returning id`);
        if (!renewed.length) controller.abort(new Error('the claim on this job was taken over'));
      } catch (error) {
        this.log.warn({ jobId, err: error }, 'job lease renewal failed');
      }
    };
    const timer = setInterval(() => void renew(), Math.max(50, Math.floor(this.leaseMs / 3)));
    timer.unref();
    return () => clearInterval(timer);
  }

  private async runNext(): Promise<boolean> {
    const job = await this.claim();
    if (!job) return false;
    const definition = this.definitions.get(job.name);
    const controller = new AbortController();
    this.controllers.add(controller);
    const running: RunningJob = {
      id: job.id,
      attempt: job.attempts,
      signal: controller.signal,
      progress: async (done, total) => {
        await this.db
          .update(jobs)
          .set({ progressDone: done, ...(total === undefined ? {} : { progressTotal: total }) })
          .where(eq(jobs.id, job.id));
      },
    };
    const endLease = this.keepLease(job.id, controller);
    const mine = and(eq(jobs.id, job.id), eq(jobs.lockedBy, this.workerId), eq(jobs.status, RUNNING));
    try {
      if (!definition) throw new Error(`no handler registered for job ${job.name}`);
      const result = await definition.handler(job.payload, running);
      endLease();
      await this.db
        .update(jobs)
        .set({ status: jobMachine.next('running', 'succeed'), finishedAt: this.clock.now(), lockedAt: null, lastError: null, result: result ?? null })
        .where(mine);
    } catch (error) {
      endLease();
      const message = error instanceof Error ? error.message : String(error);
      if (controller.signal.reason instanceof JobStopped) {
        // Told to stop: back to the queue at once, this attempt not counted; its run_at kept, so it comes before later jobs.
        this.log.info({ job: job.name, jobId: job.id }, 'job stopped; queued again');
        await this.db
          .update(jobs)
          .set({ status: jobMachine.next('running', 'release'), attempts: sql`${jobs.attempts} - 1`, lockedAt: null })
          .where(mine);
        return true;
      }
      const final = job.attempts >= job.max_attempts;
      this.log.warn({ job: job.name, jobId: job.id, attempt: job.attempts, final, err: message }, 'job failed');
      await this.db
        .update(jobs)
        .set(
          final
            ? { status: jobMachine.next('running', 'fail'), finishedAt: this.clock.now(), lastError: message.slice(0, 2000), lockedAt: null }
            : { status: jobMachine.next('running', 'retry'), runAt: new Date(this.clock.now().getTime() + retryDelayMs(job.attempts)), lastError: message.slice(0, 2000), lockedAt: null },
        )
        .where(mine);
    } finally {
      this.controllers.delete(controller);
    }
    return true;
  }
}
