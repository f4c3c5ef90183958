/**
 * Databases for integration tests: a migrated, empty database of either kind.
 *
 * - postgres: a new database on the run's test cluster (see postgres-server.ts),
 *   migrated by the owner (the cluster's superuser) and used as the restricted
 *   application role TEST_APP_ROLE, as in production; dropped again by close().
 *   openAsOwner() gives the owner's connection to the same database.
 * - pglite: an in-memory PGlite. Creating one and migrating takes ~3 s; loading a
 *   dump of an already migrated one takes about half that, so the first worker to
 *   need one writes such a dump (keyed by the migrations) into the run's scratch
 *   folder and every later one starts from it.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { migrateDatabase, migrationsFolder, openDatabase, pgliteDatabase, type Database } from '../server/src/platform/db/client.ts';
import { composition } from '../server/src/modules/index.ts';
import { grantApplicationRole } from '../server/src/platform/db/roles.ts';
import type {} from './postgres-server.ts';

export const databaseKinds = ['pglite', 'postgres'] as const;
export type DatabaseKind = (typeof databaseKinds)[number];

export async function openTestDatabase(kind: DatabaseKind): Promise<Database> {
  return kind === 'postgres' ? openPostgres() : openPglite();
}

/**
 * Runs the suite once per kind of database. getDb() returns that suite's
 * database, opened in beforeAll (before any beforeAll of fn) and closed in afterAll.
 */
export function describeEachDatabase(name: string, fn: (getDb: () => Database) => void): void {
  for (const kind of databaseKinds) {
    describe(`${name} [${kind}]`, () => {
      let database: Database | undefined;
      beforeAll(async () => {
        database = await openTestDatabase(kind);
      });
      afterAll(async () => {
        await database?.close();
        database = undefined;
      });
      fn(() => {
        if (!database) throw new Error(`the ${kind} test database is not open (call getDb() inside hooks and tests)`);
        return database;
      });
    });
  }
}

// --- PostgreSQL -------------------------------------------------------------

let counter = 0;

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: inject('postgresAdminUrl') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * The role PostgreSQL tests run as, like the application in production (platform/db/roles.ts):
 * the migrations run as the cluster's superuser (the owner), the tests as this role, which
 * owns nothing and may only insert into and read the audit trail.
 */
export const TEST_APP_ROLE = 'clearhall_app';

/** The owner's connection string of each PostgreSQL test database, for tests that act as the owner. */
const ownerUrls = new WeakMap<Database, string>();

let appRoleReady: Promise<void> | undefined;

function ensureAppRole(): Promise<void> {
  // One cluster serves every worker: whoever comes first creates the role; the others see it.
  appRoleReady ??= admin(async (client) => {
    await client.query(`do $$ begin
        create role ${TEST_APP_ROLE} login nosuperuser nocreatedb nocreaterole noreplication nobypassrls;
      exception when duplicate_object or unique_violation then null;
      end $$`);
  });
  return appRoleReady;
}

async function openPostgres(): Promise<Database> {
  const adminUrl = inject('postgresAdminUrl');
  if (!adminUrl) throw new Error('no test PostgreSQL: the project must have test/postgres-server.ts as globalSetup');
  const name = `test_${process.pid}_${++counter}_${randomBytes(3).toString('hex')}`;
  await ensureAppRole();
  await admin((client) => client.query(`create database "${name}"`));
  const ownerUrl = new URL(adminUrl);
  ownerUrl.pathname = `/${name}`;
  const appUrl = new URL(ownerUrl);
  appUrl.username = TEST_APP_ROLE;
  let database: Database;
  try {
    const owner = await openDatabase({ url: ownerUrl.toString(), schema: composition.schema, poolSize: 1 });
    try {
      await migrateDatabase(owner);
      await grantApplicationRole(owner.db, TEST_APP_ROLE);
    } finally {
      await owner.close();
    }
    database = await openDatabase({ url: appUrl.toString(), schema: composition.schema });
  } catch (error) {
    await admin((client) => client.query(`drop database if exists "${name}" with (force)`));
    throw error;
  }
  const closePool = database.close;
  const opened: Database = {
    ...database,
    async close() {
      await closePool();
      await admin((client) => client.query(`drop database if exists "${name}" with (force)`));
    },
  };
  ownerUrls.set(opened, ownerUrl.toString());
  return opened;
}

/**
 * The same database as its owner (on PGlite, the database itself: it has one user).
 * For tests that play a database administrator; close it when done (PGlite: a no-op).
 */
export async function openAsOwner(database: Database): Promise<Database> {
  if (database.kind === 'pglite') return { ...database, close: async () => {} };
  const url = ownerUrls.get(database);
  if (!url) throw new Error('not a PostgreSQL test database from openTestDatabase');
  return openDatabase({ url, schema: composition.schema, poolSize: 2 });
}

// --- PGlite -----------------------------------------------------------------

async function openPglite(): Promise<Database> {
  const template = templatePath();
  if (template && existsSync(template)) {
    return pgliteDatabase(await PGlite.create({ loadDataDir: new Blob([readFileSync(template)]) }), composition.schema);
  }
  const database = await openDatabase({ schema: composition.schema });
  await migrateDatabase(database);
  if (template) {
    const dump = await (database.raw as PGlite).dumpDataDir('none');
    // Write, then rename: a worker reading at the same time sees the whole file or none.
    const partial = `${template}.${process.pid}.${randomBytes(3).toString('hex')}`;
    writeFileSync(partial, new Uint8Array(await dump.arrayBuffer()));
    renameSync(partial, template);
  }
  return database;
}

let migrationsHash: string | undefined;

/** Where the migrated PGlite dump lives for this run, or undefined outside the globalSetup. */
function templatePath(): string | undefined {
  const scratch = inject('testScratchDir');
  if (!scratch) return undefined;
  if (!migrationsHash) {
    const hash = createHash('sha256');
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else hash.update(entry.name).update(readFileSync(full));
      }
    };
    walk(migrationsFolder);
    migrationsHash = hash.digest('hex').slice(0, 16);
  }
  return path.join(scratch, `pglite-template-${migrationsHash}.tar`);
}
