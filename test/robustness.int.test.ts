/**
 * Robustness of every API operation against malformed requests, on each database.
 *
 * The operations come from the OpenAPI document the server publishes, so a new
 * route is covered the day it is added. For each one a bounded batch of
 * requests is sent: wrong JSON types, missing and unknown fields, huge strings,
 * bodies over the limit, deep nesting, arrays for objects, invalid UTF-8, wrong
 * content types, empty bodies, bad path parameters, malformed query strings, with
 * and without the CSRF token; signed out, then signed in as a staff
 * administrator so that guarded routes are reached too. Read-only operations
 * also get odd values their schema accepts (NUL bytes, unpaired surrogates, leap
 * seconds). The server must answer each with a status below 500, every error in
 * the one shape { code, message, details }, and change no data.
 *
 * Generated cases are sampled with fast-check from a fixed seed: the same cases
 * every run, so a failure reproduces; each failure names its request.
 */
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from './databases.ts';
import { loadConfig } from '../server/src/config.ts';
import { startServer, type RunningServer } from '../server/src/server.ts';
import { compileAllSchemas } from '../server/src/app.ts';
import { FixedClock } from '../server/src/platform/clock.ts';
import { rows, type Database } from '../server/src/platform/db/client.ts';
import { listStaffUsers, seedIdentityDemo, totpCode } from '../server/src/modules/identity/index.ts';

const SEED = 20261121;
/** Generated cases per operation and kind of caller, on top of the fixed ones. */
const GENERATED_RUNS = 6;

/**
 * Tables left out of the "no data changed" check, each because a request that is
 * valid, or refused on purpose, legitimately writes to it without anyone signed in:
 * - rate_counters: rate limits and sign-in throttles count requests, refused ones
 *   included; counting is their job.
 * - captchas: POST /api/v1/captcha issues a captcha to anyone who asks.
 * - dev_inbox: in demo mode every issued captcha's answer (and every SMS and
 *   e-mail) is mirrored there, so it moves with captchas.
 * Every other table, the business ones and jobs included, must be unchanged.
 */
const EXCLUDED_TABLES = new Set(['rate_counters', 'captchas', 'dev_inbox']);
const BUSINESS_TABLES = ['investor_users', 'staff_users', 'staff_user_roles', 'organisations', 'sessions', 'one_time_codes', 'notifications', 'audit_entries'];

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// ---------------------------------------------------------------------------
// The OpenAPI document, reduced to what the generators need.

interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
}

interface Operation {
  method: string;
  /** Fastify form, /api/v1/staff/users/:id/roles */
  route: string;
  pathParams: { name: string; schema: JsonSchema }[];
  query: { name: string; schema: JsonSchema; required: boolean }[];
  body?: JsonSchema;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, { parameters?: { in: string; name: string; schema: JsonSchema; required?: boolean }[]; requestBody?: { content?: Record<string, { schema: JsonSchema }> } }>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

/** Replaces each local $ref by the schema it names, so that generators see whole schemas. */
function resolveRefs(value: unknown, components: Record<string, JsonSchema>, depth = 0): unknown {
  if (depth > 20 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => resolveRefs(v, components, depth + 1));
  const ref = (value as { $ref?: unknown }).$ref;
  if (typeof ref === 'string') {
    const target = components[ref.replace('#/components/schemas/', '')];
    if (!target) throw new Error(`unresolved ${ref}`);
    return resolveRefs(target, components, depth + 1);
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveRefs(v, components, depth + 1)]));
}

function operationsOf(document: OpenApiDocument): Operation[] {
  const doc = resolveRefs(document, document.components?.schemas ?? {}) as OpenApiDocument;
  const out: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const parameters = op.parameters ?? [];
      out.push({
        method: method.toUpperCase(),
        route: path.replace(/\{(\w+)\}/g, ':$1'),
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => ({ name: p.name, schema: p.schema })),
        query: parameters.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema, required: p.required ?? false })),
        body: op.requestBody?.content?.['application/json']?.schema,
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Generators.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const typeOf = (v: Json) => (v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v);
/** The JSON types a schema allows ('any' when it does not say). */
const typesOf = (s: JsonSchema): string[] => (s.anyOf ? s.anyOf.flatMap(typesOf) : s.type ? [s.type] : s.enum ? [...new Set((s.enum as Json[]).map(typeOf))] : ['any']);
const isString = (s: JsonSchema) => typesOf(s).every((t) => t === 'string');
/** A string property that a 50 000-character value certainly breaks. */
const isBoundedString = (s: JsonSchema) => isString(s) && ((s.maxLength ?? Infinity) < 50_000 || s.pattern !== undefined || (s.anyOf ?? [s]).every((a) => a.enum));

