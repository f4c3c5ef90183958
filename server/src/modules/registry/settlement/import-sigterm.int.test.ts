/**
 * Issue 12, item 1, with the real process: `clearhall serve` told to stop (SIGTERM) in
 * the middle of a settlement import exits within 10 s, and after the restart the job
 * runs again and the journal holds exactly the file's lines — none lost, none doubled.
 *
 * The server is a child process over a database it shares with this test: a database
 * of its own on the test cluster (PostgreSQL on loopback), or the embedded PGlite under
 * its DATA_DIR, which only one process may open at a time — so this test reads it only
 * while the server is down. The file is stored and its job queued before the first
 * start, as an upload would, so the server takes it up as it starts (on PGlite, before it
 * answers /readyz: the import holds the one connection). "In the middle" is seen from
 * outside: the server is listening (its SIGTERM handler set), holds the stored file open
 * (/proc/PID/fd) and has read part of it.
 */
import { readdirSync, readFileSync, readlinkSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, inject, it } from 'vitest';
import { testContext } from '../../../../../test/context.ts';
import { aTradingBook } from '../../../../../test/registry.ts';
import { openServerDatabase, serverEnvironment, startServerProcess } from '../../../../../test/server-process.ts';
import { migrateDatabase, rows, type Database } from '../../../platform/db/client.ts';
import { jobs } from '../../../platform/db/schema.ts';
import { submitSettlementFile } from './import-jobs.ts';

const ACCOUNTS = 10;
const INITIAL = 10_000_000n;
/** Large enough that staging the file takes a while on each database, small enough for well under a minute (PGlite is slower). */
const TRADES = { postgres: 40_000, pglite: 20_000 } as const;
const BATCH = 'SIGTERM-1';

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: inject('postgresAdminUrl') });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** How far the process has read a file under `folder` it holds open, or undefined when it holds none. */
function readingPosition(pid: number, folder: string): number | undefined {
  try {
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      let target: string;
      try {
        target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      if (!target.startsWith(folder)) continue;
      const pos = /^pos:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/fdinfo/${fd}`, 'utf8'));
      if (pos) return Number(pos[1]);
    }
  } catch {
    // the process is gone
  }
  return undefined;
}

async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs: number, output: () => string): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; the server said:\n${output()}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

for (const kind of ['postgres', 'pglite'] as const) {
  describe(`clearhall serve stopped by SIGTERM in the middle of an import [${kind}]`, () => {
    it(`exits within 10 s; after the restart the job resumes and the journal holds each line of the file once`, { timeout: 150_000 }, async () => {
      const trades = TRADES[kind];
      const dataDir = mkdtempSync(path.join(tmpdir(), 'clearhall-sigterm-'));
      const scratch = `test_sigterm_${process.pid}_${randomBytes(3).toString('hex')}`;
      let databaseUrl: string | undefined;
      if (kind === 'postgres') {
        await admin(`create database "${scratch}"`);
        const url = new URL(inject('postgresAdminUrl'));
        url.pathname = `/${scratch}`;
        databaseUrl = url.toString();
      }
      const { env, piiKey } = await serverEnvironment(dataDir, {
        ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
        JOB_POLL_MS: '50',
      });
      const open = () => openServerDatabase(env);
      let database: Database | undefined;
      try {
        // The registry, the file stored and its job queued, as an upload leaves them.
        database = await open();
        await migrateDatabase(database);
        const ctx = testContext(database, { dataDir, piiKeyBytes: piiKey });
        const { security, lines, expected } = await aTradingBook(ctx, { accountCount: ACCOUNTS, initial: INITIAL, trades, day: () => '2024-05-06' });
        const { jobId } = await submitSettlementFile(ctx, { requestId: 'sigterm' }, { kind: 'system' }, { batchId: BATCH, fileName: 'settlement.csv', stream: Readable.from([`${lines.join('\n')}\n`]) });
        const [queued] = await database.db.select().from(jobs).where(eq(jobs.id, jobId));
        const payload = queued!.payload as { fileKey: string; bytes: number };
        const storedFile = path.join(dataDir, 'files', payload.fileKey);
        await database.close();
        database = undefined;

        // First run: stopped while it reads the file.
        const first = await startServerProcess(env, { until: 'listening' });
        const position = await until('the import to start reading its file', () => readingPosition(first.pid, path.join(dataDir, 'files')) || undefined, 60_000, first.output);
        const stopped = await first.stop('SIGTERM', 15_000);
        expect(stopped.inTime, first.output()).toBe(true);
        expect(stopped.ms).toBeLessThan(10_000);
        expect(stopped.code, first.output()).toBe(0);
        expect(position).toBeLessThan(payload.bytes);

        database = await open();
        const journalRows = async () => Number((await rows<{ n: number }>(database!.db, sql`select count(*)::int as n from holding_changes where batch_id = ${BATCH}`))[0]!.n);
        const jobOf = async () => (await database!.db.select().from(jobs).where(eq(jobs.id, jobId)))[0]!;
        // At a batch boundary: nothing of the batch written, its job back in the queue with the attempt not counted.
        expect(await journalRows()).toBe(0);
        expect(await jobOf()).toMatchObject({ status: 'queued', attempts: 0 });
        expect(existsSync(storedFile)).toBe(true);
        await database.close();
        database = undefined;

        // Restart: the job runs again, whole; the stored file is removed once the batch is applied.
        const second = await startServerProcess(env);
        await until('the resumed import to finish', () => (existsSync(storedFile) ? undefined : true), 90_000, second.output);
        const secondStop = await second.stop('SIGTERM', 15_000);
        expect(secondStop.inTime && secondStop.code === 0, second.output()).toBe(true);

        database = await open();
        const job = await jobOf();
        expect(job.status, JSON.stringify(job)).toBe('done');
        expect(job.result).toEqual({ status: 'applied', batchId: BATCH, rows: trades * 2 });
        const [journal] = await rows<{ entries: number; lines: number; first_line: number; last_line: number }>(
          database.db,
          sql`select count(*)::int as entries, count(distinct line_no)::int as lines, min(line_no) as first_line, max(line_no) as last_line from holding_changes where batch_id = ${BATCH}`,
        );
        expect(journal).toEqual({ entries: trades * 2, lines: trades * 2, first_line: 2, last_line: trades * 2 + 1 });
        const balances = await rows<{ account_number: string; tradable: string }>(database.db, sql`select account_number, tradable::text as tradable from holdings where security_id = ${security.id}`);
        expect(Object.fromEntries(balances.map((b) => [b.account_number, BigInt(b.tradable)]))).toEqual(Object.fromEntries(expected));
      } finally {
        await database?.close();
        if (kind === 'postgres') await admin(`drop database if exists "${scratch}" with (force)`);
        rmSync(dataDir, { recursive: true, force: true });
      }
    });
  });
}
