#!/usr/bin/env node
// `npm run lint`: ESLint (no warnings allowed), the Prettier check, and dependency-cruiser's
// rules on imports (no cycles, modules only through their faces; `.dependency-cruiser.cjs`). Every step runs, so one run reports all three; the exit code fails if any did.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules/.bin', name);

const steps = [
  ['eslint', [bin('eslint'), '--max-warnings=0', '.']],
  ['prettier', [bin('prettier'), '--check', '--log-level=warn', '.']],
  ['dependency-cruiser', [bin('depcruise'), '--config', '.dependency-cruiser.cjs', 'server/src', 'web/src']],
];

const failed = [];
for (const [name, [command, ...args]] of steps) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.error) console.error(`lint: could not run ${name}: ${result.error.message}`);
  if (result.status !== 0) failed.push(name);
}

if (failed.length) {
  console.error(`lint: ${failed.join(', ')} failed${failed.includes('prettier') ? ' (`npm run format` rewrites the files Prettier lists)' : ''}`);
  process.exit(1);
}
