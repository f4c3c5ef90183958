/**
 * No personal data in any URL (issue 12 item 7, decisions 0024 and 0040), checked on every route the app registers: each
 * path parameter and query-string field is tried with valid personal identifiers (a resident ID number, a mobile number, a
 * bank card number, Shanghai and Shenzhen securities account numbers, a name, an e-mail address) and fails the test when
 * its schema admits one, or when its name says it holds one, unless ALLOWED below says why it may.
 *
 * A look-up by such a value is a POST with the value in its body, answering an opaque reference the GETs then take
 * (`registry/account-refs.ts`, the investor hall's `AccountRef`).
 */
import { rmSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import type * as FastifyModule from 'fastify';
import type { RouteOptions } from 'fastify';

type RegisteredRoute = Pick<RouteOptions, 'method' | 'url' | 'schema'>;
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { gb11643CheckChar, luhnValid, validateShanghaiAccount, validateShenzhenAccount } from '../server/src/kernel/identifiers.ts';

/** Every route as Fastify registers it: the app's Fastify instance gets an onRoute hook before any route is added. */
const registered = vi.hoisted(() => [] as RegisteredRoute[]);
vi.mock('fastify', async (importOriginal) => {
  const real = await importOriginal<typeof FastifyModule>();
  const create = ((options: Parameters<typeof real.default>[0]) => {
    const app = real.default(options);
    app.addHook('onRoute', (route) => void registered.push({ method: route.method, url: route.url, schema: route.schema }));
    return app;
  }) as typeof real.default;
  return { ...real, default: create, fastify: create };
});

const { buildApp } = await import('../server/src/app.ts');
const { openDatabase } = await import('../server/src/platform/db/client.ts');
const { testContext } = await import('./context.ts');

const residentId = () => {
  const body = '11010519491231002';
  return body + gb11643CheckChar(body);
};

/** A UnionPay number of the given length that passes the Luhn check. */
function unionPayCard(length: number): string {
  const body = '6214830000000000123'.slice(0, length - 1);
  for (let d = 0; d <= 9; d++) if (luhnValid(`${body}${d}`)) return `${body}${d}`;
  throw new Error('no check digit');
}

const SAMPLES: ReadonlyArray<{ datum: string; value: string }> = [
  { datum: 'resident ID number', value: residentId() },
  { datum: 'mobile number', value: '13812345678' },
  { datum: 'bank card number', value: unionPayCard(16) },
  { datum: 'bank card number', value: unionPayCard(19) },
  { datum: 'Shanghai securities account number', value: 'A990000001' },
  { datum: 'Shenzhen securities account number', value: '0199000001' },
  { datum: 'name', value: '张三' },
  { datum: 'e-mail address', value: 'zhang.san@example.com' },
];

/** Field names that say they hold a person's identifier or name (an internal id does not count). */
const PERSONAL_NAME = /account|idnumber|idno|identity|mobile|phone|card|e-?mail|^name$|holdername|realname|^q$|search|keyword/i;

/** An opaque reference (the vault's sealed identifiers): what a field named for an account may carry. */
const isOpaqueReference = (schema: Record<string, unknown>) => typeof schema.minLength === 'number' && schema.minLength >= 20 && schema.pattern === '^[A-Za-z0-9_-]+$';

/**
 * Fields that admit such a value, each with the reason it is no personal data. Keyed `METHOD /path field`.
 * Every entry must still match a route field: a stale entry fails the test too.
 */
const ALLOWED: Readonly<Record<string, string>> = {
  'GET /api/docs/static/* *': 'Swagger UI’s own files (served when API_DOCS is on)',
  'GET /dev/inbox/files/dev-inbox/:name name': 'a file of the demo inbox (demo mode only): a UUID and an extension, by its pattern',
  'PUT /api/v1/staff/registry/settlement-batches/:batchId batchId': 'the id the clearing house gave a settlement file, chosen by the operator: names a batch, not a person',
  'PUT /api/v1/staff/registry/settlement-batches/:batchId fileName': 'the uploaded file’s name, kept for the import list: a clearing file, not a person',
  'PUT /api/v1/staff/registry/event-imports/:kind/:batchId batchId': 'the id of an event file (subscriptions, payments, …), chosen by the operator: names a batch, not a person',
  'PUT /api/v1/staff/registry/event-imports/:kind/:batchId fileName': 'the uploaded file’s name, kept for the import list: an event file, not a person',
  'GET /api/v1/verify/certificates/:code code': 'a certificate’s verification code (16 Crockford characters, any case, dashes optional), printed on the certificate for anyone to check',
  'POST /api/v1/verify/certificates/:code/file code': 'the same verification code, to check a certificate file',
  'POST /api/v1/staff/investor/authorisations/:number/revoke number': '业务权单号: the number of an authorisation form, not of a person or an account',
  'GET /api/v1/investor/authorisations number': '业务权单号 filter of the investor’s own authorisations: a form’s number, not of a person or an account',
  'GET /api/v1/investor/queries/changes securityCode': 'a security code (证券代码) filter, not a person’s identifier',
  'GET /api/v1/investor/queries/holding-history securityCode': 'a security code (证券代码), not a person’s identifier',
};

interface Field {
  key: string;
  route: string;
  name: string;
  schema: Record<string, unknown> | undefined;
}

const ajv = new Ajv({ strict: false, allErrors: false });
addFormats(ajv);

function fieldsOf(route: RegisteredRoute): Field[] {
  const schema = (route.schema ?? {}) as { params?: { properties?: Record<string, Record<string, unknown>> }; querystring?: { properties?: Record<string, Record<string, unknown>> } };
  const methods = [route.method].flat().filter((m) => m !== 'HEAD');
  const pathNames = [...route.url.matchAll(/:([A-Za-z0-9_]+)|\*/g)].map((m) => m[1] ?? '*');
  const names = new Map<string, Record<string, unknown> | undefined>();
  for (const name of pathNames) names.set(name, schema.params?.properties?.[name]);
  for (const [name, property] of Object.entries(schema.params?.properties ?? {})) names.set(name, property);
  for (const [name, property] of Object.entries(schema.querystring?.properties ?? {})) names.set(name, property);
  return methods.flatMap((method) => [...names].map(([name, property]) => ({ key: `${method} ${route.url} ${name}`, route: `${method} ${route.url}`, name, schema: property })));
}

/** What the field could carry: the samples its schema admits, or its name's claim. */
function personalDataIn(field: Field): string[] {
  if (!field.schema) return ['anything (no schema)'];
  const validate = ajv.compile(field.schema);
  const admitted = SAMPLES.filter((s) => validate(s.value)).map((s) => `a ${s.datum}`);
  if (PERSONAL_NAME.test(field.name) && !isOpaqueReference(field.schema)) admitted.push(`by its name "${field.name}"`);
  return admitted;
}

describe('no personal data in any URL', () => {
  let fields: Field[] = [];

  beforeAll(async () => {
    const database = await openDatabase({});
    const ctx = testContext(database, { apiDocs: true });
    try {
      const app = await buildApp(ctx);
      await app.ready();
      await app.close();
    } finally {
      await database.close();
      rmSync(ctx.config.dataDir, { recursive: true, force: true });
    }
    fields = registered.flatMap(fieldsOf);
  }, 120_000);

  afterAll(() => {
    registered.length = 0;
  });

  it('the samples are what the scanner calls personal data', () => {
    expect(residentId()).toMatch(/^\d{17}[\dX]$/);
    expect([16, 19].map((n) => unionPayCard(n).length)).toEqual([16, 19]);
    expect(validateShanghaiAccount('A990000001').ok).toBe(true);
    expect(validateShenzhenAccount('0199000001').ok).toBe(true);
  });

  it('catches the fields it is for (the staff routes before decision 0040)', () => {
    const field = (name: string, schema: Record<string, unknown>): Field => ({ key: `GET /x ${name}`, route: 'GET /x', name, schema });
    expect(personalDataIn(field('number', { type: 'string', pattern: '^[A-Z0-9]{10}$' }))).toEqual(['a Shanghai securities account number', 'a Shenzhen securities account number']);
    expect(personalDataIn(field('q', { type: 'string', maxLength: 64 }))).toContain('a name');
    expect(personalDataIn(field('objectId', { type: 'string', maxLength: 80 }))).toContain('a resident ID number');
    expect(personalDataIn(field('account', { type: 'string', minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9_-]+$' }))).toContain('by its name "account"');
    expect(personalDataIn(field('account', { type: 'string', minLength: 20, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }))).toEqual([]);
    expect(personalDataIn(field('id', { type: 'string', pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' }))).toEqual([]);
    expect(personalDataIn({ ...field('*', {}), schema: undefined })).toEqual(['anything (no schema)']);
  });

  it('sees the whole app', () => {
    expect(registered.length).toBeGreaterThan(200);
    expect(fields.map((f) => f.key)).toContain('GET /api/v1/staff/registry/accounts/:ref/holdings ref');
  });

  it('no path parameter or query-string field admits an account number, ID number, mobile, card number or name', () => {
    const found = fields
      .filter((f) => !(f.key in ALLOWED))
      .map((f) => ({ key: f.key, carries: personalDataIn(f) }))
      .filter((f) => f.carries.length > 0)
      .map((f) => `${f.key}: could carry ${f.carries.join(', ')}`);
    expect(found, found.join('\n')).toEqual([]);
  });

  it('every allowance names a field that still exists', () => {
    const keys = new Set(fields.map((f) => f.key));
    const stale = Object.keys(ALLOWED).filter((key) => !keys.has(key));
    expect(stale).toEqual([]);
  });
});
