/** Smoke run of `npm run bench:audit-chain` at a tiny size, so the benchmark cannot break unnoticed (no timing asserted). */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

it('bench:audit-chain runs end to end on a tiny size', { timeout: 180_000 }, async () => {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'bench/audit-chain.ts', '--entries', '20', '--engine', 'pglite'], { cwd: repoRoot });
  expect(stdout).toMatch(/ratio \(chained \/ plain throughput\): \d+\.\d\d/);
  expect(stdout).toMatch(/verify: 20 entries in/);
});
