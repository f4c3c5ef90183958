/**
 * Desktop investor hall (manual 000 §一.1.1–1.2, §一.2.1.3): register with an SMS code,
 * enter the hall, change the login password, sign out, and sign in again: the old
 * password is refused, the new one works. On PostgreSQL.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { readInbox, useE2e } from '../support/index.ts';
import { logIn } from '../support/investor-users.ts';
import { anInvestorUser } from '../support/verification.ts';

const e2e = useE2e({ database: 'postgres' });

const MOBILE = '13912345678';
/** The same number as typed with a Chinese input method: full-width digits, in groups (issue 13: was refused). */
const MOBILE_AS_TYPED = '１３９ １２３４ ５６７８';
const MASKED = '139****5678';
const FIRST_PASSWORD = 'Spring2026go';
const NEW_PASSWORD = 'Autumn2026go';

/** Opens 用户中心 in the header and picks an entry. */
async function userCentre(page: Page, entry: '登录密码' | '退出登录') {
  await page.getByRole('menuitem', { name: '用户中心' }).hover();
  await page.getByRole('menuitem', { name: entry }).click();
}

describe('desktop hall: register, log in, change password', () => {
  it('registers, enters the hall, changes the password, and only the new one signs in', async () => {
    const page = await e2e.desktop();
    await page.goto('/');

    // 投资者服务专区 login page → 还没有账号，马上注册
    await page.getByRole('link', { name: '还没有账号，马上注册' }).click();
    await page.waitForURL('**/register');

    await page.getByLabel('手机号码').fill(MOBILE_AS_TYPED);
    await page.getByRole('button', { name: '获取验证码' }).click();
    // The button counts down once the code is on its way.
    await page.getByRole('button', { name: /秒后重新获取/ }).waitFor();
    const code = await readInbox(page, MOBILE);
    await page.getByLabel('短信验证码').fill(code);
    await page.getByLabel('设置密码').fill(FIRST_PASSWORD);
    await page.getByLabel('确认密码').fill(FIRST_PASSWORD);

    // One agreement opens, reads, and closes.
    await page.getByRole('link', { name: '《网上注册须知》' }).click();
    const agreement = page.getByRole('dialog', { name: '网上注册须知' });
    await agreement.getByText('一、注册条件').waitFor();
    expect(await agreement.getByText(/一个手机号码只能注册一个营业厅账户/).isVisible()).toBe(true);
    await agreement.getByRole('button', { name: '我已阅读' }).click();
    await agreement.waitFor({ state: 'hidden' });
    // “我已阅读” ticks the box
    expect(await page.getByRole('checkbox', { name: /我已阅读并同意/ }).isChecked()).toBe(true);
    await page.getByRole('button', { name: '注册', exact: true }).click();

    // 注册成功 → 直接登录 → 网上营业厅首页
    await page.getByText('注册成功').first().waitFor();
    await page.getByRole('button', { name: '直接登录' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByText('您好，欢迎来到网上营业厅').waitFor();
    await page.getByTestId('hall-user-name').filter({ hasText: MASKED }).waitFor();

    // 用户中心 → 登录密码: 原密码 + 新密码 + 确认新密码 → 修改
    await userCentre(page, '登录密码');
    await page.waitForURL('**/user/password');
    await page.getByLabel('原密码').fill(FIRST_PASSWORD);
    await page.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('确认新密码').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: '修改', exact: true }).click();
    await page.getByRole('status').filter({ hasText: '登录密码修改成功' }).waitFor();

    // 退出登录 → the login page
    await userCentre(page, '退出登录');
    await page.waitForURL('**/login');

    // The old password no longer signs in: the page says so.
    await logIn(page, MOBILE, FIRST_PASSWORD);
    const error = page.getByRole('alert').filter({ hasText: '账户或密码错误' });
    await error.waitFor();
    expect(page.url()).toMatch(/\/login$/);

    // The new one does.
    await logIn(page, MOBILE, NEW_PASSWORD);
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByText('您好，欢迎来到网上营业厅').waitFor();
    await page.getByTestId('hall-user-name').filter({ hasText: MASKED }).waitFor();
  });

  it('says beside the phone field that a registered number is already registered, only once its SMS code is entered', async () => {
    // A number registered beforehand, not the one above: its code would still be too recent to resend.
    const registered = '13912340099';
    await anInvestorUser(e2e.ctx, registered);
    const page = await e2e.desktop();
    await page.goto('/register');
    await page.getByLabel('手机号码').fill(registered);
    const since = new Date();
    await page.getByRole('button', { name: '获取验证码' }).click();
    // The code is sent as for any number: asking tells nobody the number is registered.
    await page.getByRole('button', { name: /秒后重新获取/ }).waitFor();
    const field = page.locator('.ant-form-item').filter({ has: page.getByLabel('手机号码') });
    expect(await field.getByText('该手机号已注册，请直接登录').count()).toBe(0);
    await page.getByLabel('短信验证码').fill(await readInbox(page, registered, { since }));
    await page.getByLabel('设置密码').fill(FIRST_PASSWORD);
    await page.getByLabel('确认密码').fill(FIRST_PASSWORD);
    await page.getByRole('checkbox', { name: /我已阅读并同意/ }).check();
    await page.getByRole('button', { name: '注册', exact: true }).click();
    // The holder of the number, with its code, is told.
    await field.getByText('该手机号已注册，请直接登录').waitFor();
  });
});
