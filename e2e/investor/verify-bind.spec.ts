/**
 * Desktop investor hall (manual 000 §一.2.1.1, §一.2.1.2): real-name verification by
 * UnionPay then 快捷绑定一码通; direct binding by each of the four verification
 * methods, with 重新选择其他验证方式, the choice of account when the holder has
 * several, and each failure shown where the manual shows it. On PGlite.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DemoLogin } from '../../server/src/modules/identity/index.ts';
import { DEMO_CARDS, DEMO_PEOPLE } from '../../server/src/modules/investor/index.ts';
import { readInbox, useE2e } from '../support/index.ts';
import { anInvestorUser, logInConsole, logInDesktop, seedVerificationWorld, staffApi } from '../support/verification.ts';

const e2e = useE2e({ database: 'pglite', config: { otpResendSeconds: 0 } });
let logins: DemoLogin[];

beforeAll(async () => {
  logins = await seedVerificationWorld(e2e.ctx);
});

async function fillCard(page: Page, card: { name: string; idNumber: string; cardNumber: string; mobile: string }) {
  await page.getByLabel('持卡人姓名').fill(card.name);
  await page.getByLabel('身份证号码').fill(card.idNumber);
  await page.getByLabel('银行卡号').fill(card.cardNumber);
  await page.getByLabel('银行预留手机号').fill(card.mobile);
}

/** 绑定一码通: user type, three elements, 下一步. */
async function fillBinding(page: Page, who: { kind: string; name: string; idNumber: string }, idTypeLabel?: string) {
  await page.getByTestId('direct-binding-page').waitFor();
  if (who.kind === 'institution') await page.getByText('机构', { exact: true }).click();
  if (idTypeLabel) {
    await pickOption(page, '证件类型', idTypeLabel);
  }
  await page.getByLabel('姓名/名称').fill(who.name);
  await page.getByLabel('证件号码').fill(who.idNumber);
  await page.getByRole('button', { name: '下一步' }).click();
}

/** Picks an option of the antd Select in the form item with this label. */
async function pickOption(page: Page, label: string, option: string) {
  await page.locator('.ant-form-item').filter({ hasText: label }).locator('.ant-select-selector').click();
  await page.locator('.ant-select-dropdown:visible').getByTitle(option, { exact: true }).click();
}

async function chooseMethod(page: Page, label: string) {
  await page.getByTestId('verification-panel').waitFor();
  await page.getByRole('radio', { name: label }).check();
}

async function confirmAndSee(page: Page, account: string) {
  await page.getByText('绑定信息确认').waitFor();
  expect(await page.getByTestId('confirm-account').textContent()).toBe(account);
  await page.getByRole('button', { name: '确认绑定' }).click();
  await page.getByText('绑定成功').waitFor();
  await page.getByRole('button', { name: '我的一码通' }).click();
  await page.getByTestId('my-unified-account').filter({ hasText: account }).waitFor();
}

