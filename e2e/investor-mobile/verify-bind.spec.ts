/**
 * Mobile hall (manual 000 §二.2.1.1, §二.2.1.2): 我的认证 by UnionPay, then
 * 快捷绑定一码通 with the choice among several unified accounts; direct binding
 * from 我的一码通 by each method, 重新选择其他验证方式, and the failures where
 * the manual shows them. On PostgreSQL.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DemoLogin } from '../../server/src/modules/identity/index.ts';
import { DEMO_CARDS, DEMO_PEOPLE } from '../../server/src/modules/investor/index.ts';
import { captchaAnswer, readInbox, useE2e } from '../support/index.ts';
import { PASSWORD, anInvestorUser, logInConsole, seedVerificationWorld, staffApi } from '../support/verification.ts';

const e2e = useE2e({ database: 'postgres', config: { otpResendSeconds: 0 } });
let logins: DemoLogin[];

beforeAll(async () => {
  logins = await seedVerificationWorld(e2e.ctx);
});

async function logInMobile(page: Page, account: string) {
  await page.goto('/m/login');
  await page.getByLabel('账户').fill(account);
  await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
  await page.getByLabel('图形验证码').fill(await captchaAnswer(page));
  await page.getByRole('button', { name: '登录', exact: true }).tap();
  await page.getByTestId('m-home').waitFor();
}

async function fillCard(page: Page, card: { name: string; idNumber: string; cardNumber: string; mobile: string }) {
  await page.getByLabel('持卡人姓名').fill(card.name);
  await page.getByLabel('身份证号码').fill(card.idNumber);
  await page.getByLabel('银行卡号').fill(card.cardNumber);
  await page.getByLabel('银行预留手机号').fill(card.mobile);
}

/** From 我的一码通 (not bound) → 确定 → 绑定一码通页 → the elements → 下一步. */
async function startFromMyAccount(page: Page, who: { kind: string; name: string; idNumber: string }, idTypeLabel?: string) {
  await page.getByTestId('entry-my-account').tap();
  await page.getByText('您尚未绑定一码通账户，请先绑定一码通。').waitFor();
  await page.getByRole('button', { name: '确定' }).tap();
  await page.getByTestId('m-direct-binding').waitFor();
  if (who.kind === 'institution') await page.getByText('机构', { exact: true }).tap();
  if (idTypeLabel) await page.getByText(idTypeLabel, { exact: true }).tap();
  await page.getByLabel('姓名/名称').fill(who.name);
  await page.getByLabel('证件号码').fill(who.idNumber);
  await page.getByRole('button', { name: '下一步' }).tap();
}

async function chooseMethod(page: Page, label: string) {
  await page.getByTestId('verification-panel').waitFor();
  await page.getByText(label, { exact: true }).tap();
}

async function confirmBinding(page: Page, account: string) {
  await page.getByTestId('m-binding-confirm').waitFor();
  expect(await page.getByTestId('confirm-account').textContent()).toBe(account);
  await page.getByRole('button', { name: '确认绑定' }).tap();
  await page.getByText('绑定成功').waitFor();
  await page.getByRole('button', { name: '我的一码通' }).tap();
  await page.getByTestId('my-unified-account').filter({ hasText: account }).waitFor();
}

