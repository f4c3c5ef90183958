#!/usr/bin/env node
// `npm start`: builds the web app when its sources changed (scripts/web-build.ts), then
// runs `clearhall serve --demo` with any further arguments, in this one process, from
// the server bundle (scripts/server-bundle.mjs: rebuilt when the server's sources
// changed). No TypeScript loader: loading the sources one by one through tsx, and a
// second Node process only to check the web build, were most of a restart (decision 0029).
import { pathToFileURL } from 'node:url';
import { ensureServerBundle } from './server-bundle.mjs';

const bundle = await ensureServerBundle();
const { buildWebIfChanged } = await import(pathToFileURL(bundle['web-build']).href);
if (!buildWebIfChanged()) {
  console.error('npm start: the web app did not build (above); not starting');
  process.exit(1);
}
process.argv.splice(2, 0, 'serve', '--demo');
await import(pathToFileURL(bundle.main).href);
