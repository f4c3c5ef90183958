import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { AppContext } from '../server/src/context.ts';
import { seedIdentityDemo, totpCode } from '../server/src/modules/identity/index.ts';

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
