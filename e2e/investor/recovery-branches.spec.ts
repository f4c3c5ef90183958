/**
 * Desktop hall 找回密码 (manual 000 §一.3), the branches of issue 13 items 13 and 15: the way
 * of recovery is chosen first (by mobile number or by e-mail, §一.3.3 (1)); the page stays
 * within a 1280 px window at the 身份认证 step; and a user bound to a unified account
 * (§一.3.3 (5)) sets the new password, then confirms it on the 找回密码信息确认 page before it
 * takes effect. On PGlite.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE } from '../../server/src/modules/investor/index.ts';
import { captchaAnswer, readInbox, useE2e } from '../support/index.ts';
import { anInvestor, logIn } from '../support/investor-users.ts';
import { aBoundInvestorUser, PASSWORD, seedVerificationWorld } from '../support/verification.ts';

const e2e = useE2e({ database: 'pglite', config: { otpResendSeconds: 0 } });
const zhang = DEMO_PEOPLE.zhang;
const BOUND_MOBILE = '13830000001';

beforeAll(async () => {
  await seedVerificationWorld(e2e.ctx);
  await aBoundInvestorUser(e2e.ctx, BOUND_MOBILE, { name: zhang.name, idType: 'resident_id', idNumber: zhang.idNumber });
});

/** How far the page reaches sideways, against the window's width. */
const widths = (page: Page) => page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, window: window.innerWidth }));

/** 找回密码 of the bound user up to 用户身份认证 (the account, then the identity details). */
async function toVerification(page: Page) {
  await page.goto('/recover');
  await page.getByLabel('手机号', { exact: true }).fill(BOUND_MOBILE);
  await page.getByLabel('图形验证码').fill(await captchaAnswer(page));
  await page.getByRole('button', { name: '下一步' }).click();
  await page.getByTestId('recovery-identity').waitFor();
  expect(await widths(page)).toEqual({ scroll: 1280, window: 1280 });
  await page.getByLabel('姓名/名称').fill(zhang.name);
  await page.getByLabel('证件号码').fill(zhang.idNumber);
  await page.getByLabel('图形验证码').fill(await captchaAnswer(page));
  await page.getByTestId('recovery-identity-submit').click();
  await page.getByTestId('verification-panel').waitFor();
}

describe('desktop 找回密码: layout', () => {
  it('stays within a 1280 px window at the 身份认证 step, whichever way of verification is chosen', async () => {
    const page = await e2e.desktop();
    await toVerification(page);
    const panel = page.getByTestId('verification-panel');
    expect(await widths(page)).toEqual({ scroll: 1280, window: 1280 });
    for (const method of ['通过银联身份认证', '通过交易报盘身份认证', '通过临柜身份认证']) {
      await panel.getByRole('radio', { name: method }).check();
      expect((await widths(page)).scroll).toBeLessThanOrEqual(1280);
    }
  });
});

describe('desktop 找回密码: the way of recovery and the bound user’s confirmation', () => {
  it('chooses 通过电子邮箱找回: the field asks for the e-mail, and its code goes to the mailbox', async () => {
    const user = await anInvestor(e2e.ctx, { email: 'way.mail@example.test' });
    const page = await e2e.desktop();
    await page.goto('/recover');
    await page.getByRole('tab', { name: '通过手机号找回' }).waitFor();
    await page.getByRole('tab', { name: '通过电子邮箱找回' }).click();
    await page.getByLabel('电子邮箱', { exact: true }).fill('not-an-address');
    await page.getByLabel('图形验证码').fill(await captchaAnswer(page));
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByText('请输入正确的电子邮箱').waitFor();
    await page.getByLabel('电子邮箱', { exact: true }).fill(user.email!);
    await page.getByRole('button', { name: '下一步' }).click();
    const panel = page.getByTestId('verification-panel');
    await panel.getByText('通过电子邮箱认证').waitFor();
    const since = new Date();
    await panel.getByRole('button', { name: '获取验证码' }).click();
    await panel.getByLabel('邮箱验证码').fill(await readInbox(page, user.email!, { since }));
    await panel.getByRole('button', { name: '下一步' }).click();
    await page.getByLabel('新密码', { exact: true }).fill('Renewed2026go');
    await page.getByLabel('确认新密码').fill('Renewed2026go');
    await page.getByRole('button', { name: '完成' }).click();
    // not bound: no confirmation page
    await page.getByRole('status').filter({ hasText: '找回密码成功' }).waitFor();
  });

  it('a bound user: 完成 leads to 找回密码信息确认; 上一步 keeps the old password, 确认 sets the new one', async () => {
    const page = await e2e.desktop();
    await toVerification(page);
    const panel = page.getByTestId('verification-panel');
    await panel.getByRole('radio', { name: '通过手机号认证' }).check();
    const since = new Date();
    await panel.getByRole('button', { name: '获取验证码' }).click();
    await panel.getByLabel('手机验证码').fill(await readInbox(page, BOUND_MOBILE, { since }));
    await panel.getByRole('button', { name: '下一步' }).click();
    await page.getByLabel('新密码', { exact: true }).fill('Renewed2026go');
    await page.getByLabel('确认新密码').fill('Renewed2026go');
    await page.getByRole('button', { name: '完成' }).click();

    const confirmation = page.getByTestId('recovery-confirmation');
    await confirmation.getByText('找回密码信息确认').waitFor();
    await confirmation.getByText('138****0001').waitFor();
    await confirmation.getByText(zhang.name).waitFor();
    await confirmation.getByText('189******001').waitFor();
    await confirmation.getByText('通过手机号认证').waitFor();
    expect(await widths(page)).toEqual({ scroll: 1280, window: 1280 });
    // 上一步: back to the password, which has not taken effect
    await confirmation.getByRole('button', { name: '上一步' }).click();
    await page.getByLabel('新密码', { exact: true }).fill('Renewed2027go');
    await page.getByLabel('确认新密码').fill('Renewed2027go');
    await page.getByRole('button', { name: '完成' }).click();
    await confirmation.getByRole('button', { name: '确认' }).click();
    await page.getByRole('status').filter({ hasText: '找回密码成功' }).waitFor();
    await page.getByRole('button', { name: '去登录' }).click();
    await page.waitForURL('**/login');
    await logIn(page, BOUND_MOBILE, PASSWORD);
    await page.getByRole('alert').filter({ hasText: '账户或密码错误' }).waitFor();
    await logIn(page, BOUND_MOBILE, 'Renewed2027go');
    await page.waitForURL((url) => url.pathname === '/');
  });
});