const anyJson: fc.Arbitrary<Json> = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constant(null),
  fc.boolean(),
  fc.string({ maxLength: 20 }),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.integer(), { maxKeys: 3 }),
);

/** A value of a JSON type the schema does not allow. */
const wrongTypeFor = (schema: JsonSchema): fc.Arbitrary<Json> | null => {
  const allowed = typesOf(schema);
  if (allowed.includes('any')) return null;
  return anyJson.filter((v) => !allowed.includes(typeOf(v)) && !(allowed.includes('number') && typeOf(v) === 'integer'));
};

/** A value the schema accepts (the base that each mutation then breaks in one way). */
function validOf(schema: JsonSchema): fc.Arbitrary<Json> {
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map(validOf));
  if (schema.enum) return fc.constantFrom(...(schema.enum as Json[]));
  switch (schema.type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.integer({ min: 0, max: 1000 });
    case 'number':
      return fc.double({ min: 0, max: 1000, noNaN: true });
    case 'array':
      return fc.array(validOf(schema.items ?? {}), { maxLength: Math.min(schema.maxItems ?? 3, 3) });
    case 'object': {
      const props = schema.properties ?? {};
      return fc.record(Object.fromEntries(Object.entries(props).map(([k, s]) => [k, validOf(s)])), { requiredKeys: schema.required ?? [] }) as fc.Arbitrary<Json>;
    }
    case 'string':
      if (schema.format === 'uuid') return fc.uuid();
      if (schema.format === 'date-time' || schema.format === 'date') {
        const date = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true });
        return date.map((d) => (schema.format === 'date' ? d.toISOString().slice(0, 10) : d.toISOString()));
      }
      if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern));
      return fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 30, 30) }).filter((s) => [...s].length >= (schema.minLength ?? 0));
    default:
      return anyJson;
  }
}

/**
 * A string the schema certainly refuses (for path and query parameters, strings on
 * the wire). Certainly: a valid one could reach a handler and change data.
 */
function invalidStringFor(schema: JsonSchema): fc.Arbitrary<string> | null {
  const max = schema.maxLength;
  const tooLong = max === undefined ? null : fc.string({ unit: 'binary', minLength: max + 1, maxLength: max + 20 }).filter((s) => [...s].length > max);
  const junk = fc.string({ unit: 'binary', maxLength: 40 });
  const options = (schema.anyOf ?? [schema]).flatMap((a) => a.enum ?? []);
  if (schema.format === 'uuid')
    return fc
      .oneof(
        junk,
        fc.uuid().map((u) => `${u}0`),
        fc.uuid().map((u) => u.replace(/-/g, '')),
      )
      .filter((s) => !UUID.test(s));
  if (schema.format === 'date-time') return fc.oneof(junk, fc.constantFrom('2026-01-01', 'yesterday', '2026-01-01 00:00:00', '1e10')).filter((s) => !/^\d{4}-\d\d-\d\dT/.test(s));
  if (schema.pattern) return fc.oneof(junk, ...(tooLong ? [tooLong] : [])).filter((s) => !new RegExp(schema.pattern!, 'u').test(s));
  if (options.length) return fc.oneof(junk, fc.constantFrom('', 'QUEUED', 'queued ', 'null')).filter((s) => !options.includes(s));
  return tooLong; // null when any string will do
}

