/**
 * Mobile hall at a phone's size (manual 000 §二.1.1–1.2, §二.2.1.3): register in steps
 * (phone, code and agreements → 下一步 → password → 下一步 → 立即登录), change the login
 * password from 个人基本信息, sign out; the old password is refused, the new one works.
 * On PGlite.
 */
import { describe, expect, it } from 'vitest';
import { readInbox, useE2e } from '../support/index.ts';
import { logIn } from '../support/investor-users.ts';

const e2e = useE2e({ database: 'pglite' });

const MOBILE = '15087654321';
const MASKED = '150****4321';
const FIRST_PASSWORD = 'Harbour2026ok';
const NEW_PASSWORD = 'Lantern2026ok';

describe('mobile hall: register, log in, change password', () => {
  it('registers in steps, changes the password from the profile, and only the new one signs in', async () => {
    const page = await e2e.mobile();
    await page.goto('/m/');
    await page.waitForURL('**/m/login');
    await page.getByRole('link', { name: '还没有账号，马上注册' }).tap();
    await page.waitForURL('**/m/register');

    // Step 1: 手机号码 + 短信验证码 + agreements → 下一步
    await page.getByLabel('手机号码').fill(MOBILE);
    await page.getByRole('button', { name: '获取验证码' }).tap();
    await page.getByRole('button', { name: /秒后重新获取/ }).waitFor();
    await page.getByLabel('短信验证码').fill(await readInbox(page, MOBILE));

    await page.getByRole('link', { name: '《在线用户服务协议及隐私政策》' }).tap();
    const agreement = page.getByRole('dialog', { name: '在线用户服务协议及隐私政策' });
    await agreement.getByText('第二部分  隐私政策').waitFor();
    expect(await agreement.getByText(/我们收集的个人信息/).isVisible()).toBe(true);
    await agreement.getByRole('button', { name: '我已阅读' }).tap();
    await agreement.waitFor({ state: 'hidden' });
    // “我已阅读” ticks the box
    expect(await page.getByRole('checkbox', { name: /我已阅读并同意/ }).isChecked()).toBe(true);
    await page.getByRole('button', { name: '下一步' }).tap();

    // Step 2: 设置密码 → 下一步 registers
    await page.getByLabel('设置密码').fill(FIRST_PASSWORD);
    await page.getByLabel('确认密码').fill(FIRST_PASSWORD);
    await page.getByRole('button', { name: '下一步' }).tap();

    // Step 3: 注册成功 → 立即登录
    await page.getByTestId('register-success').getByText('注册成功').waitFor();
    await page.getByRole('button', { name: '立即登录' }).tap();
    await page.waitForURL((url) => url.pathname === '/m/');
    await page.getByText('您好，欢迎来到微信营业厅').waitFor();
    await page.getByText(MASKED).first().waitFor();

    // The user at top left → 个人基本信息 → 修改登录密码
    await page.getByRole('link', { name: '个人基本信息' }).tap();
    await page.waitForURL('**/m/profile');
    await page.getByTestId('profile-mobile').filter({ hasText: MASKED }).waitFor();
    await page.getByText('修改登录密码').tap();
    await page.waitForURL('**/m/password');
    await page.getByLabel('原密码').fill(FIRST_PASSWORD);
    await page.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('确认新密码').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: '提交' }).tap();
    await page.getByText('修改成功', { exact: true }).waitFor();
    await page.getByText(/登录密码修改成功/).waitFor();

    // Back to the profile → 退出登录 → the login page
    await page.getByRole('button', { name: '返回个人基本信息' }).tap();
    await page.waitForURL('**/m/profile');
    await page.getByRole('button', { name: '退出登录' }).tap();
    await page.waitForURL('**/m/login');

    // The old password is refused, with the reason on the page.
    await logIn(page, MOBILE, FIRST_PASSWORD, true);
    await page.getByRole('alert').filter({ hasText: '账户或密码错误' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/m/login');

    // The new one enters the hall.
    await logIn(page, MOBILE, NEW_PASSWORD, true);
    await page.waitForURL((url) => url.pathname === '/m/');
    await page.getByText('您好，欢迎来到微信营业厅').waitFor();
  });
});
