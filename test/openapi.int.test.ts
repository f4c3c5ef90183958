/**
 * The OpenAPI document is the contract the web's API types are generated from:
 * every operation must say what it answers and what it takes. A route added
 * without a response schema, or with an untyped parameter, fails here.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describe } from 'vitest';
import { openTestDatabase } from './databases.ts';
import { testConfig } from './context.ts';
import { startServer, type RunningServer } from '../server/src/server.ts';
import type { Database } from '../server/src/platform/db/client.ts';

interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  $ref?: string;
}
interface Operation {
  parameters?: { in: string; name: string; schema?: Schema }[];
  requestBody?: { content: Record<string, { schema?: Schema }> };
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}
type Paths = Record<string, Record<string, Operation>>;

/** Every object schema names its properties and is closed, so a response never carries, nor loses, a field silently. */
function openObjects(schema: Schema | undefined, at: string): string[] {
  if (!schema || typeof schema !== 'object') return [];
  const own = schema.properties && schema.additionalProperties !== false ? [at] : [];
  const nested = [
    ...Object.entries(schema.properties ?? {}).map(([name, s]) => openObjects(s, `${at}.${name}`)),
    ...[...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])].map((s, i) => openObjects(s, `${at}|${i}`)),
    openObjects(schema.items, `${at}[]`),
  ];
  return [...own, ...nested.flat()];
}

describe('the OpenAPI document', () => {
  let database: Database;
  let server: RunningServer;
  let operations: { name: string; method: string; path: string; op: Operation }[];

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    server = await startServer(testConfig(), { database, listen: false, migrate: false });
    const docs = await server.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(docs.statusCode).toBe(200);
    const paths = docs.json<{ paths: Paths }>().paths;
    operations = Object.entries(paths).flatMap(([path, byMethod]) => Object.entries(byMethod).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, method, path, op })));
  });

  afterAll(async () => {
    await server?.close();
    await database?.close();
  });

  it('lists the API', () => {
    expect(operations.length).toBeGreaterThanOrEqual(60);
    expect(operations.map((o) => o.name)).toContain('GET /api/v1/session');
  });

  it('gives every operation a success response with a schema, and the error shape', () => {
    const missing = operations.filter(({ op }) => {
      const success = Object.entries(op.responses).filter(([status]) => /^2\d\d$/.test(status));
      return success.length === 0 || success.some(([status, r]) => status !== '204' && !Object.values(r.content ?? {}).some((c) => c.schema));
    });
    expect(missing.map((o) => o.name)).toEqual([]);
    const withoutErrors = operations.filter(({ path, op }) => path.startsWith('/api/') && !['400', '401', '403', '500'].every((s) => op.responses[s]));
    expect(withoutErrors.map((o) => o.name)).toEqual([]);
  });

  it('types every path parameter, query parameter and request body', () => {
    const untypedParameters = operations.flatMap(({ name, op }) => (op.parameters ?? []).filter((p) => !p.schema?.type && !p.schema?.anyOf).map((p) => `${name} ${p.in}:${p.name}`));
    expect(untypedParameters).toEqual([]);
    const undeclaredPathParameters = operations.flatMap(({ name, path, op }) =>
      [...path.matchAll(/\{(\w+)\}/g)]
        .map((m) => m[1]!)
        .filter((p) => !(op.parameters ?? []).some((q) => q.in === 'path' && q.name === p))
        .map((p) => `${name} ${p}`),
    );
    expect(undeclaredPathParameters).toEqual([]);
    // An operation without a body schema (a bodyless action, a CSV or PDF upload) has no requestBody; its handler sees the body as
    // `unknown` (the type provider), so it cannot read fields from it unchecked. A declared body must have its schema.
    const untypedBodies = operations.filter(({ op }) => op.requestBody && !Object.values(op.requestBody.content).some((c) => c.schema));
    expect(untypedBodies.map((o) => o.name)).toEqual([]);
  });

  it('closes every object in bodies and responses (additionalProperties: false)', () => {
    const open = operations.flatMap(({ name, op }) => [
      ...Object.values(op.requestBody?.content ?? {}).flatMap((c) => openObjects(c.schema, `${name} body`)),
      ...Object.entries(op.responses).flatMap(([status, r]) => Object.values(r.content ?? {}).flatMap((c) => openObjects(c.schema, `${name} ${status}`))),
    ]);
    expect(open).toEqual([]);
  });
});
