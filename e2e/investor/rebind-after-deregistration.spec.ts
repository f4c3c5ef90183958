/**
 * Desktop investor hall, issue 13 item 11: a person bound to their unified account
 * deregisters (注销用户), registers again with the same mobile number, verifies the
 * real name and binds again by 快捷绑定一码通 — deregistration released the binding.
 * On PGlite.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, it } from 'vitest';
import { DEMO_CARDS, DEMO_PEOPLE } from '../../server/src/modules/investor/index.ts';
import { readInbox, useE2e } from '../support/index.ts';
import { aBoundInvestorUser, logInDesktop, PASSWORD, seedVerificationWorld } from '../support/verification.ts';

const e2e = useE2e({ database: 'pglite', config: { otpResendSeconds: 0 } });
const MOBILE = '13800000061';
const zhang = DEMO_PEOPLE.zhang;

beforeAll(async () => {
  await seedVerificationWorld(e2e.ctx);
  await aBoundInvestorUser(e2e.ctx, MOBILE, { name: zhang.name, idType: 'resident_id', idNumber: zhang.idNumber });
});

async function codeFromInbox(page: Page, recipient: string, label: string, scope = page.locator('body')) {
  const since = new Date();
  await scope.getByRole('button', { name: '获取验证码' }).click();
  await scope.getByLabel(label).fill(await readInbox(page, recipient, { since }));
}

async function deregister(page: Page) {
  await page.getByRole('menuitem', { name: '用户中心' }).hover();
  await page.getByRole('menuitem', { name: '用户资料', exact: true }).click();
  await page.getByRole('button', { name: '注销用户' }).click();
  await page.waitForURL('**/user/deregister');
  await page.getByRole('button', { name: '提交注销申请' }).click();
  const dialog = page.getByRole('dialog', { name: '账户注销提示' });
  await dialog.getByRole('button', { name: '同意并继续' }).click();
  const step = page.getByTestId('verification-panel');
  await step.getByRole('radio', { name: '通过手机号认证（推荐）' }).check();
  await codeFromInbox(page, MOBILE, '手机验证码', step);
  await step.getByRole('button', { name: '下一步' }).click();
  await page.getByRole('button', { name: '确认注销' }).click();
  await page.getByRole('status').filter({ hasText: '注销成功' }).waitFor();
}

async function registerAgain(page: Page) {
  await page.goto('/register');
  await page.getByLabel('手机号码').fill(MOBILE);
  await codeFromInbox(page, MOBILE, '短信验证码');
  await page.getByLabel('设置密码').fill(PASSWORD);
  await page.getByLabel('确认密码').fill(PASSWORD);
  await page.getByRole('checkbox', { name: /我已阅读并同意/ }).check();
  await page.getByRole('button', { name: '注册', exact: true }).click();
  await page.getByText('注册成功').first().waitFor();
  await page.getByRole('button', { name: '直接登录' }).click();
  await page.waitForURL((url) => url.pathname === '/');
}

async function verifyRealName(page: Page) {
  await page.getByRole('button', { name: '登录并完善客户资料' }).click();
  await page.getByText('银联身份认证').first().waitFor();
  await page.getByLabel('持卡人姓名').fill(zhang.name);
  await page.getByLabel('身份证号码').fill(zhang.idNumber);
  await page.getByLabel('银行卡号').fill(DEMO_CARDS.zhang);
  await page.getByLabel('银行预留手机号').fill('19900000001');
  await codeFromInbox(page, '19900000001', '手机验证码');
  await page.getByRole('button', { name: '下一步' }).click();
  await page.getByText('实名认证成功').waitFor();
}

describe('desktop hall: binding again after deregistration', () => {
  it('deregisters a bound user, registers again with the same mobile, verifies and binds by 快捷绑定一码通', async () => {
    const page = await e2e.desktop();
    await logInDesktop(page, MOBILE);
    await deregister(page);

    await registerAgain(page);
    await page.getByTestId('real-name-status').filter({ hasText: '未实名' }).waitFor();
    await verifyRealName(page);
    await page.getByTestId('real-name-status').filter({ hasText: '已实名' }).waitFor();

    await page.getByRole('button', { name: '快捷绑定一码通' }).click();
    await page.getByTestId('quick-binding-details').getByText(zhang.name).waitFor();
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByText('绑定成功').waitFor();
    await page.getByRole('button', { name: '我的一码通' }).click();
    await page.getByTestId('my-unified-account').filter({ hasText: '189900000001' }).waitFor();
  });
});
