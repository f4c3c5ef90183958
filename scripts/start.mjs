#!/usr/bin/env node
// `npm start`: builds the web app when its sources changed (scripts/web-build.ts), then
// runs `clearhall serve --demo` with any further arguments, in one process: a second
// Node process with its own TypeScript loader, only to find the build current, cost
// one to two seconds of every restart (decision 0028).
import { register } from 'tsx/esm/api';

register();
const { buildWebIfChanged } = await import('./web-build.ts');
if (!buildWebIfChanged()) {
  console.error('npm start: the web app did not build (above); not starting');
  process.exit(1);
}
process.argv.splice(2, 0, 'serve', '--demo');
await import('../server/src/main.ts');
