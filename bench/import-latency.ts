/**
 * Does a long import starve the API? `npm run bench:import-latency [-- --rows N --accounts N --rate R --quiet S]`
 *
 * Issue 12, item 1: while a settlement import of a million rows runs, investor queries keep
 * p99 under 1 s. On PostgreSQL (DATABASE_URL, where a scratch database is created and dropped,
 * or a throwaway cluster on 127.0.0.1), with the registry of bench:import (--accounts accounts
 * with opening balances, default 50,000), the server runs as `clearhall serve` does
 * (startServer: HTTP and its job workers, in this process) and a separate process sends
 * 证券持有余额 queries (GET /api/v1/investor/queries/holdings, a bound investor's session)
 * at a steady --rate per second (default 20), open loop: a slow answer does not hold the next
 * request back. First for --quiet seconds with nothing else running (default 10), then while
 * the server's job imports a file of --rows rows (default 1,000,000) uploaded as staff do
 * (stored, then queued). Prints p50 and p99 of both, the ratio of the p99s, and the import's
 * time from queueing to done.
 */
import { fork } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { eq } from 'drizzle-orm';
import { loadConfig } from '../server/src/config.ts';
import { startServer } from '../server/src/server.ts';
import { migrateDatabase, openDatabase } from '../server/src/platform/db/client.ts';
import { jobs } from '../server/src/platform/db/schema.ts';
import { SESSION_COOKIE } from '../server/src/platform/http/auth.ts';
import { investorUsers } from '../server/src/modules/identity/index.ts';
import { accountRef, investorBindings } from '../server/src/modules/investor/index.ts';
import { securitiesAccountOwner, submitSettlementFile } from '../server/src/modules/registry/index.ts';
import { account, DAYS, SECURITY, seedAccounts, settlements, unifiedAccount, writeLines } from './settlement-fixture.ts';
import { benchDatabaseUrl, machine, mb, percentile, positiveInt } from './support.ts';

const { values: flags } = parseArgs({ options: { rows: { type: 'string' }, accounts: { type: 'string' }, rate: { type: 'string' }, quiet: { type: 'string' } } });
const rowCount = positiveInt('rows', flags.rows ?? process.env.BENCH_ROWS, 1_000_000);
const accountCount = positiveInt('accounts', flags.accounts ?? process.env.BENCH_ACCOUNTS, 50_000);
const rate = positiveInt('rate', flags.rate ?? process.env.BENCH_RATE, 20);
const quietSeconds = positiveInt('quiet', flags.quiet ?? process.env.BENCH_QUIET_S, 10);
if (rowCount % 2) throw new Error('--rows must be even: every sale has its purchase');
const TARGET_P99_MS = 1000;

/** The investor asks about the account of holder 0, which the file moves, at dates before, during and after the file's days. */
const QUERY_DATES = ['2026-02-27', ...DAYS, '2026-03-09'];

interface LoadResult {
  latencies: number[];
  errors: number;
}

/** Starts the steady load in its own process, once it sends; the returned function stops it and gives its latencies. */
async function steadyLoad(urls: string[], headers: Record<string, string>): Promise<() => Promise<LoadResult>> {
  const child = fork(path.join(path.dirname(fileURLToPath(import.meta.url)), 'steady-load.mjs'), { stdio: 'inherit' });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('error', reject);
    child.send({ urls, headers, rate });
  });
  return () =>
    new Promise((resolve, reject) => {
      child.once('message', (m) => resolve(m as LoadResult));
      child.once('error', reject);
      child.send('stop');
    });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function summary(result: LoadResult) {
  const sorted = [...result.latencies].sort((a, b) => a - b);
  return { n: sorted.length, errors: result.errors, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? Number.NaN };
}

const { url: serverUrl, cluster } = await benchDatabaseUrl();
const scratchName = `clearhall_bench_import_latency_${process.pid}_${randomBytes(3).toString('hex')}`;
const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
await admin.query(`create database ${scratchName}`);
const url = new URL(serverUrl);
url.pathname = `/${scratchName}`;
const databaseUrl = url.toString();
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'clearhall-bench-import-latency-'));
const database = await openDatabase({ url: databaseUrl });