describe('desktop hall: real-name verification and binding the unified account', () => {
  it('verifies the real name through UnionPay, then binds quickly', async () => {
    const page = await e2e.desktop();
    await logInDesktop(page, '19900000001');
    await page.getByTestId('real-name-status').filter({ hasText: '未实名' }).waitFor();
    await page.getByRole('button', { name: '登录并完善客户资料' }).click();
    await page.getByText('银联身份认证').first().waitFor();

    // A card reported lost: the bank's answer shows on the form.
    await fillCard(page, { name: DEMO_PEOPLE.zhang.name, idNumber: DEMO_PEOPLE.zhang.idNumber, cardNumber: DEMO_CARDS.zhangLost, mobile: '19900000001' });
    await page.getByRole('button', { name: '获取验证码' }).click();
    await page.getByTestId('verification-error').filter({ hasText: '银联身份认证失败：银行卡状态异常（已挂失或已销户）' }).waitFor();

    await page.getByLabel('银行卡号').fill(DEMO_CARDS.zhang);
    const since = new Date();
    await page.getByRole('button', { name: /获取验证码|重新获取/ }).click();
    await page.getByLabel('手机验证码').fill(await readInbox(page, '19900000001', { since }));
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByText('实名认证成功').waitFor();
    await page.getByTestId('real-name-status').filter({ hasText: '已实名' }).waitFor();

    await page.getByRole('button', { name: '快捷绑定一码通' }).click();
    const details = page.getByTestId('quick-binding-details');
    await details.getByText(DEMO_PEOPLE.zhang.name).waitFor();
    await details.getByText('1101**********1234').waitFor();
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByText('绑定成功').waitFor();
    await page.getByRole('button', { name: '我的一码通' }).click();
    await page.getByTestId('my-unified-account').filter({ hasText: '189900000001' }).waitFor();
    await page.getByRole('cell', { name: 'A99****001' }).waitFor();
  });

  it('sends an unbound investor from 我的一码通 to binding; several accounts ask the securities account; reselects from a marked order to the reserved phone', async () => {
    await anInvestorUser(e2e.ctx, '13800000021');
    const page = await e2e.desktop();
    await logInDesktop(page, '13800000021');
    await page.getByTestId('entry-my-account').click();
    await page.getByText('您尚未绑定一码通账户，请先绑定一码通。').waitFor();
    await page.getByRole('button', { name: '确定' }).click();
    await page.waitForURL('**/binding');

    await fillBinding(page, DEMO_PEOPLE.li);
    await page.getByText('请输入要绑定一码通对应的证券账户号码').waitFor();
    await page.getByTestId('bind-securities-account').fill('A990000001');
    await page.getByTestId('account-next').click();
    await page.getByTestId('account-error').filter({ hasText: '证券账户号码有误' }).waitFor();
    await page.getByTestId('bind-securities-account').fill('A990000003');
    await page.getByTestId('account-next').click();

    await chooseMethod(page, '通过交易报盘身份认证');
    await page.getByRole('button', { name: '获取报盘验证码' }).click();
    await page.getByTestId('trading-code').waitFor();
    await page.getByRole('button', { name: '重新选择其他验证方式' }).click();
    await chooseMethod(page, '通过（开户预留）手机号认证');
    const since = new Date();
    await page.getByRole('button', { name: '获取验证码' }).click();
    await page.getByText('验证码已发送至开户预留手机号 199****0012').waitFor();
    await page.getByLabel('手机验证码').fill('000000');
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByTestId('verification-error').filter({ hasText: '验证码错误，请重新输入' }).waitFor();
    await page.getByLabel('手机验证码').fill(await readInbox(page, '19900000012', { since }));
    await page.getByRole('button', { name: '下一步' }).click();
    await confirmAndSee(page, '189900000003');
  });

  it('binds through UnionPay, showing the bank’s refusal first', async () => {
    await anInvestorUser(e2e.ctx, '13800000022');
    const page = await e2e.desktop();
    await logInDesktop(page, '13800000022');
    await page.goto('/binding');
    await fillBinding(page, DEMO_PEOPLE.li);
    await page.getByTestId('bind-securities-account').fill('0199000002');
    await page.getByTestId('account-next').click();
    await chooseMethod(page, '通过银联身份认证');
    await fillCard(page, { name: DEMO_PEOPLE.li.name, idNumber: DEMO_PEOPLE.li.idNumber, cardNumber: DEMO_CARDS.li, mobile: '19900000099' });
    await page.getByRole('button', { name: '获取验证码' }).click();
    await page.getByTestId('verification-error').filter({ hasText: '持卡人姓名、身份证号码、银行卡号与银行预留手机号不一致' }).waitFor();
    await page.getByLabel('银行预留手机号').fill('19900000002');
    const since = new Date();
    await page.getByRole('button', { name: /获取验证码|重新获取/ }).click();
    await page.getByLabel('手机验证码').fill(await readInbox(page, '19900000002', { since }));
    await page.getByRole('button', { name: '下一步' }).click();
    await confirmAndSee(page, '189900000002');
  });

  it('binds an institution through a marked order reported by the exchange (no UnionPay offered)', async () => {
    await anInvestorUser(e2e.ctx, '13800000023');
    const page = await e2e.desktop();
    await logInDesktop(page, '13800000023');
    await page.goto('/binding');
    await fillBinding(page, DEMO_PEOPLE.firm);
    await page.getByTestId('verification-panel').waitFor();
    expect(await page.getByRole('radio', { name: '通过银联身份认证' }).count()).toBe(0);
    await chooseMethod(page, '通过交易报盘身份认证');
    await page.getByRole('button', { name: '获取报盘验证码' }).click();
    const code = ((await page.getByTestId('trading-code').textContent()) ?? '').trim();
    await page
      .getByTestId('trading-steps')
      .filter({ hasText: `委托数量：${code}` })
      .waitFor();
    await page.getByText('正在等待认证结果').waitFor();

    const exchange = await staffApi(e2e.server, logins, 'admin');
    const report = await exchange.request('POST', '/api/v1/exchange/order-reports', { securitiesAccountNumber: 'B990000004', securityCode: '799988', side: 'buy', quantity: code, price: '1.000', brokerCode: 'B01866' });
    expect(report.json().passedVerifications).toBe(1);
    await confirmAndSee(page, '289900000004');
  });

  it('binds at the broker counter, confirmed in /broker/; a holder without a reserved phone is told so', async () => {
    await anInvestorUser(e2e.ctx, '13800000024');
    const page = await e2e.desktop();
    await logInDesktop(page, '13800000024');
    await page.goto('/binding');
    await fillBinding(page, DEMO_PEOPLE.john, '护照');
    await chooseMethod(page, '通过（开户预留）手机号认证');
    await page.getByRole('button', { name: '获取验证码' }).click();
    await page.getByTestId('verification-error').filter({ hasText: '未查询到开户预留手机号，请重新选择其他验证方式' }).waitFor();
    await page.getByRole('button', { name: '重新选择其他验证方式' }).click();
    await chooseMethod(page, '通过临柜身份认证');
    await page.getByText('对于临柜认证方式，中国结算仅为证券公司总部开启了授权，营业网点受理情况需与证券公司营业部提前确认，请尽量选择其他方式认证。').waitFor();
    await page.getByRole('button', { name: '提交临柜认证申请' }).click();
    await page.getByText('临柜认证申请已提交').waitFor();

    const clerk = await e2e.desktop();
    await logInConsole(clerk, '/broker/', logins, 'witness');
    await clerk.getByRole('menuitem', { name: '临柜身份认证' }).click();
    await clerk.getByTestId('counter-name').fill(DEMO_PEOPLE.john.name);
    await pickOption(clerk, '证件类型', '护照');
    await clerk.getByTestId('counter-id-number').fill(DEMO_PEOPLE.john.idNumber);
    await clerk.getByRole('button', { name: '查询' }).click();
    await clerk.getByRole('cell', { name: '绑定一码通' }).waitFor();
    await clerk.getByRole('button', { name: '确认' }).click();
    // The decision is asked once more (确认临柜身份认证 → 确认): it cannot be undone.
    await clerk.getByRole('dialog').filter({ hasText: '确认临柜身份认证' }).getByRole('button', { name: '确认' }).click();
    await clerk.getByText('已确认该投资者的临柜身份认证').waitFor();

    await confirmAndSee(page, '189900000005');
  });
});