/** Percent-encodes every byte outside the unreserved set (lone surrogates become U+FFFD, as on the wire). */
const encode = (s: string) => [...Buffer.from(s, 'utf8')].map((b) => (/[A-Za-z0-9_.~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
const queryString = (pairs: [string, string][]) => pairs.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&');

// ---------------------------------------------------------------------------
// Requests.

interface Caller {
  label: string;
  /** Cookie header with the CSRF cookie (and the session, when signed in). */
  cookie: string;
  csrf: string;
}

interface Attempt {
  kind: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
}

interface Plan {
  caller: Caller;
  op: Operation;
  /** A value for each path parameter that exists (a real staff user), so that only the broken part fails. */
  pathValues: Record<string, string>;
  bodyLimit: number;
  /** Send the faults of the envelope too (see fixedAttempts). */
  envelope: boolean;
}

const urlOf = (op: Operation, values: Record<string, string>, query = '') => op.route.replace(/:(\w+)/g, (_, name: string) => values[name] ?? 'x') + (query ? `?${query}` : '');

function headersFor(plan: Plan, withCsrf = true, contentType: string | null = 'application/json'): Record<string, string> {
  const headers: Record<string, string> = { cookie: plan.caller.cookie, 'accept-language': 'en' };
  if (withCsrf && UNSAFE.has(plan.op.method)) headers['x-csrf-token'] = plan.caller.csrf;
  if (contentType) headers['content-type'] = contentType;
  return headers;
}

const firstString = (schema: JsonSchema | undefined) => Object.entries(schema?.properties ?? {}).find(([, s]) => isBoundedString(s))?.[0];
const requiredOf = (schema: JsonSchema | undefined) => schema?.required ?? [];

/** The fixed cases: one of each kind of malformation that applies to the operation. */
function fixedAttempts(plan: Plan, base: Record<string, Json> | undefined): Attempt[] {
  const { op, pathValues } = plan;
  const url = urlOf(op, pathValues);
  const out: Attempt[] = [];
  const add = (kind: string, payload: string | Buffer | undefined, options: { url?: string; csrf?: boolean; contentType?: string | null; headers?: Record<string, string> } = {}) =>
    out.push({
      kind,
      method: op.method,
      url: options.url ?? url,
      payload,
      headers: { ...headersFor(plan, options.csrf ?? true, payload === undefined ? null : 'contentType' in options ? (options.contentType ?? null) : 'application/json'), ...options.headers },
    });

  const hasBody = op.body !== undefined || !['GET', 'HEAD', 'DELETE'].includes(op.method);
  const stringField = firstString(op.body);
  const bodyOr = (patch: Record<string, Json>) => JSON.stringify({ ...(base ?? {}), ...patch });

  if (hasBody) {
    add('unknown field', bodyOr({ unexpectedField: 'x' }));
    add('huge string (100 kB)', bodyOr({ [stringField ?? 'unexpectedField']: 'x'.repeat(100 * 1024) }));
    add('array instead of object', JSON.stringify([base ?? {}]));
  }
  // Faults of the envelope (size, syntax, encoding, content type) are refused before
  // the session matters, so they are sent once, signed out. Each is refused on its
  // own merits too, should the server ever tolerate the fault: a request valid but
  // for its content type could change data.
  if (hasBody && plan.envelope) {
    add('body over the limit', `{"${stringField ?? 'x'}":"${'a'.repeat(plan.bodyLimit + 16)}"}`);
    add('deeply nested object', `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`);
    add('JSON null', 'null');
    add('JSON syntax error', '{"a":');
    add('prototype poisoning', '{"__proto__":{"isAdmin":true},"unexpectedField":1}');
    add('invalid UTF-8', Buffer.concat([Buffer.from('{"'), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80, 0xc0, 0xaf]), Buffer.from('":1}')]));
    add('text/plain', bodyOr({ unexpectedField: 1 }), { contentType: 'text/plain' });
    add('form-urlencoded', 'a=1&b=2', { contentType: 'application/x-www-form-urlencoded' });
    add('JSON in another charset', bodyOr({ unexpectedField: 1 }), { contentType: 'application/json; charset=utf-16' });
    add('no content type', bodyOr({ unexpectedField: 1 }), { contentType: null });
    // Where the body is optional (sign-out, unlock) a request without one is valid: only where fields are required.
    if (requiredOf(op.body).length) {
      add('empty body, JSON content type', '');
      add('no body', undefined);
    }
  }
  if (!hasBody && plan.envelope) {
    add('GET with a JSON body', '{"a":1}');
    add('GET with a body over the limit', `"${'a'.repeat(plan.bodyLimit + 16)}"`, { contentType: 'text/plain' });
  }

  if (UNSAFE.has(op.method)) {
    add('no CSRF token', JSON.stringify(base ?? {}), { csrf: false });
    add('wrong CSRF token', JSON.stringify(base ?? {}), { headers: { 'x-csrf-token': `${plan.caller.csrf}x` } });
  }

  for (const { name, schema } of op.pathParams) {
    // The valid body goes along only when the parameter alone certainly refuses the request.
    const refused = (value: string) =>
      [...value].length > (schema.maxLength ?? Infinity) || (schema.format === 'uuid' && !UUID.test(value)) || (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value));
    const path = (kind: string, value: string, raw = value) =>
      add(`path ${name}: ${kind}`, hasBody ? (refused(value) ? JSON.stringify(base ?? {}) : bodyOr({ unexpectedField: 1 })) : undefined, { url: urlOf(op, { ...pathValues, [name]: raw }) });
    path('not a uuid', 'not-a-uuid');
    path('10 kB', 'a'.repeat(10 * 1024));
    path('encoded slash and dots', '../../etc/passwd', '..%2F..%2Fetc%2Fpasswd');
    path('malformed percent-encoding', '%E0%A4%A');
  }

  // On routes without a query schema the query is ignored: the body is broken too, so nothing valid is sent.
  const query = (q: string, kind: string) => add(kind, hasBody ? bodyOr({ unexpectedField: 1 }) : undefined, { url: `${url}?${q}` });
  query('%E0%A4%A&%&a=%ZZ&&==&b[c]=1', 'malformed query string');
  query(`q=${'x'.repeat(10 * 1024)}`, 'query 10 kB');
  if (op.query.length) {
    query('unexpectedParam=1', 'unknown query parameter');
    const first = op.query[0]!.name;
    query(`${first}=1&${first}=2`, 'repeated query parameter');
    query(`${first}[]=1`, 'query parameter as array');
    query(`${first}=%00`, 'query parameter NUL byte');
  }
  return out;
}

