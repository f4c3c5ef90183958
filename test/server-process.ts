/**
 * The real server as a separate process, as `clearhall serve` runs it (bin/clearhall.mjs,
 * outside demo mode): for tests and benches that must signal it (SIGTERM) or load it
 * from outside. The caller gives the database (DATABASE_URL, or the embedded one under
 * DATA_DIR); this gives it a throwaway signing identity and PII key, a free port, and
 * waits for /readyz.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDemoIdentity } from '../server/src/platform/pki/identity.ts';
import { openDatabase, type Database } from '../server/src/platform/db/client.ts';
import { composition } from '../server/src/modules/index.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * The environment of a server over `dataDir` (files, and the embedded database unless
 * DATABASE_URL is given): a signing identity written there, a PII key, loopback, no web app.
 * The PII key is returned too, for a context that writes data the server reads.
 */
export async function serverEnvironment(dataDir: string, settings: Record<string, string> = {}): Promise<{ env: NodeJS.ProcessEnv; piiKey: Buffer }> {
  const signing = generateDemoIdentity();
  writeFileSync(path.join(dataDir, 'signing.key.pem'), signing.keyPem, { mode: 0o600 });
  writeFileSync(path.join(dataDir, 'signing.chain.pem'), signing.chainPem);
  const piiKey = randomBytes(32);
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['DATABASE_URL', 'DATABASE_OWNER_URL', 'DEMO', 'PUBLIC_URL', 'NODE_OPTIONS']) delete env[name];
  Object.assign(env, {
    DATA_DIR: dataDir,
    PORT: String(await freePort()),
    HOST: '127.0.0.1',
    PII_KEY: piiKey.toString('base64'),
    SIGNING_KEY_FILE: path.join(dataDir, 'signing.key.pem'),
    SIGNING_CERT_FILE: path.join(dataDir, 'signing.chain.pem'),
    SMTP_HOST: '127.0.0.1',
    WEB_DIST: '/nonexistent',
    LOG_LEVEL: 'warn',
    ...settings,
  });
  return { env, piiKey };
}

/** The database such a server uses: DATABASE_URL's, or the embedded one under DATA_DIR (open it only while the server is down). */
export function openServerDatabase(env: NodeJS.ProcessEnv): Promise<Database> {
  return openDatabase({ ...(env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: path.join(env.DATA_DIR!, 'db') }), schema: composition.schema });
}

export interface ServerProcess {
  pid: number;
  url: string;
  /** The last 20,000 characters the process wrote. */
  output(): string;
  /** Resolves when the process has exited, with its exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** Sends the signal and waits at most `timeoutMs` for the exit; SIGKILL after that. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<{ code: number | null; ms: number; inTime: boolean }>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function ready(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2000) });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}

/**
 * Starts `node bin/clearhall.mjs serve` with `env` and waits until /readyz answers 200, or
 * (until: 'listening') until it says it is running: its signal handlers are set then, and
 * a job it took up at start may hold the embedded database's one connection (no /readyz).
 */
export async function startServerProcess(env: NodeJS.ProcessEnv, options: { until?: 'ready' | 'listening'; timeoutMs?: number } = {}): Promise<ServerProcess> {
  const readyTimeoutMs = options.timeoutMs ?? 120_000;
  const started = performance.now();
  const child = spawn(process.execPath, ['bin/clearhall.mjs', 'serve'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-20_000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) =>
    child.once('close', (code) => {
      exitCode = code;
      resolve(code);
    }),
  );
  const url = `http://127.0.0.1:${env.PORT}`;
  const server: ServerProcess = {
    pid: child.pid!,
    url,
    output: () => output,
    exited,
    async stop(signal = 'SIGTERM', timeoutMs = 15_000) {
      const stopping = performance.now();
      if (exitCode === undefined) child.kill(signal);
      const inTime = await Promise.race([exited.then(() => true), sleep(timeoutMs).then(() => false)]);
      const ms = performance.now() - stopping;
      if (!inTime) child.kill('SIGKILL');
      return { code: await exited, ms, inTime };
    },
  };
  const isUp = options.until === 'listening' ? async () => output.includes('Clearhall is running at') : () => ready(url);
  while (!(await isUp())) {
    if (exitCode !== undefined) throw new Error(`the server exited (${exitCode}) before it was ready:\n${output}`);
    if (performance.now() - started > readyTimeoutMs) {
      await server.stop('SIGKILL');
      throw new Error(`the server was not ready after ${readyTimeoutMs / 1000} s:\n${output}`);
    }
    await sleep(25);
  }
  return server;
}
