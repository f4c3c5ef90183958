import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { sql, type SQL } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { takeTurns } from './turns.ts';
import { mergeParsersWithoutCopying } from './pglite-parsers.ts';
/** The tables, keyed by export name: the platform's and every module's (`composition.schema` of server/src/modules/index.ts). */
export type Schema = Record<string, unknown>;
/** The database, whichever engine is behind it. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything queries can run on: the database or an open transaction. */
export type Executor = Db | Tx;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** The raw PGlite instance or pg pool, for COPY and other driver-specific work. */
  raw: PGlite | pg.Pool;
  close(): Promise<void>;
}

export const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../migrations');

export interface OpenOptions {
  /** PostgreSQL connection string; without it the embedded database is used. */
  url?: string;
  /** Folder of the embedded database; without it (and without url) it lives in memory. */
  dataDir?: string;
  poolSize?: number;
  /** The Drizzle schema object; queries name their tables, so it only feeds Drizzle's relational API. */
  schema?: Schema;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  const schema = options.schema ?? {};
  if (options.url) {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
    // Fail fast with a clear message when the server is unreachable.
    await pool.query('select 1');
    pool.on('error', () => {
      /* an idle client lost its connection; the pool replaces it */
    });
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    return { db, kind: 'postgres', raw: pool, close: () => pool.end() };
  }
  if (options.dataDir) mkdirSync(path.dirname(path.resolve(options.dataDir)), { recursive: true });
  return pgliteDatabase(options.dataDir ? await PGlite.create(options.dataDir) : await PGlite.create(), schema);
}

/** The embedded database over an open PGlite: its one connection taken in turns, a request's wait bounded (turns.ts). */
export function pgliteDatabase(client: PGlite, schema: Schema = {}): Database {
  mergeParsersWithoutCopying(client);
  takeTurns(client);
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return { db, kind: 'pglite', raw: client, close: () => client.close() };
}

export async function migrateDatabase(database: Database): Promise<void> {
  if (database.kind === 'postgres') {
    await migratePg(database.db as never, { migrationsFolder });
  } else {
    await migratePglite(database.db as never, { migrationsFolder });
  }
}

/** Runs raw SQL and returns its rows, on either engine. */
export async function rows<T>(executor: Executor, query: SQL): Promise<T[]> {
  const result = (await executor.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

export async function ping(executor: Executor): Promise<void> {
  await executor.execute(sql`select 1`);
}