try {
  await migrateDatabase(database);
  // Demo mode only for its throwaway signing identity (the server refuses to start without one); no demo data is seeded.
  const config = loadConfig({}, { demo: true, dataDir, piiKeyBytes: randomBytes(32), host: '127.0.0.1', port: 0, databaseUrl, jobPollMs: 100, smtpHost: '127.0.0.1', webDist: '/nonexistent', logLevel: 'warn' });
  const server = await startServer(config, { database, migrate: false });
  const ctx = server.ctx;
  let started = performance.now();
  await seedAccounts(ctx, database, accountCount, dataDir);
  console.log(
    `investor queries during a settlement import of ${rowCount.toLocaleString('en')} rows over ${accountCount.toLocaleString('en')} accounts, ${rate} queries/s; ` +
      `PostgreSQL ${cluster ? 'throwaway cluster' : 'from DATABASE_URL (scratch database)'}; ${machine()}`,
  );
  console.log(`(fixture: ${accountCount.toLocaleString('en')} accounts with opening balances in ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  const file = path.join(dataDir, 'settlement.csv');
  await writeLines(file, settlements(rowCount, accountCount));

  // The bench investor: a user bound to holder 0's unified account, and a session.
  const userId = randomUUID();
  const now = ctx.clock.now();
  await ctx.db
    .insert(investorUsers)
    .values({ id: userId, mobileEnc: ctx.vault.encrypt('13900000001'), mobileHash: ctx.vault.lookupHash('mobile', '13900000001'), passwordHash: 'bench', status: 'active', passwordChangedAt: now, createdAt: now });
  const owner = await securitiesAccountOwner(ctx.db, account(0));
  await ctx.db.insert(investorBindings).values({
    id: randomUUID(),
    investorUserId: userId,
    holderId: owner!.holderId,
    unifiedAccountNumber: unifiedAccount(0),
    method: 'quick',
    verificationId: null,
    status: 'active',
    boundAt: now,
  });
  const { token } = await ctx.sessions.create(ctx.db, now, { kind: 'investor', id: userId }, {});
  const urls = QUERY_DATES.map((d) => `${server.url}/api/v1/investor/queries/holdings?account=${accountRef(ctx, account(0))}&market=SH&securityClass=A&date=${d}`);
  const headers = { cookie: `${SESSION_COOKIE}=${token}` };
  const probe = await fetch(urls[0]!, { headers });
  const body = (await probe.json()) as { items: { code: string }[] };
  if (probe.status !== 200 || body.items[0]?.code !== SECURITY.code) throw new Error(`the holdings route answered ${probe.status}: ${JSON.stringify(body)}`);

  // The same queries with nothing else running.
  let stop = await steadyLoad(urls, headers);
  await sleep(quietSeconds * 1000);
  const quiet = summary(await stop());

  // And while the server's job imports the file.
  stop = await steadyLoad(urls, headers);
  started = performance.now();
  const { jobId } = await submitSettlementFile(ctx, { requestId: 'bench' }, { kind: 'system' }, { batchId: 'bench-latency', fileName: 'settlement.csv', stream: createReadStream(file) });
  let job;
  for (;;) {
    [job] = await ctx.db.select().from(jobs).where(eq(jobs.id, jobId));
    if (job && ['done', 'failed', 'parked'].includes(job.status)) break;
    await sleep(100);
  }
  const importSeconds = (performance.now() - started) / 1000;
  const during = summary(await stop());
  const result = job.result as { status?: string; rows?: number } | null;
  if (job.status !== 'done' || result?.status !== 'applied' || result.rows !== rowCount) throw new Error(`the import job ended ${job.status}: ${JSON.stringify(job.result ?? job.lastError)}`);
  await server.close();

  const ms = (n: number) => `${n.toFixed(1)} ms`;
  const line = (label: string, s: ReturnType<typeof summary>) => `${label} p50 ${ms(s.p50)}, p99 ${ms(s.p99)}, max ${ms(s.max)} (${s.n} answers, ${s.errors} errors)`;
  console.log(line('queries, no import:     ', quiet));
  console.log(line('queries, during import: ', during));
  console.log(
    `import:                   ${rowCount.toLocaleString('en')} rows (${mb(statSync(file).size)}) in ${importSeconds.toFixed(1)} s from upload to done (${Math.round(rowCount / importSeconds).toLocaleString('en')} rows/s)`,
  );
  console.log(`ratio p99:                ${(during.p99 / quiet.p99).toFixed(2)} (during import ÷ no import; p50 ${(during.p50 / quiet.p50).toFixed(2)})`);
  const met = during.p99 < TARGET_P99_MS && during.errors === 0;
  console.log(
    `p99 during import:        ${ms(during.p99)} (target < ${TARGET_P99_MS} ms, no errors${met ? '' : ': NOT MET'}); load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
} finally {
  await database.close().catch(() => {});
  await admin.query(`drop database if exists ${scratchName} with (force)`);
  await admin.end();
  cluster?.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
