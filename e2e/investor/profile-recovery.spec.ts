/**
 * Desktop hall, 用户资料 and the flows that need only the investor's own phone or e-mail
 * (manual 000 §一.2.1.4–6, §一.3.1, §一.7): change and supplement of mobile number and
 * e-mail, 通知设置 behind 二次认证, 找回密码, 注销用户. Codes come from the dev inbox.
 * On PostgreSQL.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { captchaAnswer, readInbox, useE2e } from '../support/index.ts';
import { anInvestor, logIn } from '../support/investor-users.ts';

const e2e = useE2e({ database: 'postgres', config: { loginSlowdownMs: 0 } });

async function userCentre(page: Page, entry: string) {
  await page.getByRole('menuitem', { name: '用户中心' }).hover();
  await page.getByRole('menuitem', { name: entry, exact: true }).click();
}

async function enterHall(page: Page, account: string, password: string) {
  await page.goto('/login');
  await logIn(page, account, password);
  await page.waitForURL((url) => url.pathname === '/');
}

/** 获取验证码 in the form, then the code from the inbox into the field labelled `label`. */
async function codeFromInbox(page: Page, recipient: string, label: string, scope = page.locator('body')) {
  const since = new Date();
  await scope.getByRole('button', { name: '获取验证码' }).click();
  await scope.getByRole('button', { name: /秒后重新获取/ }).waitFor();
  await scope.getByLabel(label).fill(await readInbox(page, recipient, { since }));
}

describe('desktop hall: mobile number and e-mail', () => {
  it('changes the mobile number: bound numbers pop up, then 下一步, 通过手机号认证, confirmation', async () => {
    const ctx = e2e.ctx;
    const user = await anInvestor(ctx, { mobile: '13810000001' });
    await anInvestor(ctx, { mobile: '13810000002' });
    const page = await e2e.desktop();
    await enterHall(page, user.mobile!, user.password);

    await userCentre(page, '手机号码');
    await page.waitForURL('**/user/mobile');
    await page.getByText('变更手机号').first().waitFor();
    // a bound number gets its code like any other; 下一步 with it pops up 手机号已被绑定
    await page.getByLabel('新手机号码').fill('13810000002');
    await codeFromInbox(page, '13810000002', '手机验证码');
    await page.getByRole('button', { name: '下一步' }).click();
    const popUp = page.getByRole('dialog').filter({ hasText: '手机号已被绑定，请确认' });
    await popUp.waitFor();
    await popUp.getByRole('button', { name: '确认' }).click();

    await page.getByLabel('新手机号码').fill('13810000003');
    await codeFromInbox(page, '13810000003', '手机验证码');
    await page.getByRole('button', { name: '下一步' }).click();
    await page.waitForURL('**/user/mobile/change/**');

    const step = page.getByTestId('verification-panel');
    await step.getByText('通过手机号认证').waitFor();
    await step.getByText('验证码将发送至：138****0001').waitFor();
    // a wrong code is refused beside the field
    await step.getByRole('button', { name: '获取验证码' }).click();
    await step.getByRole('button', { name: /秒后重新获取/ }).waitFor();
    const code = await readInbox(page, '13810000001');
    await step.getByLabel('手机验证码').fill(code === '000000' ? '111111' : '000000');
    await step.getByRole('button', { name: '下一步' }).click();
    await step.getByText('验证码错误，请重新输入').waitFor();
    await step.getByLabel('手机验证码').fill(code);
    await step.getByRole('button', { name: '下一步' }).click();

    await page.getByTestId('contact-new-value').filter({ hasText: '138****0003' }).waitFor();
    await page.getByRole('button', { name: '确认' }).click();
    await page.getByRole('status').filter({ hasText: '手机号码变更成功' }).waitFor();

    await userCentre(page, '用户资料');
    await page.getByTestId('profile-mobile').filter({ hasText: '138****0003' }).waitFor();
  });

  it('supplements an e-mail with the e-mail code (确认), and a bound address pops up', async () => {
    const ctx = e2e.ctx;
    const user = await anInvestor(ctx, { mobile: '13810000011' });
    await anInvestor(ctx, { email: 'taken.mailbox@example.test' });
    const page = await e2e.desktop();
    await enterHall(page, user.mobile!, user.password);
    await userCentre(page, '电子邮箱');
    await page.getByText('补充电子邮箱').first().waitFor();
    await page.getByLabel('电子邮箱', { exact: true }).fill('taken.mailbox@example.test');
    await codeFromInbox(page, 'taken.mailbox@example.test', '邮箱验证码');
    await page.getByRole('button', { name: '确认', exact: true }).click();
    const bound = page.getByRole('dialog').filter({ hasText: '电子邮箱已被绑定，请确认' });
    await bound.waitFor();
    await bound.getByRole('button', { name: '确认' }).click();
    await bound.waitFor({ state: 'hidden' });

    await page.getByLabel('电子邮箱', { exact: true }).fill('new.mailbox@example.test');
    await codeFromInbox(page, 'new.mailbox@example.test', '邮箱验证码');
    await page.getByRole('button', { name: '确认', exact: true }).click();
    await page.getByRole('status').filter({ hasText: '电子邮箱补充成功' }).waitFor();
    // Choosing 电子邮箱 again shows the page afresh: now a change of the address, not the last success.
    await userCentre(page, '电子邮箱');
    await page.getByText('变更电子邮箱').first().waitFor();
    // (a success toast of the supplement may still be fading out: wait for it rather than count at once)
    await page.getByRole('status').filter({ hasText: '电子邮箱补充成功' }).waitFor({ state: 'detached' });
    expect(await page.getByLabel('新电子邮箱').isVisible()).toBe(true);
    await userCentre(page, '用户资料');
    await page.getByTestId('profile-email').filter({ hasText: 'ne***@example.test' }).waitFor();
  });
});

