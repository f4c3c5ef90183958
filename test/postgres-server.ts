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
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  interface ProvidedContext {
    /** Superuser connection string of the test cluster, e.g. postgres://postgres@127.0.0.1:PORT/postgres */
    postgresAdminUrl: string;
    /** A folder for this test run, removed at the end (the PGlite template lives here). */
    testScratchDir: string;
  }
}

interface Cluster {
  scratchDir: string;
  dataDir: string;
  adminUrl: string;
  users: number;
  stopped: boolean;
  stop(): void;
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
  throw new Error('PostgreSQL server binaries (initdb, pg_ctl) not found; run: bash scripts/install-test-deps.sh');
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

function shellQuote(arg: string): string {
  return `'${arg.replaceAll("'", `'\\''`)}'`;
}

interface RunAs {
  /** Turns a command into one that runs as the cluster's owner. */
  wrap(command: string, args: string[]): [string, string[]];
  uid?: number;
  gid?: number;
}

function runAs(): RunAs {
  if (process.getuid?.() !== 0) return { wrap: (command, args) => [command, args] };
  const passwd = spawnSync('getent', ['passwd', 'postgres'], { encoding: 'utf8' });
  const fields = passwd.status === 0 ? passwd.stdout.trim().split(':') : [];
  const uid = Number(fields[2]);
  const gid = Number(fields[3]);
  if (!Number.isInteger(uid) || !Number.isInteger(gid)) {
    throw new Error('running as root but there is no "postgres" OS user to run the test cluster; run: bash scripts/install-test-deps.sh');
  }
  const runuser = ['/usr/sbin/runuser', '/sbin/runuser'].find((candidate) => existsSync(candidate));
  if (runuser) return { uid, gid, wrap: (command, args) => [runuser, ['-u', 'postgres', '--', command, ...args]] };
  return {
    uid,
    gid,
    wrap: (command, args) => ['su', ['postgres', '-s', '/bin/sh', '-c', [command, ...args].map(shellQuote).join(' ')]],
  };
}

/** Commands still running (initdb, pg_ctl), to kill should the run end while they work. */
const running = new Set<ChildProcess>();

/** Runs a command to completion; rejects with its output when it fails. Output never reaches the terminal. */
function run(label: string, command: string, args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // stdio to a pipe is safe here because pg_ctl start is given -l: the server writes to the log file,
    // not to our pipe, so the pipe closes when pg_ctl exits.
    // Its own process group, so that stop() can kill it with everything it started (runuser → initdb → postgres).
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: cleanEnv(), detached: true });
    running.add(child);
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => {
      running.delete(child);
      if (code === 0) resolve();
      else reject(new Error(`${label} failed (exit ${code}):\n${output.trim()}`));
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

async function startCluster(): Promise<Cluster> {
  const binDir = findBinDir();
  const as = runAs();
  const scratchDir = mkdtempSync(path.join(tmpdir(), 'clearhall-test-'));
  // The postgres user must be able to reach its folder inside.
  chmodSync(scratchDir, 0o755);
  const pgDir = path.join(scratchDir, 'pg');
  mkdirSync(pgDir, { mode: 0o700 });
  if (as.uid !== undefined && as.gid !== undefined) chownSync(pgDir, as.uid, as.gid);
  const dataDir = path.join(pgDir, 'data');
  const logFile = path.join(pgDir, 'server.log');
  const pgCtl = path.join(binDir, 'pg_ctl');

  let started = false;
  const cluster: Cluster = {
    scratchDir,
    dataDir,
    adminUrl: '',
    users: 0,
    stopped: false,
    stop() {
      if (cluster.stopped) return;
      cluster.stopped = true;
      process.off('exit', cluster.stop);
      for (const child of running) {
        try {
          if (child.pid) process.kill(-child.pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }
      if (started) {
        const [command, args] = as.wrap(pgCtl, ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
        spawnSync(command, args, { cwd: pgDir, stdio: 'ignore', env: cleanEnv() });
      }
      try {
        rmSync(scratchDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
      } catch (error) {
        console.warn(`could not remove the test cluster's folder ${scratchDir}: ${(error as Error).message}`);
      }
    },
  };
  // Should the run end abruptly (an error, Ctrl+C), still leave no server behind.
  process.on('exit', cluster.stop);

  try {
    const [initdb, initdbArgs] = as.wrap(path.join(binDir, 'initdb'), [
      '-D', dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C',
    ]);
    await run('initdb', initdb, initdbArgs, pgDir);

    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const options = [
        `-p ${port}`,
        `-k ${pgDir}`,
        '-c listen_addresses=127.0.0.1',
        '-c fsync=off',
        '-c synchronous_commit=off',
        '-c full_page_writes=off',
        '-c max_connections=200',
      ].join(' ');
      const [command, args] = as.wrap(pgCtl, ['-D', dataDir, '-l', logFile, '-o', options, '-w', '-t', '60', 'start']);
      try {
        started = true;
        await run('pg_ctl start', command, args, pgDir);
        cluster.adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
        return cluster;
      } catch (error) {
        // Most likely the port was taken between picking and binding; try another.
        const [stop, stopArgs] = as.wrap(pgCtl, ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
        spawnSync(stop, stopArgs, { cwd: pgDir, stdio: 'ignore', env: cleanEnv() });
        started = false;
        if (attempt >= 3) {
          const log = existsSync(logFile) ? readFileSync(logFile, 'utf8').trim() : '';
          throw new Error(`${(error as Error).message}\n${log}`);
        }
      }
    }
  } catch (error) {
    cluster.stop();
    throw error;
  }
}
