/**
 * A server killed in the middle of a settlement import leaves nothing of the
 * batch behind, and the same batch then applies cleanly.
 *
 * A child process (test/fixtures/import-child.ts) imports a large batch of
 * balanced trades and is killed with SIGKILL, with no chance to roll back
 * itself: once while the server shows its COPY of the file running, once while
 * it writes the journal entries of what was staged. Then: no journal entry, no
 * batch record and no audit entry for the batch, and the holdings are as
 * before. The same file imported again applies in full.
 *
 * PostgreSQL only: the crash needs a database server that outlives the process
 * holding the import's transaction. PGlite runs inside the process that opens
 * it (an in-memory one cannot be reached from another process at all, and a data
 * folder is opened by one process at a time), so killing that process takes the
 * database down with it: another failure, with its own recovery, not this one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testContext } from '../../../../../test/context.ts';
import { aTradingBook } from '../../../../../test/registry.ts';
import { migrateDatabase, openDatabase, rows, type Database, type Executor } from '../../../platform/db/client.ts';
import { importSettlementBatch } from './settlement-import.ts';

const ACCOUNTS = 10;
const INITIAL = 1_000_000n;
const CHILD_APP = 'clearhall-import-child';
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: inject('postgresAdminUrl') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Resolves with the first line of the child's output that matches, or fails when it exits first. */
function lineFrom(child: ChildProcess, matches: (line: string) => boolean, output: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      output.push(line);
      if (matches(line)) {
        lines.close();
        resolve(line);
      }
    });
    child.once('exit', (code, signal) => reject(new Error(`the import child exited (${code ?? signal}) before the line awaited; it said:\n${output.join('\n')}`)));
  });
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const childBackends = (ex: Executor) =>
  rows<{ pid: number; state: string | null; query: string }>(ex, sql`select pid, state, query from pg_stat_activity where application_name = ${CHILD_APP} and datname = current_database()`);

async function batchTraces(ex: Executor, batchId: string) {
  const [counts] = await rows<{ journal: number; batches: number; audit: number }>(
    ex,
    sql`select (select count(*)::int from holding_changes where batch_id = ${batchId}) as journal,
               (select count(*)::int from change_batches where id = ${batchId}) as batches,
               (select count(*)::int from audit_entries where object_type = 'change_batch' and object_id = ${batchId}) as audit`,
  );
  return counts;
}

const holdingsOf = (ex: Executor, securityId: number) =>
  rows<Record<string, string>>(
    ex,
    sql`select account_number, tradable::text as tradable, restricted::text as restricted, frozen::text as frozen, pledged::text as pledged,
               last_effective_on::text as last_effective_on
        from holdings where security_id = ${securityId} order by account_number`,
  );

describe('settlement import killed midway [postgres]', () => {
  let name: string;
  let url: URL;
  let database: Database;
  let scratch: string;

  beforeAll(async () => {
    // A database of our own, whose URL the child can be given.
    name = `test_crash_${process.pid}_${randomBytes(3).toString('hex')}`;
    await admin((client) => client.query(`create database "${name}"`));
    url = new URL(inject('postgresAdminUrl'));
    url.pathname = `/${name}`;
    database = await openDatabase({ url: url.toString() });
    await migrateDatabase(database);
    scratch = mkdtempSync(path.join(tmpdir(), 'clearhall-crash-'));
  });

  afterAll(async () => {
    await database?.close();
    if (name) await admin((client) => client.query(`drop database if exists "${name}" with (force)`));
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  /**
   * Imports in a child process and kills it when `due` finds the server busy
   * with the right part of the import; then checks nothing is left, and imports
   * the same file again in this process.
   */
  async function crashThenImport(batchId: string, trades: number, due: { afterLine: RegExp; statement: RegExp }) {
    const ctx = testContext(database);
    // Trades between the accounts, each seller's line then its buyer's, all balanced and covered.
    const { security, lines, expected } = await aTradingBook(ctx, { accountCount: ACCOUNTS, initial: INITIAL, trades, day: (i) => `2024-03-${String(1 + (i % 5)).padStart(2, '0')}` });
    const file = path.join(scratch, `${batchId}.csv`);
    writeFileSync(file, `${lines.join('\n')}\n`);
    const holdingsBefore = await holdingsOf(ctx.db, security.id);

    const childUrl = new URL(url);
    childUrl.searchParams.set('application_name', CHILD_APP);
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/import-child.ts', childUrl.toString(), batchId, file], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    const stderr: string[] = [];
    child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_, signal) => resolve(signal)));
    const output: string[] = [];
    let running: string;
    try {
      await lineFrom(child, (line) => due.afterLine.test(line), output);
      const busy = await until(`the server to run ${due.statement}`, async () => {
        const backends = await childBackends(ctx.db);
        return backends.find((b) => b.state === 'active' && due.statement.test(b.query.trim()));
      });
      child.kill('SIGKILL');
      running = busy.query.trim().replace(/\s+/g, ' ').slice(0, 80);
    } catch (error) {
      child.kill('SIGKILL');
      throw new Error(`${(error as Error).message}\nstderr: ${stderr.join('')}`, { cause: error });
    }
    expect(await exited).toBe('SIGKILL');
    expect(output).toContain('started');
    expect(
      output.some((line) => line.startsWith('applied')),
      `killed while the server ran: ${running}`,
    ).toBe(false);

    // The server notices the lost connection and rolls its transaction back.
    await until('the server to end the killed import', async () => ((await childBackends(ctx.db)).length === 0 ? true : undefined));
    expect(await batchTraces(ctx.db, batchId), `killed while the server ran: ${running}`).toEqual({ journal: 0, batches: 0, audit: 0 });
    expect(await holdingsOf(ctx.db, security.id)).toEqual(holdingsBefore);

    // The same batch, imported again, applies in full.
    const result = await importSettlementBatch(ctx, { requestId: 'crash-test' }, { kind: 'system' }, { batchId, stream: createReadStream(file) });
    expect(result).toEqual({ status: 'applied', batchId, rows: trades * 2 });
    expect(await batchTraces(ctx.db, batchId)).toEqual({ journal: trades * 2, batches: 1, audit: 1 });
    const after = await holdingsOf(ctx.db, security.id);
    expect(Object.fromEntries(after.map((h) => [h.account_number, BigInt(h.tradable!)]))).toEqual(Object.fromEntries(expected));
    expect(after.every((h) => h.last_effective_on === '2024-03-05')).toBe(true);
  }

  it('killed while the file streams in, it leaves no partial batch, and the batch applies afterwards', { timeout: 60_000 }, async () => {
    // 200,000 lines: the kill comes after the first 20,000, with most of the file still to stream.
    await crashThenImport('CRASH-COPY', 100_000, { afterLine: /^progress \d+$/, statement: /^copy stage_changes/i });
  });

  it('killed while the journal is being written, likewise', { timeout: 60_000 }, async () => {
    // The last progress line comes when the whole file is read; then the server checks the batch and writes the journal
    // (80,000 entries: long enough to be caught at it, short enough to import twice in the time allowed).
    await crashThenImport('CRASH-APPLY', 40_000, { afterLine: /^progress 80001$/, statement: /^insert into holding_changes/i });
  });
});