describe('desktop hall: 通知设置', () => {
  it('asks an e-mail user to supplement a phone first, and changes the channel after 二次认证', async () => {
    const ctx = e2e.ctx;
    const mailOnly = await anInvestor(ctx, { email: 'only.mail@example.test' });
    const page = await e2e.desktop();
    await enterHall(page, mailOnly.email!, mailOnly.password);
    await userCentre(page, '通知设置');
    await page.getByRole('radio', { name: '手机' }).check();
    await page.getByRole('button', { name: '修改' }).click();
    const dialog = page.getByRole('dialog').filter({ hasText: '您尚未关联手机号，请先补充手机号码' });
    await dialog.getByRole('button', { name: '去补充' }).click();
    await page.waitForURL('**/user/mobile');
    await page.getByText('补充手机号码').first().waitFor();

    const both = await anInvestor(ctx, { mobile: '13810000021', email: 'both@example.test' });
    const second = await e2e.desktop();
    await enterHall(second, both.mobile!, both.password);
    await userCentre(second, '通知设置');
    await second.getByRole('radio', { name: '邮箱' }).check();
    await second.getByRole('button', { name: '修改' }).click();
    const stepUp = second.getByRole('dialog').filter({ hasText: '二次认证' });
    await stepUp.getByLabel('图形验证码').fill(await captchaAnswer(second));
    await codeFromInbox(second, '13810000021', '手机验证码', stepUp);
    await stepUp.getByRole('button', { name: '确认' }).click();
    await second.getByRole('status').filter({ hasText: '通知设置修改成功' }).waitFor();
    await second.reload();
    expect(await second.getByRole('radio', { name: '邮箱' }).isChecked()).toBe(true);
  });
});

