/**
 * Shared helpers of the benchmarks: a throwaway PostgreSQL cluster on loopback
 * (when DATABASE_URL is not given), an application context without background
 * work, percentiles and memory figures.
 *
 * The cluster is started like the test cluster, by the same code (test/pg-cluster.ts):
 * initdb into a temporary folder, 127.0.0.1 only, a free port, run as the
 * `postgres` OS user when we are root; it is stopped and deleted on exit.
 * Durability is off (fsync, full-page writes) as in the tests: the figures are
 * about the work the database does, not about the disk.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import pino from 'pino';
import { loadConfig } from '../server/src/config.ts';
import { createContext, type AppContext } from '../server/src/context.ts';
import { composition } from '../server/src/modules/index.ts';
import type { Database } from '../server/src/platform/db/client.ts';
import type { Mailer } from '../server/src/platform/notify/mailer.ts';
import { startPostgresCluster, type PostgresCluster } from '../test/pg-cluster.ts';

export type Cluster = PostgresCluster;

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

/** Starts a throwaway cluster on 127.0.0.1; stop() (also run at exit) removes it. */
export async function startCluster(): Promise<Cluster> {
  // Ctrl+C (or a kill) would end the process without its 'exit' event; exiting runs the cluster's stop().
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
  return startPostgresCluster({
    settings: clusterSettings,
    prefix: 'clearhall-bench-pg-',
    missingBinariesHint: ', or set DATABASE_URL',
  });
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
  return createContext(config, database, { mailer: quietMailer, log: pino({ level: 'warn' }), jobs: composition.jobs });
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
