/**
 * `npm start` and `npm run build:web`: builds the web app (dist/web) with Vite, and
 * under `npm start` only when its sources changed since the last build.
 *
 *   tsx scripts/web-build.ts            build if the sources differ from the last build
 *   tsx scripts/web-build.ts --force    build anyway (npm run build:web)
 *   buildWebIfChanged()                 the same, in the caller's process (scripts/start.mjs, npm start)
 *
 * The sources are web/ (src, public, index.html, the Vite config) and the installed
 * dependencies (package-lock.json); their fingerprint, a SHA-256 of every file's
 * path and content, is written to dist/web-build.stamp after a build that succeeded.
 * Hashing them takes a fraction of a second; a build takes 10 to 20 s.
 */
import { fingerprintOf } from './fingerprint.mjs';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface WebBuildPaths {
  /** The folder everything below is relative to. */
  root: string;
  /** Folders and files whose content the build depends on, relative to root. */
  sources: string[];
  /** The built app's entry file; without it there is nothing to serve. */
  output: string;
  /** Where the fingerprint of the last successful build is kept. */
  stamp: string;
}

export const WEB_BUILD: WebBuildPaths = {
  root,
  sources: ['web/src', 'web/public', 'web/index.html', 'web/vite.config.ts', 'package-lock.json'],
  output: 'dist/web/index.html',
  stamp: 'dist/web-build.stamp',
};

/** SHA-256 over the path and content of every source file. */
export function sourceFingerprint(paths: WebBuildPaths = WEB_BUILD): string {
  return fingerprintOf(paths.root, paths.sources);
}

/** True when there is no build, or it was made from other sources. */
export function needsBuild(paths: WebBuildPaths = WEB_BUILD, fingerprint = sourceFingerprint(paths)): boolean {
  const stamp = path.join(paths.root, paths.stamp);
  if (!existsSync(path.join(paths.root, paths.output)) || !existsSync(stamp)) return true;
  return readFileSync(stamp, 'utf8').trim() !== fingerprint;
}

export function writeStamp(fingerprint: string, paths: WebBuildPaths = WEB_BUILD): void {
  writeFileSync(path.join(paths.root, paths.stamp), `${fingerprint}\n`);
}

/** Runs Vite's production build of the web app; true when it succeeded. */
function viteBuild(paths: WebBuildPaths): boolean {
  const vite = path.join(paths.root, 'node_modules', 'vite', 'bin', 'vite.js');
  return spawnSync(process.execPath, [vite, 'build', '--config', 'web/vite.config.ts'], { cwd: paths.root, stdio: 'inherit' }).status === 0;
}

export interface BuildOptions {
  /** Build even when the sources are unchanged (npm run build:web). */
  force?: boolean;
  paths?: WebBuildPaths;
  /** The build itself (tests give a stand-in). */
  build?: (paths: WebBuildPaths) => boolean;
}

/**
 * Builds the web app when its sources changed since the last build (always with `force`);
 * false when the build failed. `npm start` calls it in the server's own process (scripts/start.mjs).
 */
export function buildWebIfChanged({ force = false, paths = WEB_BUILD, build = viteBuild }: BuildOptions = {}): boolean {
  const started = performance.now();
  const fingerprint = sourceFingerprint(paths);
  if (!force && !needsBuild(paths, fingerprint)) {
    console.log(`web app: up to date (sources unchanged since the last build; checked in ${Math.round(performance.now() - started)} ms)`);
    return true;
  }
  if (!build(paths)) return false;
  // The sources as they were when the build started: a file edited during the build makes the next start build again.
  writeStamp(fingerprint, paths);
  return true;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  if (!buildWebIfChanged({ force: process.argv.includes('--force') })) process.exitCode = 1;
}