/** Generated cases: one property, parameter or header broken at a time, on a valid base. */
function generatedAttempts(plan: Plan): fc.Arbitrary<Attempt> {
  const { op, pathValues } = plan;
  const props = op.body?.properties ?? {};
  const base = op.body ? (validOf(op.body) as fc.Arbitrary<Record<string, Json>>) : fc.constant(undefined);
  const validQuery = fc.tuple(
    ...op.query.map((q) => {
      const pair = validOf(q.schema).map((v) => [q.name, String(v)] as [string, string]);
      return q.required ? pair : fc.option(pair, { nil: undefined });
    }),
  );
  const json = (kind: string, body: Record<string, Json> | Json[] | undefined, url = urlOf(op, pathValues)): Attempt => ({
    kind,
    method: op.method,
    url,
    payload: body === undefined ? undefined : JSON.stringify(body),
    headers: headersFor(plan, true, body === undefined ? null : 'application/json'),
  });

  const kinds: fc.Arbitrary<Attempt>[] = [];
  const names = Object.keys(props);
  const typed = names.filter((n) => wrongTypeFor(props[n]!) !== null);
  if (typed.length) {
    kinds.push(fc.tuple(base, fc.constantFrom(...typed)).chain(([b, name]) => wrongTypeFor(props[name]!)!.map((v) => json(`wrong type for ${name}`, { ...b, [name]: v }))));
  }
  if (requiredOf(op.body).length) {
    kinds.push(
      fc.tuple(base, fc.subarray(requiredOf(op.body), { minLength: 1 })).map(([b, missing]) => {
        const body = { ...b };
        for (const name of missing) delete body[name];
        return json(`missing ${missing.join(', ')}`, body);
      }),
    );
  }
  if (op.body) {
    kinds.push(
      fc
        .tuple(
          base,
          fc.dictionary(
            fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }).filter((k) => !Object.hasOwn(props, k)),
            anyJson,
            { minKeys: 1, maxKeys: 3 },
          ),
        )
        .map(([b, extra]) => json(`unknown fields ${Object.keys(extra).join(', ')}`, { ...b, ...extra })),
      fc.tuple(base, fc.array(anyJson, { maxLength: 3 })).map(([b, items]) => json('array instead of object', [b ?? {}, ...items])),
      fc
        .tuple(base, fc.constantFrom(...names.filter((n) => isBoundedString(props[n]!)), 'unexpectedField'), fc.integer({ min: 50_000, max: 300_000 }))
        .map(([b, name, n]) => json(`huge string in ${name} (${n} characters)`, { ...b, [name]: '字'.repeat(n) })),
    );
  }
  for (const param of op.pathParams) {
    const invalid = invalidStringFor(param.schema);
    if (!invalid) continue;
    kinds.push(fc.tuple(base, invalid).map(([b, value]) => json(`path ${param.name} ${JSON.stringify(value)}`, b, urlOf(op, { ...pathValues, [param.name]: encode(value) }))));
  }
  for (const param of op.query) {
    const invalid = invalidStringFor(param.schema);
    if (!invalid) continue;
    kinds.push(
      fc.tuple(base, validQuery, invalid).map(([b, others, value]) => {
        const pairs = others.filter((p): p is [string, string] => p !== undefined && p[0] !== param.name);
        return json(`query ${param.name}=${JSON.stringify(value)}`, b, urlOf(op, pathValues, queryString([...pairs, [param.name, value]])));
      }),
    );
  }
  if (!kinds.length) {
    // Nothing declared: junk query strings and JSON bodies, which such a route must ignore or refuse.
    kinds.push(
      fc.tuple(fc.array(fc.tuple(fc.string({ unit: 'binary', maxLength: 10 }), fc.string({ unit: 'binary', maxLength: 30 })), { maxLength: 4 }), fc.option(anyJson, { nil: undefined })).map(([pairs, body]) => ({
        ...json('junk query and body', undefined, urlOf(op, pathValues, queryString(pairs))),
        ...(body === undefined ? {} : { payload: JSON.stringify(body), headers: headersFor(plan, true, 'application/json') }),
      })),
    );
  }
  return fc.oneof(...kinds);
}

