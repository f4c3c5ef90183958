/**
 * Route schemas compile on their first request (server/src/platform/http/lazy-schemas.ts),
 * no longer all at start: this compiles every one of the whole app, so that a schema
 * that does not compile still fails a test, not some later request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from './databases.ts';
import { testConfig } from './context.ts';
import { compileAllSchemas } from '../server/src/app.ts';
import { startServer, type RunningServer } from '../server/src/server.ts';
import type { Database } from '../server/src/platform/db/client.ts';

describe('route schemas', () => {
  let database: Database;
  let server: RunningServer;

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    server = await startServer(testConfig(), { database, listen: false, migrate: false });
    await server.app.ready();
  });

  afterAll(async () => {
    await server?.close();
    await database?.close();
  });

  it('every route’s validators and serializers compile', () => {
    expect(compileAllSchemas(server.app)).toBeGreaterThan(500);
    expect(compileAllSchemas(server.app)).toBe(0);
  });
});
