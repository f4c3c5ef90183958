/**
 * Every benchmark (`npm run bench:*` in package.json) runs once at a tiny size, so
 * that none can break silently: it must exit 0 and print its ratio line. No timing
 * is asserted — the figures of a tiny run on a shared machine mean nothing.
 *
 * Each bench gets a new, empty database on the test run's PostgreSQL cluster
 * (DATABASE_URL), except bench:login, which runs over its own embedded PGlite as by
 * default, and bench:restart, which starts `npm start` over its own. A bench script without an entry in SIZES fails the test: a new bench
 * must say how it runs small.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import type {} from './postgres-server.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const scripts = Object.keys((JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts).filter((name) => name.startsWith('bench:'));

/** The arguments that make each bench tiny, whether it needs a PostgreSQL database, further lines it must print, and a longer timeout where one is due. */
const SIZES: Record<string, { args: string[]; postgres: boolean; prints?: RegExp[]; timeoutMs?: number }> = {
  'bench:login': { args: ['--duration', '0.4', '--rounds', '1', '--warmup', '0.2', '--concurrency', '2', '--breakdown-runs', '2'], postgres: false },
  'bench:import': { args: ['--rows', '200', '--accounts', '20'], postgres: true, prints: [/^\s*ratio journal\b.*\d/m] },
  'bench:import-latency': { args: ['--rows', '200', '--accounts', '20', '--rate', '20', '--quiet', '1'], postgres: true, prints: [/^p99 during import:.*\d/m] },
  'bench:holdings-at-date': { args: ['--holders', '50', '--calls', '20'], postgres: true },
  'bench:certificates': { args: ['--rounds', '1', '--per-round', '1'], postgres: false },
  'bench:distribution': { args: ['--holders', '30', '--rounds', '1'], postgres: true },
  'bench:register-export': { args: ['--holders', '30'], postgres: true },
  'bench:audit-chain': { args: ['--entries', '20', '--engine', 'pglite'], postgres: false },
  'bench:queries': { args: ['--holders', '30', '--duration', '1', '--rounds', '1', '--concurrency', '2'], postgres: true },
  // A seed and four starts of a server, plus a web build when dist/ is missing or stale.
  'bench:restart': { args: ['--rounds', '1', '--holders', '50'], postgres: false, timeoutMs: 400_000 },
};

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: inject('postgresAdminUrl') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function run(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', script, '--', ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
  });
}

describe('benchmarks, smoke run at a tiny size', () => {
  it('every bench:* script has a tiny size here', () => {
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((name) => !SIZES[name])).toEqual([]);
  });

  for (const script of scripts) {
    it(`${script} exits 0 and prints its ratio`, { timeout: SIZES[script]?.timeoutMs ?? 120_000 }, async () => {
      const size = SIZES[script];
      if (!size) throw new Error(`${script} has no tiny size in SIZES`);
      const env: NodeJS.ProcessEnv = { ...process.env };
      delete env.DATABASE_URL;
      let database: string | null = null;
      if (size.postgres) {
        database = `bench_smoke_${script.slice('bench:'.length).replaceAll('-', '_')}_${randomBytes(3).toString('hex')}`;
        await admin(`create database "${database}"`);
        const url = new URL(inject('postgresAdminUrl'));
        url.pathname = `/${database}`;
        env.DATABASE_URL = url.toString();
      }
      try {
        const { code, output } = await run(script, size.args, env);
        expect(code, output.slice(-3000)).toBe(0);
        expect(output).toMatch(/^\s*ratio\b.*\d/m);
        for (const line of size.prints ?? []) expect(output).toMatch(line);
      } finally {
        if (database) await admin(`drop database if exists "${database}" with (force)`);
      }
    });
  }
});
