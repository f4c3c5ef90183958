/**
 * `npm start` runs the server from one esbuild bundle of its TypeScript sources
 * (dist/server/main.mjs), rebuilt only when those sources changed (decision 0029).
 *
 * Loading the 190-odd source files one by one through tsx's loader thread was most of
 * a restart: about 2.3 s of CPU, against under 1 s for the bundle. tsx itself
 * transpiles with esbuild, so the code is the same; the packages stay external
 * (node_modules, loaded by Node as before), and each file's `import.meta.url` is
 * replaced by its own source file's URL, so that paths computed from it (the
 * migrations folder, fonts) stay what they are under tsx. `clearhall` (bin/) and the
 * tests still run the sources through tsx.
 *
 * Plain JavaScript on purpose: it runs before anything can load TypeScript.
 * The fingerprint is the one of scripts/web-build.ts (SHA-256 of every source file's
 * path and content), over server/src, this file, scripts/web-build.ts (bundled too,
 * for the web check), tsconfig.json and package-lock.json; kept in dist/server-bundle.stamp.
 */
import { fingerprintOf } from './fingerprint.mjs';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const SERVER_BUNDLE = {
  root,
  sources: ['server/src', 'scripts/server-bundle.mjs', 'scripts/fingerprint.mjs', 'scripts/web-build.ts', 'tsconfig.json', 'package-lock.json'],
  entryPoints: { main: 'server/src/main.ts', 'web-build': 'scripts/web-build.ts' },
  outdir: 'dist/server',
  stamp: 'dist/server-bundle.stamp',
};

export function sourceFingerprint(bundle = SERVER_BUNDLE) {
  return fingerprintOf(bundle.root, bundle.sources);
}

/** The bundle's files, absolute: one per entry point. */
export function outputsOf(bundle = SERVER_BUNDLE) {
  return Object.fromEntries(Object.keys(bundle.entryPoints).map((name) => [name, path.join(bundle.root, bundle.outdir, `${name}.mjs`)]));
}

/** True when a bundle file is missing, or the stamp is missing or of other sources. */
export function needsBundle(bundle = SERVER_BUNDLE, fingerprint = sourceFingerprint(bundle)) {
  const stamp = path.join(bundle.root, bundle.stamp);
  if (!Object.values(outputsOf(bundle)).every((file) => existsSync(file)) || !existsSync(stamp)) return true;
  return readFileSync(stamp, 'utf8').trim() !== fingerprint;
}

/** Each source file's `import.meta.url` becomes its own URL, as it is when tsx runs the file itself. */
const ownImportMetaUrl = {
  name: 'own-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      return { contents: source.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader: 'ts' };
    });
  },
};

/** Bundles the entry points with esbuild, the very one tsx transpiles with (tsx is a dependency, esbuild is its); packages stay imports. */
export async function esbuildBundle(bundle = SERVER_BUNDLE) {
  const esbuild = createRequire(createRequire(import.meta.url).resolve('tsx/package.json'))('esbuild');
  await esbuild.build({
    absWorkingDir: bundle.root,
    entryPoints: bundle.entryPoints,
    outdir: bundle.outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    keepNames: true,
    logLevel: 'warning',
    plugins: [ownImportMetaUrl],
  });
}

/**
 * The bundle's files, rebuilt first when the sources changed since the last bundle.
 * The stamp is of the sources as they were before the build: an edit during it rebuilds next time.
 */
export async function ensureServerBundle({ bundle = SERVER_BUNDLE, build = esbuildBundle } = {}) {
  const fingerprint = sourceFingerprint(bundle);
  if (needsBundle(bundle, fingerprint)) {
    const started = performance.now();
    await build(bundle);
    writeFileSync(path.join(bundle.root, bundle.stamp), `${fingerprint}\n`);
    console.log(`server: bundled (sources changed since the last start) in ${Math.round(performance.now() - started)} ms`);
  }
  return outputsOf(bundle);
}
