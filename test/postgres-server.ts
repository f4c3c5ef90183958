/**
 * Vitest global setup: a throwaway PostgreSQL cluster for the test run.
 *
 * initdb into a temporary folder, start on a free port of 127.0.0.1 (never any
 * other address), provide the admin URL to the tests (`inject('postgresAdminUrl')`),
 * and stop it and delete the folder afterwards. As root, the cluster runs as the
 * `postgres` OS user, since PostgreSQL refuses to run as root.
 *
 * Several projects (integration, e2e) name this file; they share one cluster.
 */
import { startPostgresCluster, type PostgresCluster } from './pg-cluster.ts';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  interface ProvidedContext {
    /** Superuser connection string of the test cluster, e.g. postgres://postgres@127.0.0.1:PORT/postgres */
    postgresAdminUrl: string;
    /** A folder for this test run, removed at the end (the PGlite template lives here). */
    testScratchDir: string;
  }
}

interface Cluster extends PostgresCluster {
  /** The test run's folder: the cluster's own folder (removed by stop()). */
  scratchDir: string;
  /** Projects currently using the cluster; the last one to finish stops it. */
  users: number;
}

/** Shared by every project in this process: each project loads this file through its own module runner. */
const SHARED = Symbol.for('clearhall.test.postgresCluster');
type SharedGlobal = typeof globalThis & { [SHARED]?: Promise<Cluster> };
const shared = globalThis as SharedGlobal;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  shared[SHARED] ??= startCluster();
  let cluster: Cluster;
  try {
    cluster = await shared[SHARED];
  } catch (error) {
    delete shared[SHARED];
    throw error;
  }
  cluster.users += 1;
  project.provide('postgresAdminUrl', cluster.adminUrl);
  project.provide('testScratchDir', cluster.scratchDir);
  return async () => {
    cluster.users -= 1;
    if (cluster.users > 0) return;
    delete shared[SHARED];
    cluster.stop();
  };
}

/** Server settings of the test cluster, beyond the defaults. */
const settings: Record<string, string> = {
  listen_addresses: '127.0.0.1',
  fsync: 'off',
  synchronous_commit: 'off',
  full_page_writes: 'off',
  max_connections: '200',
};

async function startCluster(): Promise<Cluster> {
  const cluster = await startPostgresCluster({ settings, prefix: 'clearhall-test-' });
  return Object.assign(cluster, { scratchDir: cluster.dir, users: 0 });
}