/**
 * Read-only operations may also get values their schema accepts but that are odd:
 * NUL bytes, unpaired surrogates, leap seconds, far years. A GET changes nothing,
 * so whatever passes validation is safe to send, and must not fail either.
 */
function oddValidQueries(plan: Plan): fc.Arbitrary<Attempt> | null {
  const { op } = plan;
  if (op.method !== 'GET' || !op.query.length) return null;
  const odd = (schema: JsonSchema): fc.Arbitrary<string> => {
    if (schema.format === 'date-time') {
      return fc.oneof(
        fc.constantFrom('2016-12-31T23:59:60Z', '2026-06-30T23:59:60+00:00', '0000-01-01T00:00:00Z', '9999-12-31T23:59:59.999999Z', '2026-01-01T00:00:00+23:59', '2026-02-29T00:00:00Z', '2026-01-01T24:00:00Z'),
        fc
          .tuple(
            fc.integer({ min: 0, max: 9999 }),
            fc.integer({ min: 0, max: 13 }),
            fc.integer({ min: 0, max: 32 }),
            fc.integer({ min: 0, max: 24 }),
            fc.integer({ min: 0, max: 60 }),
            fc.integer({ min: 0, max: 61 }),
            fc.constantFrom('Z', '+14:00', '-12:30', '+24:00'),
          )
          .map(
            ([y, mo, d, h, mi, s, z]) =>
              `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}:${String(s).padStart(2, '0')}${z}`,
          ),
      );
    }
    if (schema.format === 'date') return fc.oneof(fc.constantFrom('0000-01-01', '9999-12-31', '2024-02-29', '1900-02-28', '2026-12-31'), validOf(schema).map(String));
    if (schema.format === 'uuid')
      return fc.oneof(
        fc.uuid(),
        fc.uuid().map((u) => u.toUpperCase()),
        fc.constant('00000000-0000-0000-0000-000000000000'),
      );
    if (schema.pattern || schema.enum || schema.anyOf) return validOf(schema).map(String);
    return fc.string({ unit: 'binary', maxLength: schema.maxLength ?? 40 }).map((s) => (s.length ? s : '\0'));
  };
  return fc.tuple(...op.query.map((q) => (q.required ? odd(q.schema) : fc.option(odd(q.schema), { nil: undefined })))).map((values) => {
    const pairs = values.flatMap((v, i) => (v === undefined ? [] : [[op.query[i]!.name, v] as [string, string]]));
    return { kind: 'odd but valid query', method: 'GET', url: urlOf(op, plan.pathValues, queryString(pairs)), headers: headersFor(plan, true, null) };
  });
}

