/**
 * Arranging identity-verification and binding tests: the demo staff and the demo
 * people (holders, cards, reserved phones), investor users made through the
 * service, staff API clients, and signing in through the pages.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import type { AppContext } from '../../server/src/context.ts';
import type { E2eServer } from './server.ts';
import { type DemoLogin, investorUsers, recordVerifiedIdentity, seedIdentityDemo, totpCode } from '../../server/src/modules/identity/index.ts';
import { eq } from 'drizzle-orm';
import { quickBind, seedVerificationDemo } from '../../server/src/modules/investor/index.ts';
import { ApiClient } from '../../test/http.ts';
import { logIn } from './investor-users.ts';

export const PASSWORD = 'Demo2026ok';

/** Demo staff and people; returns the staff logins. */
export async function seedVerificationWorld(ctx: AppContext): Promise<DemoLogin[]> {
  const logins = (await seedIdentityDemo(ctx)) ?? [];
  await seedVerificationDemo(ctx);
  return logins;
}

/** A registered investor user, made through the service's table as the demo seed does. */
export async function anInvestorUser(ctx: AppContext, mobile: string): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.insert(investorUsers).values({
    id: randomUUID(),
    mobileEnc: ctx.vault.encrypt(mobile),
    mobileHash: ctx.vault.lookupHash('mobile', mobile),
    passwordHash: await ctx.passwords.hash(PASSWORD),
    status: 'active',
    passwordChangedAt: now,
    createdAt: now,
  });
}

/** A hall user registered with this mobile number whose real name was verified as the demo person; answers the user's id. */
export async function aVerifiedUser(ctx: AppContext, mobile: string, person: { name: string; idType: string; idNumber: string }): Promise<string> {
  await anInvestorUser(ctx, mobile);
  const [user] = await ctx.db
    .select({ id: investorUsers.id })
    .from(investorUsers)
    .where(eq(investorUsers.mobileHash, ctx.vault.lookupHash('mobile', mobile)));
  await ctx.db.transaction((tx) => recordVerifiedIdentity(ctx, tx, { ip: '127.0.0.1', requestId: 'e2e' }, user!.id, person, 'unionpay'));
  return user!.id;
}

/**
 * A registered investor user bound to the demo person's unified account, through
 * the services a real-name verification and 快捷绑定一码通 would call.
 */
export async function aBoundInvestorUser(ctx: AppContext, mobile: string, person: { name: string; idType: string; idNumber: string }, unifiedAccountNumber?: string): Promise<void> {
  const userId = await aVerifiedUser(ctx, mobile, person);
  await quickBind(ctx, { requestId: 'e2e' }, userId, unifiedAccountNumber);
}

/** Signs in on the desktop hall's login page (account, password, graphic captcha). */
export async function logInDesktop(page: Page, account: string) {
  await page.goto('/login');
  await logIn(page, account, PASSWORD);
  await page.waitForURL((url) => url.pathname === '/');
}

/** A TOTP code not used before by this user (each step is accepted once). */
const usedSteps = new Map<string, Set<number>>();
export function freshTotp(secret: string): string {
  const used = usedSteps.get(secret) ?? new Set<number>();
  usedSteps.set(secret, used);
  for (const offset of [0, -1, 1]) {
    const step = Math.floor(Date.now() / 30_000) + offset;
    if (!used.has(step)) {
      used.add(step);
      return totpCode(secret, new Date(step * 30_000 + 1000));
    }
  }
  throw new Error('no unused TOTP step left in the window');
}

/** A staff API client (over the server's app) signed in as a demo staff user. */
export async function staffApi(server: E2eServer, logins: DemoLogin[], username: string): Promise<ApiClient> {
  const login = logins.find((l) => l.account === username)!;
  const client = await new ApiClient(server.app).start();
  const response = await client.request('POST', '/api/v1/staff/login', { username, password: login.password, totpCode: freshTotp(login.totpSecret!) });
  if (response.statusCode !== 200) throw new Error(`staff login: ${response.body}`);
  return client;
}

/** Signs a demo staff user in to a console in a browser page. */
export async function logInConsole(page: Page, path: string, logins: DemoLogin[], username: string) {
  const login = logins.find((l) => l.account === username)!;
  await page.goto(path);
  const box = page.getByTestId('staff-login');
  await box.getByLabel('用户名').fill(username);
  await box.getByLabel('密码').fill(login.password);
  await box.getByLabel('动态口令').fill(freshTotp(login.totpSecret!));
  await box.getByRole('button', { name: '登录' }).click();
}
