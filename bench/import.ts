/**
 * Settlement import throughput: `npm run bench:import [-- --rows N --accounts N --steps]`.
 *
 * On PostgreSQL (DATABASE_URL, where a scratch database is created and dropped, or a
 * throwaway cluster on 127.0.0.1), with a security and --accounts accounts (default
 * 50,000) each holding opening balances, a CSV of --rows balanced holding changes
 * (default 1,000,000: trade settlements over five days, each sale matched by a
 * purchase) is applied by importSettlementBatch end to end: parse, stage, resolve,
 * check every line, write the journal and the balances, in one transaction.
 *
 * Two baselines, measured in the same run on the same server:
 * - raw COPY: the same file into an unlogged table with the same columns and no index
 *   (ratio target ≥ 0.25, out of reach for a logged, indexed journal: decision 0016);
 * - journal-shaped COPY (decision 0016's baseline): the journal entries the import
 *   wrote, in the order it wrote them, COPYed into a logged table made `like
 *   holding_changes including all` (same columns, key, position index, defaults and
 *   constraints) — the least any import must do to land those rows (target ≥ 0.6).
 * Prints each in rows/s, both ratios, and the import's peak memory (target < 300 MB
 * for a million rows). --steps also prints the time of each SQL statement of the import.
 */
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { sql } from 'drizzle-orm';
import { migrateDatabase, openDatabase, rows } from '../server/src/platform/db/client.ts';
import { importSettlementBatch } from '../server/src/modules/registry/index.ts';
import { seedAccounts, settlements, writeLines } from './settlement-fixture.ts';
import { benchContext, benchDatabaseUrl, clusterSettings, machine, mb, peakRssMb, positiveInt } from './support.ts';

const { values: flags } = parseArgs({ options: { rows: { type: 'string' }, accounts: { type: 'string' }, steps: { type: 'boolean' } } });
const rowCount = positiveInt('rows', flags.rows ?? process.env.BENCH_ROWS, 1_000_000);
const accountCount = positiveInt('accounts', flags.accounts ?? process.env.BENCH_ACCOUNTS, 50_000);
if (rowCount % 2) throw new Error('--rows must be even: every sale has its purchase');
const TARGET_RATIO = 0.25;
const TARGET_JOURNAL_RATIO = 0.6;
const TARGET_MB = 300;

const { url: serverUrl, cluster } = await benchDatabaseUrl();
const scratchName = `clearhall_bench_import_${process.pid}_${randomBytes(3).toString('hex')}`;
const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
await admin.query(`create database ${scratchName}`);
const url = new URL(serverUrl);
url.pathname = `/${scratchName}`;
const tempDir = mkdtempSync(path.join(os.tmpdir(), 'clearhall-bench-import-'));
const database = await openDatabase({ url: url.toString(), poolSize: 2 });

/** CPU milliseconds a server backend has used so far (/proc; loopback only), or NaN. */
function backendCpuMs(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // USER_HZ 100
  } catch {
    return Number.NaN;
  }
}

/**
 * Per-statement timing of the import (--steps): wraps pg's query on this process's clients;
 * wall time, and the CPU time of the backend that ran it (less disturbed by other work).
 */
const statementTimes = new Map<string, { ms: number; cpuMs: number; calls: number }>();
const originalQuery = pg.Client.prototype.query;
const restoreStatements = () => (pg.Client.prototype.query = originalQuery);
function recordStatements(): void {
  const original = originalQuery as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const first = args[0] as string | { text?: string } | undefined;
    const text = typeof first === 'string' ? first : first?.text;
    const pid = (this as pg.Client & { processID?: number }).processID;
    const cpuStarted = backendCpuMs(pid);
    const started = performance.now();
    const result = original.apply(this, args);
    if (!text) return result;
    const label = text.replace(/\s+/g, ' ').trim().slice(0, 100);
    const done = () => {
      const entry = statementTimes.get(label) ?? { ms: 0, cpuMs: 0, calls: 0 };
      entry.ms += performance.now() - started;
      entry.cpuMs += backendCpuMs(pid) - cpuStarted;
      entry.calls += 1;
      statementTimes.set(label, entry);
    };
    if (result instanceof Promise) return result.finally(done);
    // COPY ... FROM STDIN: a stream, finished once the server has taken every row.
    if (result && typeof (result as { once?: unknown }).once === 'function') (result as NodeJS.EventEmitter).once('finish', done);
    return result;
  } as typeof pg.Client.prototype.query;
}