// ---------------------------------------------------------------------------
// Checks.

async function send(server: RunningServer, attempt: Attempt) {
  return server.app.inject({ method: attempt.method as 'GET', url: attempt.url, headers: attempt.headers, payload: attempt.payload });
}

/** Why a response is wrong, or null. */
function problemWith(response: { statusCode: number; body: string }): string | null {
  if (response.statusCode >= 500) return `status ${response.statusCode}`;
  if (response.statusCode < 400) return null;
  let body: unknown;
  try {
    body = JSON.parse(response.body);
  } catch {
    return `status ${response.statusCode} without a JSON body`;
  }
  const { code, message, details } = (body ?? {}) as Record<string, unknown>;
  const shaped = typeof code === 'string' && code.length > 0 && typeof message === 'string' && typeof details === 'object' && details !== null && !Array.isArray(details);
  return shaped ? null : `status ${response.statusCode} with an error body not shaped { code, message, details }`;
}

const describeAttempt = (a: Attempt) =>
  `${a.kind}: ${a.method} ${a.url.length > 160 ? `${a.url.slice(0, 160)}…` : a.url}${a.payload === undefined ? '' : ` body ${String(a.payload).slice(0, 120)}${String(a.payload).length > 120 ? '…' : ''}`}`;

/** Sends every case for each operation; returns how many were sent and what went wrong. */
async function exercise(server: RunningServer, plans: Plan[]): Promise<{ sent: number; failures: string[] }> {
  const failures: string[] = [];
  let sent = 0;
  for (const [i, plan] of plans.entries()) {
    // A fixed seed per operation: the same cases every run, different ones per operation.
    const seed = SEED + i;
    const base = plan.op.body ? (fc.sample(validOf(plan.op.body), { seed, numRuns: 1 })[0] as Record<string, Json>) : undefined;
    const attempts = [...fixedAttempts(plan, base)];
    for (const arbitrary of [generatedAttempts(plan), oddValidQueries(plan)]) if (arbitrary) attempts.push(...fc.sample(arbitrary, { seed, numRuns: GENERATED_RUNS }));
    for (const attempt of attempts) {
      sent++;
      const response = await send(server, attempt);
      const problem = problemWith(response);
      if (problem) failures.push(`${problem} (${response.body.slice(0, 200)}) ${plan.caller.label}, ${describeAttempt(attempt)}`);
    }
  }
  return { sent, failures };
}

// ---------------------------------------------------------------------------
// Data snapshot.

interface TableState {
  rows: number;
  checksum: string;
}

async function snapshot(database: Database): Promise<Record<string, TableState>> {
  const tables = await rows<{ name: string }>(database.db, sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`);
  const out: Record<string, TableState> = {};
  for (const { name } of tables) {
    if (EXCLUDED_TABLES.has(name)) continue;
    const [state] = await rows<{ n: number; checksum: string | null }>(
      database.db,
      sql.raw(`select count(*)::int as n, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as checksum from "${name.replace(/"/g, '""')}" t`),
    );
    out[name] = { rows: Number(state!.n), checksum: state!.checksum ?? '' };
  }
  return out;
}

// ---------------------------------------------------------------------------

const setCookies = (header: string | string[] | undefined) => (Array.isArray(header) ? header : header ? [header] : []);
const cookieValue = (header: string | string[] | undefined, name: string) =>
  setCookies(header)
    .map((c) => new RegExp(`^${name}=([^;]*)`).exec(c)?.[1])
    .find((v) => v !== undefined);

