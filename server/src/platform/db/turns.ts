import { AsyncLocalStorage } from 'node:async_hooks';
import { AppError } from '../errors.ts';

/**
 * The embedded database (PGlite) has one connection: every query and transaction
 * takes its turn. Under load, requests queued behind it waited until their
 * clients gave up (1.3 % timeouts, p99 7 s at 50 users). Here a request waits at
 * most its bound (DB_QUEUE_WAIT_MS, set per request by the app) and is then
 * answered 503 SERVICE_BUSY with Retry-After; work without a bound (jobs, the
 * command line) waits its turn as before. PostgreSQL has a pool and no queue here.
 */

const waitBound = new AsyncLocalStorage<number>();

/** Runs `fn` (and all it starts) with database waits bounded to `ms`. */
export function withDbWaitBound<T>(ms: number, fn: () => T): T {
  return waitBound.run(ms, fn);
}

interface Waiter {
  grant: () => void;
}

/** A first-come, first-served turn at one connection; a call made inside a turn (a transaction's own statements) runs in it. */
export class TurnQueue {
  private busy = false;
  private readonly waiting: Waiter[] = [];
  private readonly holder = new AsyncLocalStorage<true>();

  /** How many calls are waiting for their turn. */
  get queued(): number {
    return this.waiting.length;
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.holder.getStore()) return fn();
    await this.acquire(waitBound.getStore());
    try {
      return await this.holder.run(true, fn);
    } finally {
      this.release();
    }
  }

  private acquire(bound: number | undefined): Promise<void> {
    if (!this.busy) {
      this.busy = true;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const waiter: Waiter = {
        grant: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      if (bound !== undefined) {
        timer = setTimeout(() => {
          const at = this.waiting.indexOf(waiter);
          if (at >= 0) this.waiting.splice(at, 1);
          reject(new AppError('SERVICE_BUSY', { retryAfterSeconds: Math.max(1, Math.ceil(bound / 1000)) }));
        }, bound);
      }
      this.waiting.push(waiter);
    });
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next.grant();
    else this.busy = false;
  }
}

type Gated = Record<'query' | 'exec' | 'transaction', (...args: never[]) => Promise<unknown>>;

/** Routes the client's queries and transactions (what Drizzle and the COPY helpers call) through one turn queue. */
export function takeTurns<C extends object>(client: C, turns = new TurnQueue()): C {
  const target = client as unknown as Gated;
  for (const method of ['query', 'exec', 'transaction'] as const) {
    const original = target[method].bind(client) as (...args: unknown[]) => Promise<unknown>;
    (target as Record<string, unknown>)[method] = (...args: unknown[]) => turns.run(() => original(...args));
  }
  return client;
}
