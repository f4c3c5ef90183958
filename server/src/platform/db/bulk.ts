import type { PGlite, Transaction } from '@electric-sql/pglite';
import type pg from 'pg';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { Database, Executor } from './client.ts';

/** Streams rows into a table of the open transaction; returns how many. */
export type BulkLoader = (table: string, columns: string[], rows: AsyncIterable<(string | null)[]>) => Promise<number>;

/**
 * Streams CSV (whole lines, in chunks) into a table: COPY on PostgreSQL, COPY
 * from a blob of about a megabyte at a time on PGlite. Returns how many rows.
 */
export type CsvLoader = (table: string, columns: string[], csv: Readable) => Promise<number>;

const CHUNK = 5000;
const COPY_CHUNK = 256 * 1024;
const PGLITE_BLOB = 1024 * 1024;

function csvField(value: string | null): string {
  if (value === null) return '';
  return /[",\n\r]/.test(value) || value === '' ? `"${value.replace(/"/g, '""')}"` : value;
}

const ident = (name: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad identifier ${name}`);
  return name;
};

/**
 * One transaction on one connection, with a loader that streams rows into a
 * table: COPY on PostgreSQL, chunked array inserts on PGlite. Memory stays flat
 * whatever the number of rows. A failure (or a killed process) rolls back all.
 */
export async function withBulkTransaction<T>(database: Database, work: (ex: Executor, load: BulkLoader, loadCsv: CsvLoader) => Promise<T>): Promise<T> {
  if (database.kind === 'postgres') {
    const client = await (database.raw as pg.Pool).connect();
    try {
      await client.query('begin');
      const ex = drizzlePg(client) as unknown as Executor;
      const load: BulkLoader = async (table, columns, rows) => {
        let count = 0;
        // Rows go out in chunks of ~256 KB: one CopyData message (two socket writes) per
        // row would cost more than PostgreSQL's work on it.
        async function* csv() {
          let chunk = '';
          for await (const row of rows) {
            count++;
            chunk += `${row.map(csvField).join(',')}\n`;
            if (chunk.length >= COPY_CHUNK) {
              yield chunk;
              chunk = '';
            }
          }
          if (chunk) yield chunk;
        }
        const stream = client.query(copyFrom(`copy ${ident(table)} (${columns.map(ident).join(', ')}) from stdin with (format csv)`));
        await pipeline(Readable.from(csv()), stream);
        return count;
      };
      const loadCsv: CsvLoader = async (table, columns, csv) => {
        const stream = client.query(copyFrom(`copy ${ident(table)} (${columns.map(ident).join(', ')}) from stdin with (format csv)`));
        await pipeline(csv, stream);
        return stream.rowCount;
      };
      const result = await work(ex, load, loadCsv);
      await client.query('commit');
      return result;
    } catch (error) {
      await client.query('rollback').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }
  const pglite = database.raw as PGlite;
  return pglite.transaction(async (tx: Transaction) => {
    const ex = drizzlePglite(tx as unknown as PGlite) as unknown as Executor;
    const load: BulkLoader = async (table, columns, rows) => {
      // Arrays of the columns' own types: text converts to uuid, bigint, date... only when cast.
      const types = await tx.query<{ name: string; type: string }>(`select attname as name, format_type(atttypid, atttypmod) as type from pg_attribute where attrelid = $1::regclass and attnum > 0 and not attisdropped`, [
        ident(table),
      ]);
      const typeOf = new Map(types.rows.map((r) => [r.name, r.type]));
      const statement = `insert into ${ident(table)} (${columns.map(ident).join(', ')}) select * from unnest(${columns.map((c, i) => `$${i + 1}::${typeOf.get(c) ?? 'text'}[]`).join(', ')})`;
      let buffer: (string | null)[][] = columns.map(() => []);
      let pending = 0;
      let count = 0;
      const flush = async () => {
        if (!pending) return;
        await tx.query(statement, buffer);
        buffer = columns.map(() => []);
        pending = 0;
      };
      for await (const row of rows) {
        row.forEach((value, i) => buffer[i]!.push(value));
        pending++;
        count++;
        if (pending >= CHUNK) await flush();
      }
      await flush();
      return count;
    };
    const loadCsv: CsvLoader = async (table, columns, csv) => {
      const statement = `copy ${ident(table)} (${columns.map(ident).join(', ')}) from '/dev/blob' with (format csv)`;
      let count = 0;
      let pending: Buffer[] = [];
      let size = 0;
      const flush = async () => {
        if (!size) return;
        const result = await tx.query(statement, [], { blob: new Blob(pending as Uint8Array<ArrayBuffer>[]) });
        count += result.affectedRows ?? 0;
        pending = [];
        size = 0;
      };
      for await (const chunk of csv as AsyncIterable<Buffer>) {
        pending.push(chunk);
        size += chunk.length;
        if (size >= PGLITE_BLOB) await flush();
      }
      await flush();
      return count;
    };
    return work(ex, load, loadCsv);
  });
}