describeEachDatabase('API robustness against malformed requests', (getDb) => {
  let server: RunningServer;
  let operations: Operation[];
  let before: Record<string, TableState>;
  let signedOut: Caller;
  let signedIn: Caller;
  let staffUserId: string;

  /**
   * Valid path parameters, so that the part a case breaks is the only fault: a real
   * staff user for a uuid id (routes on staff users), a value the schema accepts otherwise.
   */
  const pathValuesFor = (op: Operation) =>
    Object.fromEntries(op.pathParams.map(({ name, schema }) => [name, schema.format === 'uuid' ? staffUserId : encode(String(fc.sample(validOf(schema), { seed: SEED, numRuns: 1 })[0]))]));

  beforeAll(async () => {
    const database = getDb();
    // A clock that stands still: sessions do not slide their expiry mid-test, and the TOTP code is known.
    const clock = new FixedClock(new Date('2026-11-21T02:00:00Z'));
    const config = loadConfig({}, { demo: true, piiKeyBytes: randomBytes(32), port: 0, workers: 0, webDist: '/nonexistent', logLevel: 'silent', argon2MemoryKib: 8192, argon2Passes: 1 });
    server = await startServer(config, { database, clock, listen: false });
    // Route schemas compile on their first request (platform/http/lazy-schemas.ts): all of them here, outside the tests' time.
    await server.app.ready();
    compileAllSchemas(server.app);
    const logins = await seedIdentityDemo(server.ctx);
    const admin = logins?.find((l) => l.account === 'admin');
    if (!admin?.totpSecret) throw new Error('the demo seeder made no administrator');
    const [auditor] = await listStaffUsers(server.ctx.db, { q: 'auditor' });
    staffUserId = auditor!.id;

    const session = await server.app.inject({ method: 'GET', url: '/api/v1/session' });
    const csrf = cookieValue(session.headers['set-cookie'], 'ch_csrf')!;
    expect(csrf).toBe(session.json<{ csrfToken: string }>().csrfToken);
    signedOut = { label: 'signed out', cookie: `ch_csrf=${csrf}`, csrf };
    const login = await server.app.inject({
      method: 'POST',
      url: '/api/v1/staff/login',
      headers: { cookie: signedOut.cookie, 'x-csrf-token': csrf },
      payload: { username: 'admin', password: admin.password, totpCode: totpCode(admin.totpSecret, clock.now()) },
    });
    expect(login.statusCode, login.body).toBe(200);
    const sid = cookieValue(login.headers['set-cookie'], 'ch_sid')!;
    // Sign-in rotates the CSRF token to the one bound to the session (decision 0022).
    const bound = cookieValue(login.headers['set-cookie'], 'ch_csrf')!;
    expect(bound).not.toBe(csrf);
    signedIn = { label: 'staff administrator', cookie: `ch_csrf=${bound}; ch_sid=${sid}`, csrf: bound };
    const who = await server.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie: signedIn.cookie } });
    expect(who.json<{ principal: { roles: string[] } }>().principal.roles).toContain('administrator');

    const docs = await server.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(docs.statusCode).toBe(200);
    operations = operationsOf(docs.json());
    before = await snapshot(database);
  });

  afterAll(async () => {
    await server?.close();
  });

  it('covers every operation of the OpenAPI document and every business table', () => {
    expect(operations.length).toBeGreaterThanOrEqual(20);
    expect(operations.map((o) => `${o.method} ${o.route}`)).toContain('PUT /api/v1/staff/users/:id/roles');
    for (const table of BUSINESS_TABLES) expect(Object.keys(before)).toContain(table);
  });

  for (const which of ['signed out', 'signed in as a staff administrator'] as const) {
    it(`answers no malformed request with 5xx, and every error in the one shape, ${which}`, async () => {
      const caller = which === 'signed out' ? signedOut : signedIn;
      const plans = operations.map((op) => ({ caller, op, pathValues: pathValuesFor(op), bodyLimit: server.ctx.config.bodyLimitBytes, envelope: caller === signedOut }));
      const { sent, failures } = await exercise(server, plans);
      expect(sent).toBeGreaterThan(operations.length * 8);
      expect(failures).toEqual([]);
    }, 60_000);
  }

  it('changed no data', async () => {
    expect(await snapshot(getDb())).toEqual(before);
  });
});
