// The fingerprint of a build's sources, shared by the web build (web-build.ts) and the server bundle
// (server-bundle.mjs), which runs before anything can transpile TypeScript.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** The files of a source (a file, or every file under a folder, depth first in name order). */
function filesOf(rootDir, relative) {
  const full = path.join(rootDir, relative);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [relative];
  return readdirSync(full, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => (entry.isDirectory() || entry.isFile() ? filesOf(rootDir, path.posix.join(relative, entry.name)) : []));
}

/**
 * SHA-256 over the path and content of every file of the sources (paths relative to root).
 * @param {string} root
 * @param {readonly string[]} sources
 * @returns {string}
 */
export function fingerprintOf(root, sources) {
  const hash = createHash('sha256');
  for (const file of sources.flatMap((source) => filesOf(root, source))) {
    const content = readFileSync(path.join(root, file));
    hash.update(`${file}\0${content.length}\0`).update(content);
  }
  return hash.digest('hex');
}
