/**
 * 用户登录 (manual 000 §一.1.1 (1)-(3)): from the hall's sign-in page, 用户登录 offers
 * “我是投资者” and the other portals that have a sign-in; each choice reaches that
 * portal's sign-in. On PGlite.
 */
import { describe, expect, it } from 'vitest';
import { useE2e } from '../support/index.ts';

const e2e = useE2e({ database: 'pglite' });

const STAFF_PORTALS = [
  { choice: '我是证券公司工作人员', path: '/broker/', portal: '开户代理业务平台' },
  { choice: '我是期货公司工作人员', path: '/futures/desk/', portal: '期货公司业务平台' },
  { choice: '我是登记结算机构工作人员', path: '/staff/', portal: '存管业务后台' },
];

describe('用户登录: the choice of portal', () => {
  it('leads from the hall’s sign-in to 我是投资者 and to each staff portal’s sign-in; unbuilt portals are not offered', async () => {
    const page = await e2e.desktop();
    await page.goto('/login');
    await page.getByRole('link', { name: '用户登录' }).click();
    await page.waitForURL('**/portals');
    const chooser = page.getByTestId('portal-chooser');
    await chooser.waitFor();
    const choices = await chooser.getByRole('link').allTextContents();
    expect(choices.map((c) => c.replace(/(工作人员|投资者).*/, '$1'))).toEqual(['我是投资者', ...STAFF_PORTALS.map((p) => p.choice)]);
    expect(choices.some((c) => c.includes('发行人'))).toBe(false);

    await chooser.getByRole('link', { name: /我是投资者/ }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    await page.getByTestId('login-box').waitFor();

    for (const staff of STAFF_PORTALS) {
      await page.goto('/portals');
      await page
        .getByTestId('portal-chooser')
        .getByRole('link', { name: new RegExp(staff.choice) })
        .click();
      await page.waitForURL((url) => url.pathname === staff.path);
      await page.getByTestId('staff-login').waitFor();
      expect(await page.title()).toContain(staff.portal);
    }
  });
});
