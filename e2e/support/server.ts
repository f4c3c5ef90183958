/**
 * A real Clearhall server for one spec file: demo mode (dev inbox, embedded SMTP),
 * one job worker polling every 50 ms (so SMS codes reach the inbox quickly), the
 * built web app, listening on a free port of 127.0.0.1.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '../../server/src/config.ts';
import { startServer, type RunningServer } from '../../server/src/server.ts';
import type { Database } from '../../server/src/platform/db/client.ts';
import { capturingLogger, testConfig } from '../../test/context.ts';
import { openTestDatabase, type DatabaseKind } from '../../test/databases.ts';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const webDist = path.join(repoRoot, 'dist/web');

export interface E2eServer extends RunningServer {
  /** http://127.0.0.1:PORT */
  baseUrl: string;
  databaseKind: DatabaseKind;
}

/** Fails with what to do when the web app has not been built. */
export function assertWebBuilt(): void {
  if (!existsSync(path.join(webDist, 'index.html'))) {
    throw new Error(`the web app is not built (${path.relative(repoRoot, webDist)}/index.html is missing): run \`npm run build:web\` before the e2e tests (\`npm test\` does it for you)`);
  }
}

export async function startE2eServer(databaseKind: DatabaseKind, overrides: Partial<Config> = {}): Promise<E2eServer> {
  assertWebBuilt();
  const database: Database = await openTestDatabase(databaseKind);
  let running: RunningServer;
  try {
    // E2E_LOG_LEVEL=info (or debug) shows the server's log while debugging a spec; otherwise it is captured and scanned
    // for personal data (test/context.ts `capturingLogger`, checked by the harness after the spec).
    const logLevel = (process.env.E2E_LOG_LEVEL ?? 'silent') as Config['logLevel'];
    const config = testConfig({ webDist, workers: 1, jobPollMs: 50, host: '127.0.0.1', port: 0, logLevel, ...overrides });
    running = await startServer(config, { database, migrate: false, listen: true, ...(process.env.E2E_LOG_LEVEL ? {} : { log: capturingLogger(config) }) });
  } catch (error) {
    await database.close();
    throw error;
  }
  const url = new URL(running.url);
  if (url.hostname !== '127.0.0.1') {
    await running.close();
    await database.close();
    throw new Error(`the e2e server must listen on 127.0.0.1, not ${running.url}`);
  }
  return {
    ...running,
    baseUrl: url.origin,
    databaseKind,
    close: async () => {
      try {
        await running.close();
      } finally {
        await database.close();
      }
    },
  };
}
