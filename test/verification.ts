import type { AppContext } from '../server/src/context.ts';
import type { RunningServer } from '../server/src/server.ts';
import { type DemoLogin, seedIdentityDemo, totpCode } from '../server/src/modules/identity/index.ts';
import { lastCodeSentTo } from './context.ts';
import { ApiClient } from './http.ts';

/** Builders for identity verification and binding tests. */

let mobileSerial = 0;

/** A newly registered, signed-in investor over the API; the mobile is fresh each time. */
export async function aRegisteredInvestor(server: RunningServer, mobile = `1370000${String(++mobileSerial + Math.floor(Math.random() * 900) * 10).padStart(4, '0')}`) {
  const client = await new ApiClient(server.app).start();
  const sent = await client.request('POST', '/api/v1/investor/register/code', { mobile });
  if (sent.statusCode !== 200) throw new Error(`register code: ${sent.body}`);
  const smsCode = await lastCodeSentTo(server.ctx, mobile);
  const registered = await client.request('POST', '/api/v1/investor/register', { mobile, password: 'abc12345', smsCode, agreementsAccepted: true });
  if (registered.statusCode !== 201) throw new Error(`register: ${registered.body}`);
  return { client, mobile };
}

let demoLogins: WeakMap<AppContext, DemoLogin[]> = new WeakMap();

/** A staff client signed in as one of the demo staff (admin, witness — the broker counter clerk — ...). */
export async function aSignedInStaff(server: RunningServer, username: string): Promise<ApiClient> {
  let logins = demoLogins.get(server.ctx);
  if (!logins) {
    logins = (await seedIdentityDemo(server.ctx)) ?? [];
    demoLogins.set(server.ctx, logins);
  }
  const login = logins.find((l) => l.account === username);
  if (!login?.totpSecret) throw new Error(`demo staff ${username} missing`);
  const client = await new ApiClient(server.app).start();
  // Each TOTP step is accepted once per user: move the code window on by using a later step if needed.
  const response = await client.request('POST', '/api/v1/staff/login', { username, password: login.password, totpCode: totpCode(login.totpSecret, server.ctx.clock.now()) });
  if (response.statusCode !== 200) throw new Error(`staff login failed: ${response.body}`);
  return client;
}

export function resetStaffLogins() {
  demoLogins = new WeakMap();
}
