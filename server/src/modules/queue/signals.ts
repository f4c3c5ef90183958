import { EventEmitter } from 'node:events';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { Database } from '../../platform/db/client.ts';

/**
 * "Line L changed": what the live progress pages wait for (decision 0041). On PostgreSQL a change is a
 * NOTIFY on one channel, heard by one LISTEN connection per process, so a clerk's call in any process
 * reaches the pages held open by every process; on PGlite (one process) it is an in-process event.
 * The listening connection opens with the first subscriber and closes with the last.
 */
const CHANNEL = 'queue_changes';

type Listener = (lineId: string) => void;

class LineSignals {
  private readonly events = new EventEmitter();
  private subscribers = 0;
  private listening: Promise<pg.Client> | null = null;

  constructor(private readonly database: Database) {
    this.events.setMaxListeners(0);
  }

  subscribe(lineId: string, listener: Listener): () => void {
    this.events.on(lineId, listener);
    this.subscribers += 1;
    if (this.database.kind === 'postgres' && !this.listening) this.startListening();
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.events.off(lineId, listener);
      this.subscribers -= 1;
      if (this.subscribers === 0) void this.stopListening();
    };
  }

  /** Resolves once the LISTEN is in place (PostgreSQL), so a test can act right after subscribing. */
  async ready(): Promise<void> {
    if (this.listening) await this.listening;
  }

  emit(lineId: string): void {
    this.events.emit(lineId, lineId);
  }

  private startListening(): void {
    const listening = this.listen();
    this.listening = listening;
    // Could not connect: the next subscriber tries again.
    listening.catch(() => {
      if (this.listening === listening) this.listening = null;
    });
  }

  private async listen(): Promise<pg.Client> {
    const pool = this.database.raw as pg.Pool;
    const client = new pg.Client(pool.options);
    client.on('notification', (message) => {
      if (message.channel === CHANNEL && message.payload) this.emit(message.payload);
    });
    client.on('error', () => {
      // The connection was lost: listen again on a new one while anyone is subscribed.
      this.listening = null;
      if (this.subscribers > 0) this.startListening();
    });
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    return client;
  }

  private async stopListening(): Promise<void> {
    const listening = this.listening;
    this.listening = null;
    if (!listening) return;
    const client = await listening.catch(() => null);
    await client?.end().catch(() => undefined);
  }
}

/** One per database handle (the PGlite instance, or the pool): every context over it shares the signals. */
const byDatabase = new WeakMap<object, LineSignals>();

function signalsOf(database: Database): LineSignals {
  let signals = byDatabase.get(database.raw);
  if (!signals) {
    signals = new LineSignals(database);
    byDatabase.set(database.raw, signals);
  }
  return signals;
}

/** Calls `listener` each time line `lineId` changes, in any process; returns the unsubscribe. */
export function onLineChange(ctx: Pick<AppContext, 'database'>, lineId: string, listener: Listener): () => void {
  return signalsOf(ctx.database).subscribe(lineId, listener);
}

/** Resolves when this process hears changes (the LISTEN is in place on PostgreSQL). */
export function lineSignalsReady(ctx: Pick<AppContext, 'database'>): Promise<void> {
  return signalsOf(ctx.database).ready();
}

/** Tells every process that line `lineId` changed; call it after the change committed. */
export async function announceLineChange(ctx: Pick<AppContext, 'database' | 'db'>, lineId: string): Promise<void> {
  if (ctx.database.kind === 'postgres') {
    await ctx.db.execute(sql`select pg_notify(${CHANNEL}, ${lineId})`);
    return;
  }
  signalsOf(ctx.database).emit(lineId);
}
