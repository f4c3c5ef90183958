/**
 * How long a restart of `npm start` takes to answer /readyz, against the bare floor.
 *
 *   npm run bench:restart -- [--rounds 3] [--holders N]
 *   (or BENCH_ROUNDS, BENCH_HOLDERS)
 *
 * On a new temporary DATA_DIR (the embedded PGlite, demo mode) it runs the real
 * `npm start` once (the first start: builds the web app when its sources changed,
 * migrates, seeds the demo data), then, in alternating rounds:
 *
 * - restart: `npm start` again, nothing changed (the figure that matters; goal < 5 s);
 * - serve:   `node bin/clearhall.mjs serve --demo`, the same minus npm and the web check;
 * - baseline: a bare Node process that opens the same PGlite data dir and answers one
 *   HTTP request after a `select 1` (the floor: Node, the WASM database, a socket).
 *
 * Each is timed from spawn to the first 200 from /readyz (polled every 25 ms), then
 * stopped with SIGTERM and waited for, so that the next one opens a closed database.
 * Prints each one's median and the ratio restart / baseline.
 *
 * --holders N seeds the demo registry with N holders (`clearhall seed --holders N`)
 * before the first start instead of the default demo size: the smoke run uses 50.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { machine, percentile, positiveInt } from './support.ts';

const { values: flags } = parseArgs({ options: { rounds: { type: 'string' }, holders: { type: 'string' } } });
const rounds = positiveInt('rounds', flags.rounds ?? process.env.BENCH_ROUNDS, 3);
const holdersRaw = flags.holders ?? process.env.BENCH_HOLDERS;
const holders = holdersRaw ? positiveInt('holders', holdersRaw, 50) : undefined;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const STOP_TIMEOUT_MS = 15_000;
const READY_TIMEOUT_MS = 300_000;

/** The baseline: Node, PGlite over the same data dir, one HTTP answer after one query. */
const BASELINE = `
import http from 'node:http';
import { PGlite } from '@electric-sql/pglite';
const db = await PGlite.create(process.env.DATA_DIR + '/db');
const server = http.createServer(async (_req, res) => {
  await db.query('select 1');
  res.setHeader('content-type', 'application/json');
  res.end('{"status":"ready"}');
});
server.listen(Number(process.env.PORT), '127.0.0.1');
process.once('SIGTERM', async () => { server.close(); await db.close(); process.exit(0); });
`;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function ready(port: number): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(2000) });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}

interface Command {
  label: string;
  command: string;
  args: string[];
}

/** Spawns the command in its own process group, times it to /readyz, stops it and waits for its exit. */
async function timeToReady(run: Command, env: NodeJS.ProcessEnv, port: number): Promise<number> {
  const started = performance.now();
  const child = spawn(run.command, run.args, { cwd: root, env: { ...env, PORT: String(port) }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-20_000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exitCode: number | null | undefined;
  const exited = new Promise<void>((resolve) =>
    child.once('close', (code) => {
      exitCode = code;
      resolve();
    }),
  );
  const stopGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      /* already gone */
    }
  };
  try {
    while (!(await ready(port))) {
      if (exitCode !== undefined) throw new Error(`${run.label} exited (${exitCode}) before it was ready:\n${output}`);
      if (performance.now() - started > READY_TIMEOUT_MS) throw new Error(`${run.label} not ready after ${READY_TIMEOUT_MS / 1000} s:\n${output}`);
      await sleep(25);
    }
    return performance.now() - started;
  } finally {
    stopGroup('SIGTERM');
    const stopped = await Promise.race([exited.then(() => true), sleep(STOP_TIMEOUT_MS).then(() => false)]);
    if (!stopped) {
      stopGroup('SIGKILL');
      await exited;
    }
  }
}

async function runToEnd(run: Command, env: NodeJS.ProcessEnv): Promise<void> {
  const child = spawn(run.command, run.args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  if (code !== 0) throw new Error(`${run.label} failed (${code}):\n${output.slice(-5000)}`);
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'clearhall-bench-restart-'));
const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
for (const name of ['DATABASE_URL', 'DATABASE_OWNER_URL', 'DEMO', 'PUBLIC_URL', 'SMTP_HOST', 'PII_KEY']) delete env[name];

const npmStart: Command = { label: 'npm start', command: 'npm', args: ['start', '--silent'] };
const serve: Command = { label: 'clearhall serve --demo', command: process.execPath, args: ['bin/clearhall.mjs', 'serve', '--demo'] };
const baseline: Command = { label: 'baseline', command: process.execPath, args: ['--input-type=module', '-e', BASELINE] };

const f = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
try {
  const port = await freePort();
  if (holders) await runToEnd({ label: `clearhall seed --holders ${holders}`, command: process.execPath, args: ['bin/clearhall.mjs', 'seed', '--holders', String(holders)] }, env);
  const firstMs = await timeToReady(npmStart, env, port);
  const times: Record<'restart' | 'serve' | 'baseline', number[]> = { restart: [], serve: [], baseline: [] };
  for (let round = 0; round < rounds; round++) {
    // Alternate the order, so that neither always meets the warmer page cache.
    const order = round % 2 === 0 ? (['restart', 'serve', 'baseline'] as const) : (['baseline', 'serve', 'restart'] as const);
    for (const which of order) {
      const run = which === 'restart' ? npmStart : which === 'serve' ? serve : baseline;
      times[which].push(await timeToReady(run, env, port));
    }
  }
  for (const list of Object.values(times)) list.sort((a, b) => a - b);
  const median = (list: number[]) => percentile(list, 50);
  console.log(`restart of npm start on an embedded database, demo data${holders ? ` (${holders} holders)` : ''}, ${rounds} alternating rounds (${machine()}, load ${os.loadavg()[0]!.toFixed(1)})`);
  console.log(`  first start (build check, migrate, seed)    ${f(firstMs)}`);
  console.log(`  restart: npm start, nothing changed         median ${f(median(times.restart))}  (min ${f(times.restart[0]!)}, max ${f(times.restart.at(-1)!)})`);
  console.log(`  clearhall serve --demo (no npm, no web check) median ${f(median(times.serve))}`);
  console.log(`  baseline: bare Node + PGlite + one answer   median ${f(median(times.baseline))}`);
  const goalMet = median(times.restart) < 5000;
  console.log(`  ratio restart / baseline: ${(median(times.restart) / median(times.baseline)).toFixed(2)} (goal: restart < 5 s${goalMet ? '' : ', NOT MET'})`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
