#!/usr/bin/env node
// `npm test`: lints and typechecks (either failing fails the run before any test), installs
// what the tests need, builds the web app the browser tests serve, runs every Vitest project,
// and ends with one line: "N passed, N failed[, N skipped]".
// Extra arguments go to Vitest: `npm test -- --project unit`, `npm test -- test/harness.int.test.ts`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const vitestArgs = process.argv.slice(2);

function step(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.error) {
    console.error(`test: could not run ${command}: ${result.error.message}`);
    process.exit(1);
  }
  if (result.status !== 0) {
    console.error(`test: ${[command, ...args].join(' ')} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status || 1);
  }
}

/** The projects named with --project, or undefined when all run. */
function selectedProjects(args) {
  const names = [];
  args.forEach((arg, i) => {
    if (arg === '--project' && args[i + 1]) names.push(args[i + 1]);
    else if (arg.startsWith('--project=')) names.push(arg.slice('--project='.length));
  });
  return names.length ? names : undefined;
}

/** Runs each check, then stops the run if any failed, so one run reports them all. */
function checks(commands) {
  const failed = [];
  for (const [command, args] of commands) {
    const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
    if (result.error) console.error(`test: could not run ${command}: ${result.error.message}`);
    if (result.status !== 0) failed.push([command, ...args].join(' '));
  }
  if (!failed.length) return;
  console.error(`test: ${failed.join(' and ')} failed; no tests ran`);
  process.exit(1);
}

checks([
  ['npm', ['run', '--silent', 'lint']],
  ['npm', ['run', '--silent', 'typecheck']],
]);

step('bash', [path.join(root, 'scripts/install-test-deps.sh')]);

// The e2e tests serve the built web app; skip the build only when they cannot run.
const projects = selectedProjects(vitestArgs);
const e2eSelected = !projects || projects.some((name) => name === 'e2e' || name.includes('*'));
if (existsSync(path.join(root, 'web/vite.config.ts')) && e2eSelected) {
  step('npm', ['run', '--silent', 'build:web']);
}

const resultsDir = mkdtempSync(path.join(tmpdir(), 'clearhall-vitest-'));
const resultsFile = path.join(resultsDir, 'results.json');
const vitestEntry = path.join(root, 'node_modules/vitest/vitest.mjs');
const [command, args] = existsSync(vitestEntry) ? [process.execPath, [vitestEntry]] : ['npx', ['vitest']];
const child = spawn(command, [...args, 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${resultsFile}`, ...vitestArgs], {
  cwd: root,
  stdio: 'inherit',
});

// Ctrl+C reaches Vitest through the terminal; stay alive to report. Pass on a kill to Vitest.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => child.kill('SIGTERM'));

const exitCode = await new Promise((resolve) => {
  child.once('error', (error) => {
    console.error(`test: could not start vitest: ${error.message}`);
    resolve(1);
  });
  child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
});

let report;
try {
  report = JSON.parse(readFileSync(resultsFile, 'utf8'));
} catch {
  report = undefined;
} finally {
  rmSync(resultsDir, { recursive: true, force: true });
}

if (!report) {
  console.error('test: vitest wrote no results');
  process.exit(exitCode || 1);
}

const passed = report.numPassedTests ?? 0;
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
// A file that failed outside any test (an import error, a failing beforeAll with no tests run)
// counts as one failure, so the line never says "0 failed" when the run failed.
let failed = report.numFailedTests ?? 0;
for (const file of report.testResults ?? []) {
  const failedInside = (file.assertionResults ?? []).some((test) => test.status === 'failed');
  if (file.status === 'failed' && !failedInside) failed += 1;
}

const noTests = exitCode === 0 && passed + failed === 0;
if (noTests) console.error('test: no tests ran');
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(exitCode !== 0 ? exitCode : failed > 0 || noTests ? 1 : 0);