describe('desktop hall: 找回密码 and 注销用户', () => {
  it('an unknown account goes on like a known one; only the holder of the number learns, after its code, that it is not registered', async () => {
    const page = await e2e.desktop();
    await page.goto('/recover');
    await page.getByLabel('手机号', { exact: true }).fill('13810000039');
    await page.getByLabel('图形验证码').fill(await captchaAnswer(page));
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByTestId('verification-panel').getByText('通过手机号认证').waitFor();
    await codeFromInbox(page, '13810000039', '手机验证码');
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByTestId('password-policy').waitFor();
    await page.getByLabel('新密码', { exact: true }).fill('Renewed2026go');
    await page.getByLabel('确认新密码').fill('Renewed2026go');
    await page.getByRole('button', { name: '完成' }).click();
    await page.getByRole('alert').filter({ hasText: '该手机号或电子邮箱未注册营业厅用户，请确认' }).waitFor();
  });

  it('recovers the password of a throttled user by the phone code; the new one signs in from the same address', async () => {
    const ctx = e2e.ctx;
    const user = await anInvestor(ctx, { mobile: '13810000031' });
    const page = await e2e.desktop();
    await page.goto('/login');
    for (let i = 0; i < ctx.config.loginMaxFailures; i++) {
      await logIn(page, user.mobile!, `Wrong${i}pass`);
      await page.getByRole('alert').filter({ hasText: '账户或密码错误' }).waitFor();
    }
    await logIn(page, user.mobile!, user.password);
    await page.getByRole('alert').filter({ hasText: '登录尝试过于频繁' }).waitFor();
    await page.getByRole('link', { name: '找回密码' }).click();
    await page.waitForURL('**/recover');

    await page.getByLabel('手机号', { exact: true }).fill(user.mobile!);
    await page.getByLabel('图形验证码').fill(await captchaAnswer(page));
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByTestId('verification-panel').getByText('通过手机号认证').waitFor();
    await codeFromInbox(page, user.mobile!, '手机验证码');
    await page.getByRole('button', { name: '下一步' }).click();

    await page.getByTestId('password-policy').waitFor();
    await page.getByLabel('新密码', { exact: true }).fill('Renewed2026go');
    await page.getByLabel('确认新密码').fill('Renewed2026go');
    await page.getByRole('button', { name: '完成' }).click();
    await page.getByRole('status').filter({ hasText: '找回密码成功' }).waitFor();
    await page.getByRole('button', { name: '去登录' }).click();
    await page.waitForURL('**/login');
    await logIn(page, user.mobile!, 'Renewed2026go');
    await page.waitForURL((url) => url.pathname === '/');
  });

  it('deregisters from 用户资料: 提交注销申请 straight to 账户注销提示, 同意并继续, 手机号认证; the number is free again', async () => {
    const ctx = e2e.ctx;
    const user = await anInvestor(ctx, { mobile: '13810000041', email: 'leaving@example.test' });
    const page = await e2e.desktop();
    await enterHall(page, user.mobile!, user.password);
    await userCentre(page, '用户资料');
    await page.getByRole('button', { name: '注销用户' }).click();
    await page.waitForURL('**/user/deregister');
    // the 用户注销须知 is on the page, with nothing to tick (§一.2.1.6: the mobile hall has the tick)
    await page.getByText('用户注销须知').waitFor();
    expect(await page.getByRole('checkbox').count()).toBe(0);
    await page.getByRole('button', { name: '提交注销申请' }).click();
    const dialog = page.getByRole('dialog', { name: '账户注销提示' });
    await dialog.getByText(/注销后，您将无法使用本用户登录/).waitFor();
    await dialog.getByRole('button', { name: '同意并继续' }).click();

    const step = page.getByTestId('verification-panel');
    await step.getByRole('radio', { name: '通过手机号认证（推荐）' }).check();
    await step.getByRole('radio', { name: '通过电子邮箱认证' }).waitFor();
    await codeFromInbox(page, user.mobile!, '手机验证码', step);
    await step.getByRole('button', { name: '下一步' }).click();
    await page.getByRole('button', { name: '确认注销' }).click();
    await page.getByRole('status').filter({ hasText: '注销成功' }).waitFor();
    await page.getByRole('button', { name: '返回登录页' }).click();
    await page.waitForURL('**/login');

    await logIn(page, user.mobile!, user.password);
    await page.getByRole('alert').filter({ hasText: '账户或密码错误' }).waitFor();

    // the number may register again: the code is sent
    await page.goto('/register');
    await page.getByLabel('手机号码').fill(user.mobile!);
    await page.getByRole('button', { name: '获取验证码' }).click();
    await page.getByRole('button', { name: /秒后重新获取/ }).waitFor();
  });
});
