/**
 * 通过银联身份认证 after the bank refuses the card (manual 000 §一.2.1.1 (3)-(5)): 下一步
 * shows the bank's answer again, never 请先选择身份认证方式; the chosen method stays, the
 * person retries with the right details or uses 重新选择其他验证方式. On PGlite.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CARDS, DEMO_PEOPLE } from '../../server/src/modules/investor/index.ts';
import { readInbox, useE2e } from '../support/index.ts';
import { anInvestorUser, logInDesktop, seedVerificationWorld } from '../support/verification.ts';

const e2e = useE2e({ database: 'pglite', config: { otpResendSeconds: 0 } });
const li = DEMO_PEOPLE.li;
const MISMATCH = '银联身份认证失败：持卡人姓名、身份证号码、银行卡号与银行预留手机号不一致';

beforeAll(async () => {
  await seedVerificationWorld(e2e.ctx);
});

/** 绑定一码通 for 演示李华's A990000003, up to 用户身份认证 with UnionPay chosen and the card filled in. */
async function toUnionPay(page: Page, mobile: string, bankPhone: string) {
  await anInvestorUser(e2e.ctx, mobile);
  await logInDesktop(page, mobile);
  await page.goto('/binding');
  await page.getByTestId('direct-binding-page').waitFor();
  await page.getByLabel('姓名/名称').fill(li.name);
  await page.getByLabel('证件号码').fill(li.idNumber);
  await page.getByRole('button', { name: '下一步' }).click();
  await page.getByTestId('bind-securities-account').fill('A990000003');
  await page.getByTestId('account-next').click();
  await page.getByTestId('verification-panel').waitFor();
  await page.getByRole('radio', { name: '通过银联身份认证' }).check();
  await page.getByLabel('持卡人姓名').fill(li.name);
  await page.getByLabel('身份证号码').fill(li.idNumber);
  await page.getByLabel('银行卡号').fill(DEMO_CARDS.li);
  await page.getByLabel('银行预留手机号').fill(bankPhone);
}

describe('desktop hall: a refused UnionPay check', () => {
  it('下一步 after the refusal repeats the bank’s answer with UnionPay still chosen; corrected, the card passes', async () => {
    const page = await e2e.desktop();
    await toUnionPay(page, '13800000051', '19900000099');
    await page.getByRole('button', { name: '获取验证码' }).click();
    const error = page.getByTestId('verification-error');
    await error.filter({ hasText: MISMATCH }).waitFor();
    await page.getByTestId('method-current').filter({ hasText: '通过银联身份认证' }).waitFor();

    await page.getByLabel('手机验证码').fill('123456');
    const [answer] = await Promise.all([page.waitForResponse((r) => /\/api\/v1\/verifications\/[^/]+\/unionpay$/.test(new URL(r.url()).pathname)), page.getByRole('button', { name: '下一步' }).click()]);
    expect((await answer.json()).code).toBe('UNIONPAY_MISMATCH');
    await error.filter({ hasText: MISMATCH }).waitFor();
    expect(await page.getByText('请先选择身份认证方式').count()).toBe(0);
    expect(await page.getByTestId('method-current').textContent()).toContain('通过银联身份认证');

    await page.getByLabel('银行预留手机号').fill('19900000002');
    const since = new Date();
    await page.getByRole('button', { name: /获取验证码|重新获取/ }).click();
    await page.getByLabel('手机验证码').fill(await readInbox(page, '19900000002', { since }));
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByText('绑定信息确认').waitFor();
    expect(await page.getByTestId('confirm-account').textContent()).toBe('189900000003');
  });

  it('after the refusal 重新选择其他验证方式 offers every method again', async () => {
    const page = await e2e.desktop();
    await toUnionPay(page, '13800000052', '19900000099');
    await page.getByRole('button', { name: '获取验证码' }).click();
    await page.getByTestId('verification-error').filter({ hasText: MISMATCH }).waitFor();
    await page.getByRole('button', { name: '重新选择其他验证方式' }).click();
    await page.getByRole('radio', { name: '通过（开户预留）手机号认证' }).check();
    const since = new Date();
    await page.getByRole('button', { name: '获取验证码' }).click();
    await page.getByText('验证码已发送至开户预留手机号 199****0012').waitFor();
    await page.getByLabel('手机验证码').fill(await readInbox(page, '19900000012', { since }));
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByText('绑定信息确认').waitFor();
  });
});
