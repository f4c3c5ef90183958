/**
 * Mobile hall at a phone's size (manual 000 §二.2.1.4–5, §二.3.1.1): change of mobile number
 * from 个人基本信息 (提交 → 通过手机号认证 → 确认), 忘记用户名/密码 for a user not yet
 * real-name verified, 申请注销 from inside it (§二.5.1: straight to the code), and 注销用户 (勾选协议,
 * 提交注销申请, 账户注销提示, 同意并继续).
 * On PGlite.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { captchaAnswer, readInbox, useE2e } from '../support/index.ts';
import { anInvestor, logIn } from '../support/investor-users.ts';

const e2e = useE2e({ database: 'pglite' });

async function enterHall(page: Page, account: string, password: string) {
  await page.goto('/m/login');
  await logIn(page, account, password, true);
  await page.waitForURL((url) => url.pathname === '/m/');
  await page.getByRole('link', { name: '个人基本信息' }).tap();
  await page.waitForURL('**/m/profile');
}

async function codeFromInbox(page: Page, recipient: string, label: string) {
  const since = new Date();
  await page.getByRole('button', { name: '获取验证码' }).tap();
  await page.getByRole('button', { name: /秒后重新获取/ }).waitFor();
  await page.getByLabel(label).fill(await readInbox(page, recipient, { since }));
}

