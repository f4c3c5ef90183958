/**
 * A throwaway PostgreSQL cluster on loopback, for the tests (test/postgres-server.ts)
 * and the benchmarks (bench/support.ts).
 *
 * initdb into a temporary folder, start on a free port of 127.0.0.1 (never any
 * other address), and on stop() (also run at process exit) stop the server and
 * delete the folder. As root, the cluster runs as the `postgres` OS user, since
 * PostgreSQL refuses to run as root.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface PostgresClusterOptions {
  /** Server settings (`-c name=value`), beyond the defaults. listen_addresses is always 127.0.0.1. */
  settings: Record<string, string>;
  /** Name prefix of the temporary folder, e.g. 'clearhall-test-'. */
  prefix: string;
  /** Appended to the "binaries not found" error, e.g. another way to get a database. */
  missingBinariesHint?: string;
}

export interface PostgresCluster {
  /** Superuser connection string, e.g. postgres://postgres@127.0.0.1:PORT/postgres */
  adminUrl: string;
  /** The cluster's temporary folder (deleted by stop()); the server's files are in its `pg` folder. */
  dir: string;
  /** The server's data directory. */
  dataDir: string;
  /** Stops the server and deletes the folder; idempotent, and also run at process exit. */
  stop(): void;
}

function findBinDir(hint?: string): string {
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
  throw new Error(`PostgreSQL server binaries (initdb, pg_ctl) not found; run: bash scripts/install-test-deps.sh${hint ?? ''}`);
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

/** The cluster's owner: ourselves, or `postgres` when we are root. */
function runAs(): RunAs {
  if (process.getuid?.() !== 0) return { wrap: (command, args) => [command, args] };
  const passwd = spawnSync('getent', ['passwd', 'postgres'], { encoding: 'utf8' });
  const fields = passwd.status === 0 ? passwd.stdout.trim().split(':') : [];
  const uid = Number(fields[2]);
  const gid = Number(fields[3]);
  if (!Number.isInteger(uid) || !Number.isInteger(gid)) {
    throw new Error('running as root but there is no "postgres" OS user to run the cluster; run: bash scripts/install-test-deps.sh');
  }
  const runuser = ['/usr/sbin/runuser', '/sbin/runuser'].find((candidate) => existsSync(candidate));
  if (runuser) return { uid, gid, wrap: (command, args) => [runuser, ['-u', 'postgres', '--', command, ...args]] };
  return {
    uid,
    gid,
    wrap: (command, args) => ['su', ['postgres', '-s', '/bin/sh', '-c', [command, ...args].map(shellQuote).join(' ')]],
  };
}

/** The environment without PG* variables, which would otherwise steer initdb, pg_ctl and the server. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('PG')) env[key] = value;
  env.LC_ALL = 'C';
  return env;
}

/**
 * Runs a command to completion; rejects with its output when it fails. Output never reaches the terminal.
 * `running` holds the command while it runs (initdb, pg_ctl), to kill should the run end while it works.
 */
function run(label: string, command: string, args: string[], cwd: string, running: Set<ChildProcess>): Promise<void> {
  return new Promise((resolve, reject) => {
    // stdio to a pipe is safe here because pg_ctl start is given -l: the server writes to the log file,
    // not to our pipe, so the pipe closes when pg_ctl exits.
    // Its own process group, so that stop() can kill it with everything it started (runuser → initdb → postgres).
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: cleanEnv(), detached: true });
    running.add(child);
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', (error) => {
      running.delete(child);
      reject(error);
    });
    child.once('close', (code) => {
      running.delete(child);
      if (code === 0) resolve();
      else reject(new Error(`${label} failed (exit ${code}):\n${output.trim()}`));
    });
  });
}

/** Starts a throwaway cluster on 127.0.0.1; stop() (also run at exit) stops it and removes its folder. */
export async function startPostgresCluster(options: PostgresClusterOptions): Promise<PostgresCluster> {
  const binDir = findBinDir(options.missingBinariesHint);
  const as = runAs();
  const dir = mkdtempSync(path.join(tmpdir(), options.prefix));
  // The postgres user must be able to reach its folder inside.
  chmodSync(dir, 0o755);
  const pgDir = path.join(dir, 'pg');
  mkdirSync(pgDir, { mode: 0o700 });
  if (as.uid !== undefined && as.gid !== undefined) chownSync(pgDir, as.uid, as.gid);
  const dataDir = path.join(pgDir, 'data');
  const logFile = path.join(pgDir, 'server.log');
  const pgCtl = path.join(binDir, 'pg_ctl');
  // Never any other address: the admin URL names 127.0.0.1, and the cluster trusts every connection.
  const settings = { ...options.settings, listen_addresses: '127.0.0.1' };

  const running = new Set<ChildProcess>();
  let started = false;
  let stopped = false;
  const cluster: PostgresCluster = {
    adminUrl: '',
    dir,
    dataDir,
    stop() {
      if (stopped) return;
      stopped = true;
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
        rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
      } catch (error) {
        console.warn(`could not remove the PostgreSQL cluster's folder ${dir}: ${(error as Error).message}`);
      }
    },
  };
  // Should the run end abruptly (an error, Ctrl+C), still leave no server behind.
  process.on('exit', cluster.stop);

  try {
    const [initdb, initdbArgs] = as.wrap(path.join(binDir, 'initdb'), ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C']);
    await run('initdb', initdb, initdbArgs, pgDir, running);

    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const serverOptions = [`-p ${port}`, `-k ${pgDir}`, ...Object.entries(settings).map(([k, v]) => `-c ${k}=${v}`)].join(' ');
      const [command, args] = as.wrap(pgCtl, ['-D', dataDir, '-l', logFile, '-o', serverOptions, '-w', '-t', '60', 'start']);
      try {
        started = true;
        await run('pg_ctl start', command, args, pgDir, running);
        cluster.adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
        return cluster;
      } catch (error) {
        // Most likely the port was taken between picking and binding; try another.
        const [stop, stopArgs] = as.wrap(pgCtl, ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
        spawnSync(stop, stopArgs, { cwd: pgDir, stdio: 'ignore', env: cleanEnv() });
        started = false;
        if (attempt >= 3) {
          const log = existsSync(logFile) ? readFileSync(logFile, 'utf8').trim() : '';
          throw new Error(`${(error as Error).message}\n${log}`, { cause: error });
        }
      }
    }
  } catch (error) {
    cluster.stop();
    throw error;
  }
}
