import type { PGlite, Transaction } from '@electric-sql/pglite';
import type pg from 'pg';
import type { Readable } from 'node:stream';
import { to as copyTo } from 'pg-copy-streams';
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Database } from './client.ts';

/**
 * Reading many rows without holding them: COPY … TO STDOUT on PostgreSQL, a
 * cursor fetched a batch at a time on PGlite. Queries are given with their
 * values inlined (COPY takes no parameters): build them from validated input.
 */

const dialect = new PgDialect();

/** The SQL text of a query with its parameters written in as literals. */
export const inlineSql = (query: SQL) => dialect.sqlToQuery(query.inlineParams()).sql;

const FETCH = 10_000;

/** Rows of a query as arrays of text, streamed: a cursor in its own transaction (PGlite), one batch ahead at most. */
async function* cursorRows(pglite: PGlite, text: string): AsyncGenerator<(string | null)[]> {
  const queue: (string | null)[][][] = [];
  const state: { finished: boolean; stopped: boolean; failure?: unknown; wake?: () => void; resume?: () => void } = { finished: false, stopped: false };
  const run = pglite
    .transaction(async (tx: Transaction) => {
      await tx.query(`declare stream_cursor no scroll cursor for ${text}`);
      while (!state.stopped) {
        const batch = await tx.query<unknown[]>(`fetch ${FETCH} from stream_cursor`, [], { rowMode: 'array' });
        if (!batch.rows.length) break;
        queue.push(batch.rows.map((r) => r.map((v) => (v === null ? null : String(v)))));
        state.wake?.();
        if (queue.length > 1 && !state.stopped) await new Promise<void>((resolve) => (state.resume = resolve));
      }
    })
    .catch((error: unknown) => {
      state.failure = error;
    })
    .finally(() => {
      state.finished = true;
      state.wake?.();
    });
  try {
    for (;;) {
      const batch = queue.shift();
      if (batch) {
        state.resume?.();
        state.resume = undefined;
        yield* batch;
        continue;
      }
      if (state.finished) break;
      await new Promise<void>((resolve) => (state.wake = resolve));
      state.wake = undefined;
    }
    if (state.failure) throw state.failure;
  } finally {
    // A reader that stops early lets the cursor's transaction end.
    state.stopped = true;
    state.resume?.();
    await run;
  }
}

/**
 * COPY … TO STDOUT of a query on one pooled connection (PostgreSQL), as a byte
 * stream, in a read-only transaction with JIT off: JIT compiles a wide query
 * (a register has dozens of expressions) for seconds and gains nothing on it.
 */
export async function copyOut(pool: pg.Pool, text: string, format: 'csv' | 'text'): Promise<Readable> {
  const client = await pool.connect();
  try {
    await client.query('begin read only; set local jit = off');
  } catch (error) {
    client.release(error instanceof Error ? error : undefined);
    throw error;
  }
  const stream = client.query(copyTo(`copy (${text}) to stdout with (format ${format})`));
  let released = false;
  const release = (error?: unknown) => {
    if (released) return;
    released = true;
    if (error) client.release(error instanceof Error ? error : new Error(String(error)));
    else
      client.query('commit').then(
        () => client.release(),
        (e: unknown) => client.release(e instanceof Error ? e : new Error(String(e))),
      );
  };
  stream.on('end', () => release());
  stream.on('error', (error) => release(error));
  stream.on('close', () => release(stream.readableEnded ? undefined : new Error('COPY stream closed early')));
  return stream;
}

/** Decodes COPY's text format: tab-separated, \N for null, backslash escapes. */
function decodeTextField(field: string): string | null {
  if (field === '\\N') return null;
  if (!field.includes('\\')) return field;
  return field.replace(/\\(.)/g, (_m, c: string) => ({ t: '\t', n: '\n', r: '\r', b: '\b', f: '\f', v: '\v' })[c] ?? c);
}

async function* copyTextRows(pool: pg.Pool, text: string): AsyncGenerator<(string | null)[]> {
  const stream = await copyOut(pool, text, 'text');
  let rest = '';
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const lines = (rest + chunk.toString('utf8')).split('\n');
    rest = lines.pop()!;
    for (const line of lines) yield line.split('\t').map(decodeTextField);
  }
  if (rest) yield rest.split('\t').map(decodeTextField);
}

/**
 * The rows of a query as arrays of text, streamed from either engine. On PGlite
 * (one connection) the cursor has its own transaction: call it outside any
 * transaction that is open, and write nothing to PGlite until it is read.
 */
export function streamRows(database: Database, query: SQL): AsyncIterable<(string | null)[]> {
  const text = inlineSql(query);
  return database.kind === 'postgres' ? copyTextRows(database.raw as pg.Pool, text) : cursorRows(database.raw as PGlite, text);
}
