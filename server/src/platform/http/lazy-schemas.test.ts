/**
 * The lazy schema compilers (lazy-schemas.ts) answer exactly as Fastify's own, eager
 * ones do: the same routes on both, the same requests, the same answers; nothing is
 * compiled at start, a route's schemas on its first request, and compileAll() still
 * finds a schema that does not compile.
 */
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { Type } from '@sinclair/typebox';
import { afterEach, describe, expect, it } from 'vitest';
import { lazySchemaCompilers, type LazySchemaCompilers } from './lazy-schemas.ts';

const Shared = Type.Object({ code: Type.String(), message: Type.String() }, { $id: 'Shared', additionalProperties: false });
const Body = Type.Object({ name: Type.String({ minLength: 2 }), quantity: Type.String({ pattern: '^[0-9]+$' }), tags: Type.Optional(Type.Array(Type.String(), { maxItems: 2 })) }, { additionalProperties: false });
const Answer = Type.Object({ name: Type.String(), quantity: Type.String(), secret: Type.Optional(Type.String()) });

const ajv: FastifyServerOptions['ajv'] = { customOptions: { coerceTypes: false, removeAdditional: false, useDefaults: false, allErrors: false } };
const apps: FastifyInstance[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});

async function appWith(compilers?: LazySchemaCompilers): Promise<FastifyInstance> {
  const app = Fastify({ ajv, ...(compilers ? { schemaController: { compilersFactory: compilers.compilersFactory } } : {}) });
  apps.push(app);
  app.addSchema(Shared);
  app.post(
    '/items/:id',
    {
      schema: {
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        querystring: Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1 })) }, { additionalProperties: false }),
        body: Body,
        response: { 200: Answer, 400: Type.Ref('Shared') },
      },
    },
    // The answer carries a field its schema lacks: the serializer must leave it out.
    async (request) => ({ ...(request.body as object), id: (request.params as { id: string }).id, dropped: 'not in the schema' }),
  );
  app.get('/never-called', { schema: { querystring: Type.Object({ q: Type.String() }), response: { 200: Type.Object({ ok: Type.Boolean() }) } } }, async () => ({ ok: true }));
  await app.ready();
  return app;
}

const ID = '4b1d7a52-6c1e-4a53-9f2e-0d3a0e7c2b11';
const requests = [
  { url: `/items/${ID}`, payload: { name: 'ab', quantity: '100' } },
  { url: `/items/${ID}`, payload: { name: 'ab', quantity: '100', tags: ['x', 'y'] } },
  { url: `/items/${ID}`, payload: { name: 'a', quantity: '100' } },
  { url: `/items/${ID}`, payload: { name: 'ab', quantity: 100 } },
  { url: `/items/${ID}`, payload: { name: 'ab', quantity: '1.5' } },
  { url: `/items/${ID}`, payload: { name: 'ab', quantity: '1', extra: true } },
  { url: `/items/${ID}`, payload: { name: 'ab', quantity: '1', tags: ['x', 'y', 'z'] } },
  { url: `/items/not-a-uuid`, payload: { name: 'ab', quantity: '1' } },
  { url: `/items/${ID}?page=0`, payload: { name: 'ab', quantity: '1' } },
  { url: `/items/${ID}?page=2&other=1`, payload: { name: 'ab', quantity: '1' } },
  { url: `/items/${ID}`, payload: [] },
];

describe('lazy schema compilers', () => {
  it('answer every request as Fastify’s eager compilers do', async () => {
    const eager = await appWith();
    const lazy = await appWith(lazySchemaCompilers());
    for (const request of requests) {
      const [expected, actual] = await Promise.all([eager, lazy].map((app) => app.inject({ method: 'POST', ...request })));
      expect({ request, status: actual!.statusCode, body: actual!.body }).toEqual({ request, status: expected!.statusCode, body: expected!.body });
    }
  });

  it('compile nothing at start and a route’s schemas on its first request', async () => {
    const compilers = lazySchemaCompilers();
    const app = await appWith(compilers);
    // params, querystring, body, 200 and 400 of the POST; querystring and 200 of the GET and of its HEAD.
    expect(compilers.pending()).toBe(9);
    await app.inject({ method: 'POST', url: `/items/${ID}`, payload: { name: 'ab', quantity: '1' } });
    expect(compilers.pending()).toBe(5);
    compilers.compileAll();
    expect(compilers.pending()).toBe(0);
  });

  it('still find a schema that does not compile, through compileAll', async () => {
    const compilers = lazySchemaCompilers();
    const app = Fastify({ ajv, schemaController: { compilersFactory: compilers.compilersFactory } });
    apps.push(app);
    app.post('/broken', { schema: { body: Type.Ref('Nowhere') } }, async () => ({}));
    await app.ready();
    expect(() => compilers.compileAll()).toThrow(/Nowhere/);
  });

  it('refuse a headers schema, whose names Fastify would then not lowercase', async () => {
    const app = Fastify({ ajv, schemaController: { compilersFactory: lazySchemaCompilers().compilersFactory } });
    apps.push(app);
    app.get('/with-headers', { schema: { headers: Type.Object({ 'X-Thing': Type.String() }) } }, async () => ({}));
    await expect(app.ready()).rejects.toThrow(/header schemas are not supported/);
  });
});