describe('mobile hall: profile flows', () => {
  it('changes the mobile number: a bound number is refused, then 提交, 通过手机号认证, 确认', async () => {
    const ctx = e2e.ctx;
    const user = await anInvestor(ctx, { mobile: '15910000001' });
    await anInvestor(ctx, { mobile: '15910000002' });
    const page = await e2e.mobile();
    await enterHall(page, user.mobile!, user.password);
    await page.getByTestId('open-mobile').tap();
    await page.waitForURL('**/m/mobile');
    // a bound number gets its code like any other; 提交 with it pops up 手机号已被绑定
    await page.getByLabel('新手机号码').fill('15910000002');
    await codeFromInbox(page, '15910000002', '手机验证码');
    await page.getByRole('button', { name: '提交' }).tap();
    await page.getByRole('dialog').filter({ hasText: '手机号已被绑定，请确认' }).waitFor();
    await page.getByRole('dialog').getByRole('button', { name: '确认' }).tap();

    await page.getByLabel('新手机号码').fill('15910000003');
    await codeFromInbox(page, '15910000003', '手机验证码');
    await page.getByRole('button', { name: '提交' }).tap();
    await page.waitForURL('**/m/mobile/change/**');
    await page.getByText('通过手机号认证').waitFor();
    await codeFromInbox(page, user.mobile!, '手机验证码');
    await page.getByRole('button', { name: '下一步' }).tap();
    await page.getByTestId('contact-new-value').filter({ hasText: '159****0003' }).waitFor();
    await page.getByRole('button', { name: '确认' }).tap();
    await page.getByRole('status').filter({ hasText: '手机号码变更成功' }).waitFor();
    await page.getByRole('button', { name: '返回用户资料' }).tap();
    await page.getByTestId('profile-mobile').filter({ hasText: '159****0003' }).waitFor();
  });

  it('recovers the password through 忘记用户名/密码 with the phone code', async () => {
    const ctx = e2e.ctx;
    const user = await anInvestor(ctx, { mobile: '15910000011' });
    const page = await e2e.mobile();
    await page.goto('/m/login');
    await page.getByRole('link', { name: '忘记用户名/密码' }).tap();
    await page.waitForURL('**/m/recover');
    // 通过注册手机号找回 is the way shown first; the field takes a mobile number
    await page.getByRole('tab', { name: '通过注册手机号找回' }).waitFor();
    await page.getByLabel('手机号', { exact: true }).fill('not a number');
    await page.getByLabel('图形验证码').fill(await captchaAnswer(page));
    await page.getByRole('button', { name: '下一步' }).tap();
    await page.getByText('请输入正确的手机号').waitFor();

    // refused on the page: the captcha was not spent
    await page.getByLabel('手机号', { exact: true }).fill(user.mobile!);
    await page.getByRole('button', { name: '下一步' }).tap();
    await page.getByText('通过手机号认证').waitFor();
    await codeFromInbox(page, user.mobile!, '手机验证码');
    await page.getByRole('button', { name: '下一步' }).tap();
    await page.getByTestId('password-policy').waitFor();
    await page.getByLabel('新密码', { exact: true }).fill('Renewed2026go');
    await page.getByLabel('确认新密码').fill('Renewed2026go');
    await page.getByRole('button', { name: '下一步' }).tap();
    await page.getByRole('status').filter({ hasText: '找回密码成功' }).waitFor();
    await page.getByRole('button', { name: '完成' }).tap();
    await page.waitForURL('**/m/login');
    await logIn(page, user.mobile!, 'Renewed2026go', true);
    await page.waitForURL((url) => url.pathname === '/m/');
  });

  it('deregisters from 个人基本信息; the user can no longer log in', async () => {
    const ctx = e2e.ctx;
    const user = await anInvestor(ctx, { mobile: '15910000021' });
    const page = await e2e.mobile();
    await enterHall(page, user.mobile!, user.password);
    await page.getByText('注销用户').tap();
    await page.waitForURL('**/m/deregister');
    await page.getByRole('checkbox', { name: /我已阅读并同意/ }).check();
    await page.getByRole('button', { name: '提交注销申请' }).tap();
    const dialog = page.getByRole('dialog').filter({ hasText: '账户注销提示' });
    await dialog.getByText(/注销后，您将无法使用本用户登录/).waitFor();
    await dialog.getByRole('button', { name: '同意并继续' }).tap();
    await page.getByText('通过手机号认证（推荐）').waitFor();
    await codeFromInbox(page, user.mobile!, '手机验证码');
    await page.getByRole('button', { name: '下一步' }).tap();
    await page.getByRole('button', { name: '确认注销' }).tap();
    await page.getByRole('status').filter({ hasText: '注销成功' }).waitFor();
    await page.getByRole('button', { name: '返回登录页' }).tap();
    await page.waitForURL('**/m/login');
    await logIn(page, user.mobile!, user.password, true);
    await page.getByRole('alert').filter({ hasText: '账户或密码错误' }).waitFor();
  });

  it('applies for deregistration from inside the recovery (申请注销 → straight to the code → 提交注销申请 → 确认并申请)', async () => {
    const ctx = e2e.ctx;
    const user = await anInvestor(ctx, { mobile: '15910000031' });
    const page = await e2e.mobile();
    await page.goto('/m/recover');
    await page.getByLabel('手机号', { exact: true }).fill(user.mobile!);
    await page.getByLabel('图形验证码').fill(await captchaAnswer(page));
    await page.getByRole('button', { name: '下一步' }).tap();
    await page.getByRole('button', { name: '申请注销' }).tap();
    // 输入手机验证码页 at once (§二.5.1 (3)): the code goes to the registered number, no method to choose
    await page.getByTestId('verification-destination').filter({ hasText: '159****0031' }).waitFor();
    expect(await page.getByText('重新选择其他验证方式').count()).toBe(0);
    await codeFromInbox(page, user.mobile!, '手机验证码');
    await page.getByRole('button', { name: '下一步' }).tap();
    await page.getByRole('button', { name: '提交注销申请' }).tap();
    const dialog = page.getByRole('dialog').filter({ hasText: '账户注销提示' });
    await dialog.getByRole('button', { name: '确认并申请' }).tap();
    await page.getByRole('status').filter({ hasText: '注销成功' }).waitFor();
    await page.getByRole('button', { name: '完成' }).tap();
    await page.waitForURL('**/m/login');
    await logIn(page, user.mobile!, user.password, true);
    await page.getByRole('alert').filter({ hasText: '账户或密码错误' }).waitFor();
  });
});
