/**
 * Mobile investor hall, 查询服务 (manual 000 §二.2.2.1–2.2.4): a bound investor opens
 * 我的一码通, shows the full account numbers after the step-up (captcha and SMS code
 * from the dev inbox), adds an unbound account (添加证券账户), queries 证券持有余额,
 * 证券持有变更 with its chart and 证券冻结情况; an unbound investor gets the binding
 * prompt. On PGlite.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE } from '../../server/src/modules/investor/index.ts';
import { captchaAnswer, readInbox, useE2e } from '../support/index.ts';
import { PASSWORD, aBoundInvestorUser, anInvestorUser, seedVerificationWorld } from '../support/verification.ts';

const e2e = useE2e({ database: 'pglite', config: { otpResendSeconds: 0 } });

beforeAll(async () => {
  await seedVerificationWorld(e2e.ctx);
  await aBoundInvestorUser(e2e.ctx, '13800000041', DEMO_PEOPLE.li, '189900000002');
  await aBoundInvestorUser(e2e.ctx, '13800000043', DEMO_PEOPLE.zhang);
  await anInvestorUser(e2e.ctx, '13800000042');
});

async function logInMobile(page: Page, account: string) {
  await page.goto('/m/login');
  await page.getByLabel('账户').fill(account);
  await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
  await page.getByLabel('图形验证码').fill(await captchaAnswer(page));
  await page.getByRole('button', { name: '登录', exact: true }).tap();
  await page.getByTestId('m-home').waitFor();
}

describe('mobile hall: queries of 我的一码通', () => {
  it('shows full numbers after the step-up and adds an unbound account of the same holder', async () => {
    const page = await e2e.mobile();
    await logInMobile(page, '13800000041');
    await page.getByTestId('entry-my-account').tap();
    await page.getByTestId('securities-account-number').filter({ hasText: 'A99****002' }).waitFor();
    await page.getByTestId('show-full-accounts').tap();
    await page
      .getByTestId('captcha-input')
      .locator('input')
      .fill(await captchaAnswer(page));
    const since = new Date();
    await page.getByTestId('sms-code-send').tap();
    await page
      .getByTestId('sms-code-input')
      .locator('input')
      .fill(await readInbox(page, '13800000041', { since }));
    await page.getByTestId('step-up-submit').tap();
    await page.getByTestId('full-numbers-shown').waitFor();
    await page.getByTestId('securities-account-number').filter({ hasText: 'A990000002' }).waitFor();

    // 临时绑定 (§二.2.2.1.2): the (+) at the top right, 请输入证券账户, 确认绑定.
    await page.getByRole('button', { name: '添加证券账户' }).tap();
    await page.getByRole('heading', { name: '请输入证券账户' }).waitFor();
    await page.getByTestId('add-account-number').locator('input').fill('A990000001'); // 演示张明's: refused
    await page.getByRole('button', { name: '确认绑定' }).tap();
    await page.getByTestId('form-error').filter({ hasText: '未查询到该证券账户，请输入您本人名下的证券账户号码' }).waitFor();
    await page.getByTestId('add-account-number').locator('input').fill('A990000003');
    await page.getByRole('button', { name: '确认绑定' }).tap();
    await page.getByText(/^临时绑定成功/).waitFor();
    await page.getByText('临时绑定', { exact: true }).waitFor();
  });

  it('queries holdings, changes with the chart and freezes', async () => {
    const page = await e2e.mobile();
    await logInMobile(page, '13800000043');
    await page.getByTestId('entry-holdings').tap();
    await page.getByText('A99****001').tap();
    await page.getByTestId('query-submit').tap();
    await page.getByTestId('holdings-list-row').filter({ hasText: '演示一码通' }).waitFor();
    await page.getByTestId('filter-date').fill('2020-01-02');
    await page.getByTestId('query-submit').tap();
    await page.getByTestId('query-empty').filter({ hasText: '该日期无持有记录' }).waitFor();

    await page.goto('/m/changes');
    await page.getByText('A99****001').tap();
    await page.getByTestId('query-submit').tap();
    await page.getByTestId('changes-list-row').filter({ hasText: '交易过户' }).waitFor();
    await page.getByTestId('holding-chart-svg').waitFor();
    expect(await page.getByTestId('holding-chart-svg-point').count()).toBeGreaterThanOrEqual(3);

    await page.goto('/m/freezes');
    await page.getByText('A99****001').tap();
    await page.getByTestId('query-submit').tap();
    await page.getByTestId('freezes-list-row').filter({ hasText: '演示市中级人民法院' }).waitFor();
  });

  it('asks an investor who has not bound a unified account to bind one', async () => {
    const page = await e2e.mobile();
    await logInMobile(page, '13800000042');
    await page.getByTestId('entry-changes').tap();
    await page.getByTestId('not-bound-prompt').waitFor();
    await page.getByRole('button', { name: '确定' }).tap();
    await page.waitForURL((url) => url.pathname === '/m/binding');
  });
});
