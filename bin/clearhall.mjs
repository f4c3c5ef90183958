#!/usr/bin/env node
// Entry point of the `clearhall` command: runs the TypeScript sources through tsx,
// so there is no separate build step for the server.
import { register } from 'tsx/esm/api';

register();
await import('../server/src/main.ts');