/**
 * CPU seconds used so far by this process and by the server backends of the scratch database
 * (from /proc; loopback only). On a machine shared with other work, wall time swings with the
 * load; CPU time much less, so the bench prints a ratio of each.
 */
async function cpuSeconds(): Promise<number> {
  const own = process.cpuUsage();
  let server = 0;
  const tick = 100; // USER_HZ on Linux
  const backends = await rows<{ pid: number }>(database.db, sql`select pid from pg_stat_activity where datname = current_database()`);
  for (const { pid } of backends) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      server += (Number(fields[11]) + Number(fields[12])) / tick;
    } catch {
      // not on this machine, or gone
    }
  }
  return (own.user + own.system) / 1e6 + server;
}

try {
  await migrateDatabase(database);
  const ctx = benchContext(database);
  console.log(
    `settlement import of ${rowCount.toLocaleString('en')} rows over ${accountCount.toLocaleString('en')} accounts, one security; ` +
      `PostgreSQL ${
        cluster
          ? `throwaway cluster (${Object.entries(clusterSettings)
              .filter(([k]) => k !== 'listen_addresses')
              .map(([k, v]) => `${k}=${v}`)
              .join(' ')})`
          : 'from DATABASE_URL (scratch database)'
      }; ${machine()}`,
  );

  // Fixture: holders, accounts and the security, set-based; then opening balances through the import itself.
  let started = performance.now();
  await seedAccounts(ctx, database, accountCount, tempDir);
  console.log(`(fixture: ${accountCount.toLocaleString('en')} accounts with opening balances in ${((performance.now() - started) / 1000).toFixed(1)} s)`);

  const file = path.join(tempDir, 'settlement.csv');
  started = performance.now();
  await writeLines(file, settlements(rowCount, accountCount));
  const bytes = statSync(file).size;
  console.log(`(CSV: ${rowCount.toLocaleString('en')} rows, ${mb(bytes)}, written in ${((performance.now() - started) / 1000).toFixed(1)} s)`);

  // Baseline: the same file, COPY into an unindexed unlogged table with the same columns.
  await database.db.execute(sql`
    create unlogged table bench_copy (account_number text, market text, security_code text, business_type text, category text, quantity bigint, effective_on date, reference text)`);
  const client = await (database.raw as pg.Pool).connect();
  let cpuStart = await cpuSeconds();
  started = performance.now();
  await pipeline(createReadStream(file), client.query(copyFrom('copy bench_copy from stdin with (format csv, header true)')));
  const copySeconds = (performance.now() - started) / 1000;
  const copyCpu = (await cpuSeconds()) - cpuStart;
  client.release();
  const [copied] = await rows<{ n: number }>(database.db, sql`select count(*)::int as n from bench_copy`);
  if (copied?.n !== rowCount) throw new Error(`COPY loaded ${copied?.n} rows, not ${rowCount}`);
  await database.db.execute(sql`drop table bench_copy`);

  if (flags.steps) recordStatements();

  // The import, end to end, with its memory watched.
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  const watch = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 50);
  cpuStart = await cpuSeconds();
  started = performance.now();
  const result = await importSettlementBatch(ctx, { requestId: 'bench' }, { kind: 'system' }, { batchId: 'bench-settlement', stream: createReadStream(file) });
  const importSeconds = (performance.now() - started) / 1000;
  const importCpu = (await cpuSeconds()) - cpuStart;
  clearInterval(watch);
  rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  if (result.status !== 'applied' || result.rows !== rowCount) throw new Error(`unexpected import result ${JSON.stringify(result)}`);
  if (flags.steps) restoreStatements();

  // Baseline 2: the journal entries just written, in id order (the order the import wrote them), COPYed into a
  // logged table shaped like the journal. Vacuumed first, so no autovacuum of the import's rows runs beside it.
  await database.db.execute(sql`vacuum analyze holding_changes, holdings`);
  const journalFile = path.join(tempDir, 'journal.csv');
  const exporter = await (database.raw as pg.Pool).connect();
  await pipeline(exporter.query(copyTo(`copy (select * from holding_changes where batch_id = 'bench-settlement' order by id) to stdout with (format csv)`)), createWriteStream(journalFile));
  await database.db.execute(sql`create table bench_journal (like holding_changes including all)`);
  cpuStart = await cpuSeconds();
  started = performance.now();
  await pipeline(createReadStream(journalFile), exporter.query(copyFrom('copy bench_journal from stdin with (format csv)')));
  const journalCopySeconds = (performance.now() - started) / 1000;
  const journalCopyCpu = (await cpuSeconds()) - cpuStart;
  exporter.release();
  const [journalCopied] = await rows<{ n: number }>(database.db, sql`select count(*)::int as n from bench_journal`);
  if (journalCopied?.n !== rowCount) throw new Error(`journal-shaped COPY loaded ${journalCopied?.n} rows, not ${rowCount}`);
  await database.db.execute(sql`drop table bench_journal`);

  const copyRate = rowCount / copySeconds;
  const journalCopyRate = rowCount / journalCopySeconds;
  const importRate = rowCount / importSeconds;
  const ratio = importRate / copyRate;
  const journalRatio = importRate / journalCopyRate;
  const fmt = (n: number) => Math.round(n).toLocaleString('en');
  console.log(`raw COPY:      ${fmt(copyRate)} rows/s (${copySeconds.toFixed(2)} s; the CSV into an unlogged table, no index)`);
  console.log(`journal COPY:  ${fmt(journalCopyRate)} rows/s (${journalCopySeconds.toFixed(2)} s; the batch's journal entries into a logged table like holding_changes, key and position index)`);
  console.log(`import:        ${fmt(importRate)} rows/s (${importSeconds.toFixed(2)} s; importSettlementBatch, end to end)`);
  console.log(`ratio:         ${ratio.toFixed(3)} (import ÷ raw COPY; target ≥ ${TARGET_RATIO})${ratio < TARGET_RATIO ? '  BELOW TARGET' : ''}`);
  console.log(`ratio journal: ${journalRatio.toFixed(3)} (import ÷ journal-shaped COPY; target ≥ ${TARGET_JOURNAL_RATIO})${journalRatio < TARGET_JOURNAL_RATIO ? '  BELOW TARGET' : ''}`);
  console.log(
    `CPU time:      raw COPY ${copyCpu.toFixed(2)} s, journal COPY ${journalCopyCpu.toFixed(2)} s, import ${importCpu.toFixed(2)} s (Node + server backends); ` +
      `ratios by CPU ${(copyCpu / importCpu).toFixed(3)} and ${(journalCopyCpu / importCpu).toFixed(3)}; ` +
      `load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
  );
  const peakMb = rssPeak / 1024 / 1024;
  console.log(
    `memory:        peak RSS during the import ${peakMb.toFixed(0)} MB (${((rssPeak - rssBefore) / 1024 / 1024).toFixed(0)} MB above its start; ` +
      `process maxRSS ${peakRssMb().toFixed(0)} MB; target < ${TARGET_MB} MB)${peakMb >= TARGET_MB ? '  ABOVE TARGET' : ''}`,
  );
  if (flags.steps) {
    console.log('import statements, slowest first (wall ms, server CPU ms, calls; the staging COPY includes reading the file):');
    for (const [label, t] of [...statementTimes].sort((a, b) => b[1].ms - a[1].ms).slice(0, 14)) {
      console.log(`  ${t.ms.toFixed(0).padStart(7)} ${t.cpuMs.toFixed(0).padStart(7)} ${String(t.calls).padStart(4)}  ${label}`);
    }
  }
} finally {
  await database.close();
  await admin.query(`drop database if exists ${scratchName} with (force)`).catch(() => {});
  await admin.end();
  rmSync(tempDir, { recursive: true, force: true });
  cluster?.stop();
}