describe('mobile hall: real-name verification and binding the unified account', () => {
  it('我的认证 by UnionPay, then 快捷绑定一码通 choosing one of several unified accounts', async () => {
    const page = await e2e.mobile();
    await logInMobile(page, '19900000002');
    await page.getByTestId('open-profile').tap();
    await page.getByText('我的认证').tap();
    await fillCard(page, { name: DEMO_PEOPLE.li.name, idNumber: DEMO_PEOPLE.li.idNumber, cardNumber: DEMO_CARDS.li, mobile: '19900000002' });
    const since = new Date();
    await page.getByRole('button', { name: '获取验证码' }).tap();
    await page.getByLabel('手机验证码').fill(await readInbox(page, '19900000002', { since }));
    await page.getByRole('button', { name: '下一步' }).tap();
    await page.getByText('实名认证成功').waitFor();
    await page.getByRole('button', { name: '快捷绑定一码通' }).tap();
    await page.getByTestId('quick-binding-details').getByText(DEMO_PEOPLE.li.name).waitFor();
    await page.getByRole('button', { name: '下一步' }).tap();
    await page.getByText('请选择需要绑定的一码通').waitFor();
    await page.getByText('189900000003', { exact: true }).tap();
    await page.getByRole('button', { name: '下一步' }).last().tap();
    await page.getByText('绑定成功').waitFor();
    await page.getByRole('button', { name: '我的一码通' }).tap();
    await page.getByTestId('my-unified-account').filter({ hasText: '189900000003' }).waitFor();
  });

  it('direct binding: UnionPay times out, 重新选择其他验证方式, then the reserved phone', async () => {
    await anInvestorUser(e2e.ctx, '13800000031');
    const page = await e2e.mobile();
    await logInMobile(page, '13800000031');
    await startFromMyAccount(page, DEMO_PEOPLE.zhang);
    await chooseMethod(page, '通过银联身份认证');
    await fillCard(page, { name: DEMO_PEOPLE.zhang.name, idNumber: DEMO_PEOPLE.zhang.idNumber, cardNumber: DEMO_CARDS.zhangTimeout, mobile: '19900000001' });
    await page.getByRole('button', { name: '获取验证码' }).tap();
    await page.getByTestId('verification-error').filter({ hasText: '银联身份认证超时，请稍后再试或重新选择其他验证方式' }).waitFor();
    await page.getByRole('button', { name: '重新选择其他验证方式' }).tap();
    await chooseMethod(page, '通过（开户预留）手机号认证');
    const since = new Date();
    await page.getByRole('button', { name: '获取验证码' }).tap();
    await page.getByText('验证码已发送至开户预留手机号 199****0011').waitFor();
    await page.getByLabel('手机验证码').fill(await readInbox(page, '19900000011', { since }));
    await page.getByRole('button', { name: '下一步' }).tap();
    await confirmBinding(page, '189900000001');
  });

  it('direct binding of an institution by a marked order, the report sent through the API', async () => {
    await anInvestorUser(e2e.ctx, '13800000032');
    const page = await e2e.mobile();
    await logInMobile(page, '13800000032');
    await startFromMyAccount(page, DEMO_PEOPLE.firm);
    await chooseMethod(page, '通过交易报盘身份认证');
    await page.getByRole('button', { name: '获取报盘验证码' }).tap();
    const code = ((await page.getByTestId('trading-code').textContent()) ?? '').trim();
    const exchange = await staffApi(e2e.server, logins, 'admin');
    const report = await exchange.request('POST', '/api/v1/exchange/order-reports', { securitiesAccountNumber: '0899000004', securityCode: '369999', side: 'buy', quantity: code, price: '1.000', brokerCode: 'B01866' });
    expect(report.json().passedVerifications).toBe(1);
    await confirmBinding(page, '289900000004');
  });

  it('direct binding at the broker counter; a refusal is shown, then a confirmation binds', async () => {
    await anInvestorUser(e2e.ctx, '13800000033');
    const page = await e2e.mobile();
    await logInMobile(page, '13800000033');
    await startFromMyAccount(page, DEMO_PEOPLE.john, '护照');
    await chooseMethod(page, '通过临柜身份认证');
    await page.getByText('对于临柜认证方式，中国结算仅为证券公司总部开启了授权，营业网点受理情况需与证券公司营业部提前确认，请尽量选择其他方式认证。').waitFor();
    await page.getByRole('button', { name: '提交临柜认证申请' }).tap();
    await page.getByText('临柜认证申请已提交，请前往证券公司柜台办理。').waitFor();

    const clerk = await e2e.desktop();
    await logInConsole(clerk, '/broker/', logins, 'witness');
    await clerk.getByRole('menuitem', { name: '临柜身份认证' }).click();
    const search = async () => {
      await clerk.getByTestId('counter-name').fill(DEMO_PEOPLE.john.name);
      await clerk.locator('.ant-form-item').filter({ hasText: '证件类型' }).locator('.ant-select-selector').click();
      await clerk.locator('.ant-select-dropdown:visible').getByTitle('护照', { exact: true }).click();
      await clerk.getByTestId('counter-id-number').fill(DEMO_PEOPLE.john.idNumber);
      await clerk.getByRole('button', { name: '查询' }).click();
    };
    await search();
    await clerk.getByRole('button', { name: '拒绝' }).click();
    await clerk.getByRole('dialog').filter({ hasText: '拒绝临柜身份认证' }).getByRole('button', { name: '拒绝' }).click();
    await clerk.getByText('已拒绝该投资者的临柜身份认证').waitFor();
    await page.getByTestId('verification-ended').filter({ hasText: '临柜身份认证未通过' }).waitFor();

    await page.getByRole('button', { name: '重新选择其他验证方式' }).tap();
    await chooseMethod(page, '通过临柜身份认证');
    await page.getByRole('button', { name: '提交临柜认证申请' }).tap();
    await page.getByText('临柜认证申请已提交，请前往证券公司柜台办理。').waitFor();
    await search();
    await clerk.getByRole('button', { name: '确认' }).click();
    await clerk.getByRole('dialog').filter({ hasText: '确认临柜身份认证' }).getByRole('button', { name: '确认' }).click();
    await clerk.getByText('已确认该投资者的临柜身份认证').waitFor();
    await confirmBinding(page, '189900000005');
  });
});
