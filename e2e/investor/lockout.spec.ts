/**
 * Account lock-out on the desktop login page: with LOGIN_MAX_FAILURES=3, the third wrong
 * password in a row locks the account, and then even the right password is refused with
 * the lock-out message (ACCOUNT_LOCKED, in minutes). On PGlite.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedIdentityDemo } from '../../server/src/modules/identity/index.ts';
import { captchaAnswer, useE2e } from '../support/index.ts';

const e2e = useE2e({ database: 'pglite', config: { loginMaxFailures: 3, loginLockMinutes: 15 } });

let investor: { account: string; password: string };

beforeAll(async () => {
  const logins = await seedIdentityDemo(e2e.ctx);
  const login = logins?.find((l) => l.note.startsWith('investor'));
  if (!login) throw new Error('the demo seed made no investor');
  investor = { account: login.account, password: login.password };
});

/** Fills the login box and presses 登录; resolves with the HTTP status once the answer is in. */
async function logIn(page: Page, password: string): Promise<number> {
  await page.getByLabel('账户').fill(investor.account);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByLabel('图形验证码').fill(await captchaAnswer(page));
  const [response] = await Promise.all([page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/investor/login'), page.getByRole('button', { name: '登录', exact: true }).click()]);
  return response.status();
}

const LOCKED = /密码连续输错次数过多，账户已锁定，请(\d+)分钟后再试/;

describe('desktop hall: lock-out after wrong passwords', () => {
  it('locks the account on the third wrong password and then refuses the right one', async () => {
    const page = await e2e.desktop();
    await page.goto('/login');
    const alert = page.getByRole('alert');

    for (let attempt = 1; attempt <= 2; attempt++) {
      expect(await logIn(page, `Wrong${attempt}pass`)).toBe(401);
      await alert.filter({ hasText: '账户或密码错误（连续输错3次将锁定15分钟）' }).waitFor();
    }

    expect(await logIn(page, 'Wrong3pass')).toBe(423);
    await alert.filter({ hasText: LOCKED }).waitFor();
    expect((await alert.textContent())?.match(LOCKED)?.[1]).toBe('15');

    // The right password no longer opens the account while it is locked.
    expect(await logIn(page, investor.password)).toBe(423);
    await alert.filter({ hasText: LOCKED }).waitFor();
    const minutes = Number((await alert.textContent())?.match(LOCKED)?.[1]);
    expect(minutes).toBeGreaterThan(0);
    expect(minutes).toBeLessThanOrEqual(15);
    expect(new URL(page.url()).pathname).toBe('/login');
  });
});
