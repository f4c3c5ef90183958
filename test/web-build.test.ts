/**
 * `npm start` builds the web app only when its sources changed (scripts/web-build.ts):
 * the fingerprint follows every source file's path and content, and a build is
 * needed when there is none, no stamp, or a stamp of other sources.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildWebIfChanged, needsBuild, sourceFingerprint, WEB_BUILD, writeStamp, type WebBuildPaths } from '../scripts/web-build.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function project(): WebBuildPaths {
  const root = mkdtempSync(path.join(tmpdir(), 'clearhall-web-build-'));
  dirs.push(root);
  mkdirSync(path.join(root, 'web/src/app'), { recursive: true });
  writeFileSync(path.join(root, 'web/src/main.tsx'), 'export {};\n');
  writeFileSync(path.join(root, 'web/src/app/app.tsx'), 'export const app = 1;\n');
  writeFileSync(path.join(root, 'web/vite.config.ts'), 'export default {};\n');
  writeFileSync(path.join(root, 'package-lock.json'), '{}\n');
  return { root, sources: ['web/src', 'web/vite.config.ts', 'package-lock.json', 'web/public'], output: 'dist/web/index.html', stamp: 'dist/web-build.stamp' };
}

function built(paths: WebBuildPaths) {
  mkdirSync(path.join(paths.root, 'dist/web'), { recursive: true });
  writeFileSync(path.join(paths.root, paths.output), '<!doctype html>');
  writeStamp(sourceFingerprint(paths), paths);
}

describe('web build on start', () => {
  it('builds when there is no build, and not again while nothing changed', () => {
    const paths = project();
    expect(needsBuild(paths)).toBe(true);
    built(paths);
    expect(needsBuild(paths)).toBe(false);
  });

  it('builds again when a source file is edited, added or removed, or the dependencies change', () => {
    const paths = project();
    const edits: ((root: string) => void)[] = [
      (root) => writeFileSync(path.join(root, 'web/src/app/app.tsx'), 'export const app = 2;\n'),
      (root) => writeFileSync(path.join(root, 'web/src/app/new-page.tsx'), 'export {};\n'),
      (root) => rmSync(path.join(root, 'web/src/main.tsx')),
      (root) => writeFileSync(path.join(root, 'package-lock.json'), '{"lockfileVersion":3}\n'),
      (root) => writeFileSync(path.join(root, 'web/vite.config.ts'), 'export default { base: "/" };\n'),
    ];
    for (const edit of edits) {
      built(paths);
      edit(paths.root);
      expect(needsBuild(paths)).toBe(true);
    }
  });

  it('builds when the built app is gone though the stamp is there', () => {
    const paths = project();
    built(paths);
    rmSync(path.join(paths.root, 'dist/web'), { recursive: true });
    expect(needsBuild(paths)).toBe(true);
  });

  it('npm start skips the build while nothing changed and builds again after an edit', () => {
    const paths = project();
    const builds: string[] = [];
    const build = (p: WebBuildPaths) => {
      builds.push(sourceFingerprint(p));
      mkdirSync(path.join(p.root, 'dist/web'), { recursive: true });
      writeFileSync(path.join(p.root, p.output), '<!doctype html>');
      return true;
    };
    expect(buildWebIfChanged({ paths, build })).toBe(true);
    expect(buildWebIfChanged({ paths, build })).toBe(true);
    expect(buildWebIfChanged({ paths, build })).toBe(true);
    expect(builds).toHaveLength(1);
    writeFileSync(path.join(paths.root, 'web/src/app/app.tsx'), 'export const app = 3;\n');
    expect(buildWebIfChanged({ paths, build })).toBe(true);
    expect(buildWebIfChanged({ paths, build })).toBe(true);
    expect(builds).toHaveLength(2);
    expect(builds[1]).not.toBe(builds[0]);
    expect(buildWebIfChanged({ paths, build, force: true })).toBe(true);
    expect(builds).toHaveLength(3);
  });

  it('keeps no stamp of a build that failed, so the next start tries again', () => {
    const paths = project();
    let attempts = 0;
    const failing = () => {
      attempts++;
      return false;
    };
    expect(buildWebIfChanged({ paths, build: failing })).toBe(false);
    expect(buildWebIfChanged({ paths, build: failing })).toBe(false);
    expect(attempts).toBe(2);
    expect(needsBuild(paths)).toBe(true);
  });

  it("fingerprints this repository's web sources", () => {
    expect(sourceFingerprint(WEB_BUILD)).toMatch(/^[0-9a-f]{64}$/);
  });
});
