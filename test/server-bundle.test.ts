/**
 * `npm start` runs the server from a bundle rebuilt only when the server's sources
 * changed (scripts/server-bundle.mjs): a restart with nothing changed does not bundle,
 * an edit does, a failed bundle leaves no stamp; and the real bundle keeps each
 * source file's own import.meta.url (the migrations folder is found from it).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error a plain JavaScript module (it runs before anything loads TypeScript)
import { ensureServerBundle, esbuildBundle, needsBundle, outputsOf, SERVER_BUNDLE, sourceFingerprint } from '../scripts/server-bundle.mjs';

interface Bundle {
  root: string;
  sources: string[];
  entryPoints: Record<string, string>;
  outdir: string;
  stamp: string;
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function project(): Bundle {
  const root = mkdtempSync(path.join(tmpdir(), 'clearhall-server-bundle-'));
  dirs.push(root);
  mkdirSync(path.join(root, 'server/src/platform'), { recursive: true });
  writeFileSync(path.join(root, 'server/src/main.ts'), "import { x } from './platform/x.ts';\nconsole.log(x);\n");
  writeFileSync(path.join(root, 'server/src/platform/x.ts'), 'export const x = 1;\n');
  writeFileSync(path.join(root, 'package-lock.json'), '{}\n');
  return { root, sources: ['server/src', 'package-lock.json'], entryPoints: { main: 'server/src/main.ts' }, outdir: 'dist/server', stamp: 'dist/server-bundle.stamp' };
}

/** A stand-in for esbuild that writes the outputs and counts its runs. */
function countingBuild(runs: string[]) {
  return async (bundle: Bundle) => {
    runs.push(sourceFingerprint(bundle) as string);
    for (const file of Object.values(outputsOf(bundle) as Record<string, string>)) {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, 'export {};\n');
    }
  };
}

describe('server bundle on start', () => {
  it('bundles on the first start, not again while nothing changed, and again after an edit', async () => {
    const bundle = project();
    const runs: string[] = [];
    const build = countingBuild(runs);
    await ensureServerBundle({ bundle, build });
    await ensureServerBundle({ bundle, build });
    await ensureServerBundle({ bundle, build });
    expect(runs).toHaveLength(1);
    writeFileSync(path.join(bundle.root, 'server/src/platform/x.ts'), 'export const x = 2;\n');
    await ensureServerBundle({ bundle, build });
    await ensureServerBundle({ bundle, build });
    expect(runs).toHaveLength(2);
    writeFileSync(path.join(bundle.root, 'server/src/platform/y.ts'), 'export const y = 1;\n');
    writeFileSync(path.join(bundle.root, 'package-lock.json'), '{"lockfileVersion":3}\n');
    await ensureServerBundle({ bundle, build });
    expect(runs).toHaveLength(3);
    rmSync(path.join(bundle.root, 'dist/server/main.mjs'));
    await ensureServerBundle({ bundle, build });
    expect(runs).toHaveLength(4);
  });

  it('keeps no stamp of a bundle that failed, so the next start tries again', async () => {
    const bundle = project();
    const failing = async () => {
      throw new Error('esbuild: syntax error');
    };
    await expect(ensureServerBundle({ bundle, build: failing })).rejects.toThrow(/syntax error/);
    expect(existsSync(path.join(bundle.root, bundle.stamp))).toBe(false);
    expect(needsBundle(bundle)).toBe(true);
  });

  it("fingerprints this repository's server sources", () => {
    expect(sourceFingerprint(SERVER_BUNDLE)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('bundles a file whose import.meta.url still names the file itself', { timeout: 60_000 }, async () => {
    const bundle = project();
    // Packages stay external: the bundle resolves them from the project's node_modules.
    symlinkSync(path.resolve('node_modules'), path.join(bundle.root, 'node_modules'), 'dir');
    cpSync(path.resolve('tsconfig.json'), path.join(bundle.root, 'tsconfig.json'));
    const source = path.join(bundle.root, 'server/src/platform/x.ts');
    writeFileSync(source, "import path from 'node:path';\nimport { fileURLToPath } from 'node:url';\nexport const x = path.dirname(fileURLToPath(import.meta.url));\n");
    await esbuildBundle(bundle);
    const output = (outputsOf(bundle) as Record<string, string>).main!;
    expect(readFileSync(output, 'utf8')).toContain(JSON.stringify(pathToFileURL(source).href));
    const run = spawnSync(process.execPath, [output], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.trim()).toBe(path.dirname(source));
  });
});
