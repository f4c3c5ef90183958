import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import type { Config } from '../server/src/config.ts';
import type { AppContext } from '../server/src/context.ts';
import { seedIdentityDemo, totpCode } from '../server/src/modules/identity/index.ts';
import type { Clock } from '../server/src/platform/clock.ts';
import type { Database } from '../server/src/platform/db/client.ts';
import { startServer, type RunningServer } from '../server/src/server.ts';
import { capturingLogger, testConfig } from './context.ts';

/** A signed-in API caller over app.inject, carrying cookies and the CSRF token like a browser. */
export class ApiClient {
  private cookies = new Map<string, string>();
  constructor(private readonly app: FastifyInstance) {}

  private remember(response: LightMyRequestResponse) {
    for (const c of response.cookies) this.cookies.set(c.name, c.value);
    return response;
  }

  async start() {
    this.remember(await this.app.inject({ method: 'GET', url: '/api/v1/session' }));
    return this;
  }

  async request(method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown, headers: Record<string, string> = {}) {
    const isText = typeof body === 'string';
    return this.remember(
      await this.app.inject({
        method,
        url,
        cookies: Object.fromEntries(this.cookies),
        headers: { 'x-csrf-token': this.cookies.get('ch_csrf') ?? '', ...(body === undefined ? {} : { 'content-type': isText ? 'text/csv' : 'application/json' }), ...headers },
        payload: body === undefined ? undefined : isText ? body : JSON.stringify(body),
      }),
    );
  }
}

/** The demo organisations and staff, and a client signed in as the demo administrator. */
export async function signedInAdministrator(ctx: AppContext, app: FastifyInstance): Promise<ApiClient> {
  const logins = (await seedIdentityDemo(ctx)) ?? [];
  const admin = logins.find((l) => l.account === 'admin');
  if (!admin?.totpSecret) throw new Error('demo administrator missing');
  const client = await new ApiClient(app).start();
  const response = await client.request('POST', '/api/v1/staff/login', { username: 'admin', password: admin.password, totpCode: totpCode(admin.totpSecret, ctx.clock.now()) });
  if (response.statusCode !== 200) throw new Error(`admin login failed: ${response.body}`);
  return client;
}

export interface SuiteServerOptions {
  config?: Partial<Config>;
  clock?: Clock;
  /** Runs once the server has started, before the suite's own beforeAll hooks. */
  seed?: (ctx: AppContext) => Promise<unknown>;
}

/**
 * The whole server (no listening socket) on the suite's database: started in beforeAll,
 * closed in afterAll. Read its app and ctx inside hooks and tests.
 */
export function serverForSuite(getDb: () => Database, options: SuiteServerOptions = {}): RunningServer {
  let running: RunningServer | undefined;
  beforeAll(async () => {
    const config = testConfig(options.config);
    running = await startServer(config, { database: getDb(), listen: false, migrate: false, clock: options.clock, log: capturingLogger(config) });
    await options.seed?.(running.ctx);
  });
  afterAll(async () => {
    await running?.close();
    running = undefined;
  });
  const current = () => {
    if (!running) throw new Error('the suite server is not running (use it inside hooks and tests)');
    return running;
  };
  return {
    get ctx() {
      return current().ctx;
    },
    get app() {
      return current().app;
    },
    get url() {
      return current().url;
    },
    close: () => current().close(),
  };
}

/** serverForSuite with the demo staff seeded and the demo administrator signed in (from beforeAll on). */
export function staffServerForSuite(getDb: () => Database, options: SuiteServerOptions = {}): { server: RunningServer; admin: Pick<ApiClient, 'request'> } {
  const server = serverForSuite(getDb, options);
  let client: ApiClient | undefined;
  beforeAll(async () => {
    client = await signedInAdministrator(server.ctx, server.app);
  });
  const admin = {
    request: (...args: Parameters<ApiClient['request']>) => {
      if (!client) throw new Error('the administrator signs in in beforeAll');
      return client.request(...args);
    },
  };
  return { server, admin };
}

/** The opaque reference the staff account routes take, found as a clerk finds it: the number in a POST body (decision 0040). */
export async function staffAccountRef(admin: Pick<ApiClient, 'request'>, accountNumber: string): Promise<string> {
  const found = await admin.request('POST', '/api/v1/staff/registry/accounts/lookup', { number: accountNumber });
  if (found.statusCode !== 200) throw new Error(`account look-up answered ${found.statusCode}: ${found.body}`);
  return (found.json() as { ref: string }).ref;
}
