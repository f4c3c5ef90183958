/**
 * Shared helpers of the benchmarks: a throwaway PostgreSQL cluster on loopback
 * (when DATABASE_URL is not given), an application context without background
 * work, percentiles and memory figures.
 *
 * The cluster is started like the test cluster (test/postgres-server.ts):
 * initdb into a temporary folder, 127.0.0.1 only, a free port, run as the
 * `postgres` OS user when we are root; it is stopped and deleted on exit.
 * Durability is off (fsync, full-page writes) as in the tests: the figures are
 * about the work the database does, not about the disk.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { loadConfig } from '../server/src/config.ts';
import { createContext, type AppContext } from '../server/src/context.ts';
import type { Database } from '../server/src/platform/db/client.ts';
import type { Mailer } from '../server/src/platform/notify/mailer.ts';

export interface Cluster {
  /** Superuser connection string, e.g. postgres://postgres@127.0.0.1:PORT/postgres */
  adminUrl: string;
  /** The cluster's folder (deleted by stop()). */
  dir: string;
  stop(): void;
}

/** Server settings of the throwaway cluster, beyond the defaults. */
export const clusterSettings: Record<string, string> = {
  listen_addresses: '127.0.0.1',
  fsync: 'off',
  synchronous_commit: 'off',
  full_page_writes: 'off',
  shared_buffers: '1GB',
  max_wal_size: '8GB',
  checkpoint_timeout: '30min',
  max_connections: '50',
};

function findBinDir(): string {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((name) => /^\d+(\.\d+)?$/.test(name) && existsSync(path.join(root, name, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return path.join(root, versions[0], 'bin');
  }
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && existsSync(path.join(dir, 'initdb')) && existsSync(path.join(dir, 'pg_ctl'))) return dir;
  }
  throw new Error('PostgreSQL server binaries (initdb, pg_ctl) not found; run: bash scripts/install-test-deps.sh, or set DATABASE_URL');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('could not pick a free port'))));
    });
  });
}

/** The environment without PG* variables, which would otherwise steer initdb, pg_ctl and the server. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('PG')) env[key] = value;
  env.LC_ALL = 'C';
  return env;
}

/** Runs a command as the cluster's owner: ourselves, or `postgres` when we are root. */
function asOwner(): { wrap: (command: string, args: string[]) => [string, string[]]; uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return { wrap: (command, args) => [command, args] };
  const fields = spawnSync('getent', ['passwd', 'postgres'], { encoding: 'utf8' }).stdout.trim().split(':');
  const uid = Number(fields[2]);
  const gid = Number(fields[3]);
  if (!Number.isInteger(uid) || !Number.isInteger(gid)) throw new Error('running as root but there is no "postgres" OS user; run: bash scripts/install-test-deps.sh');
  const runuser = ['/usr/sbin/runuser', '/sbin/runuser'].find((candidate) => existsSync(candidate));
  if (!runuser) throw new Error('runuser not found');
  return { uid, gid, wrap: (command, args) => [runuser, ['-u', 'postgres', '--', command, ...args]] };
}

function run(command: string, args: string[], cwd: string): void {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: cleanEnv() });
  if (result.status !== 0) throw new Error(`${path.basename(args.find((a) => a.includes('/')) ?? command)} failed (exit ${result.status}):\n${result.stdout}${result.stderr}`);
}

/** Starts a throwaway cluster on 127.0.0.1; stop() (also run at exit) removes it. */
export async function startCluster(): Promise<Cluster> {
  const binDir = findBinDir();
  const owner = asOwner();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'clearhall-bench-pg-'));
  chmodSync(dir, 0o755);
  const pgDir = path.join(dir, 'pg');
  mkdirSync(pgDir, { mode: 0o700 });
  if (owner.uid !== undefined && owner.gid !== undefined) chownSync(pgDir, owner.uid, owner.gid);
  const dataDir = path.join(pgDir, 'data');
  const logFile = path.join(pgDir, 'server.log');
  const pgCtl = path.join(binDir, 'pg_ctl');
  let started = false;
  const cluster: Cluster = {
    adminUrl: '',
    dir,
    stop() {
      process.off('exit', cluster.stop);
      if (started) {
        const [command, args] = owner.wrap(pgCtl, ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
        spawnSync(command, args, { cwd: pgDir, stdio: 'ignore', env: cleanEnv() });
        started = false;
      }
      rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    },
  };
  process.on('exit', cluster.stop);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      cluster.stop();
      process.exit(130);
    });
  }
  try {
    const [initdb, initdbArgs] = owner.wrap(path.join(binDir, 'initdb'), ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C']);
    run(initdb, initdbArgs, pgDir);
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const options = [`-p ${port}`, `-k ${pgDir}`, ...Object.entries(clusterSettings).map(([k, v]) => `-c ${k}=${v}`)].join(' ');
      const [command, args] = owner.wrap(pgCtl, ['-D', dataDir, '-l', logFile, '-o', options, '-w', '-t', '60', 'start']);
      try {
        started = true;
        run(command, args, pgDir);
        cluster.adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
        return cluster;
      } catch (error) {
        started = false;
        if (attempt >= 3) throw new Error(`${(error as Error).message}\n${existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''}`);
      }
    }
  } catch (error) {
    cluster.stop();
    throw error;
  }
}

/** DATABASE_URL when set (the caller's database, used as it is), else a new throwaway cluster. */
export async function benchDatabaseUrl(): Promise<{ url: string; cluster: Cluster | null }> {
  const given = process.env.DATABASE_URL;
  if (given) {
    const host = new URL(given).hostname;
    if (!['127.0.0.1', 'localhost', '::1', '[::1]', ''].includes(host)) throw new Error(`benchmarks talk to loopback only; DATABASE_URL names ${host}`);
    return { url: given, cluster: null };
  }
  const cluster = await startCluster();
  return { url: cluster.adminUrl, cluster };
}

const quietMailer: Mailer = {
  async send() {
    return { messageId: 'bench' };
  },
  close() {},
};

/** An application context for benchmarks: no background workers, no mail, quiet logs. */
export function benchContext(database: Database): AppContext {
  const config = loadConfig({}, { piiKeyBytes: randomBytes(32), workers: 0, logLevel: 'warn', webDist: '/nonexistent', smtpHost: '127.0.0.1' });
  return createContext(config, database, { mailer: quietMailer, log: pino({ level: 'warn' }) });
}

/** The p-th percentile (0-100) of ascending values, nearest rank. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

/** Peak resident memory of this process so far, in MB. */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** A positive integer option: flag, else environment, else default. */
export function positiveInt(name: string, raw: string | undefined, fallback: number): number {
  const value = raw === undefined || raw === '' ? fallback : Number(raw.replaceAll('_', ''));
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number, not "${raw}"`);
  return value;
}

export function machine(): string {
  return `${os.cpus().length} CPUs, ${mb(os.totalmem())} RAM, Node ${process.version}`;
}
