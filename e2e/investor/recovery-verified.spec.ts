/**
 * 找回密码 of a real-name verified user (manual 000 §一.3.2 desktop; the mobile hall's is in e2e/investor-mobile/):
 * account and captcha, then 用户身份认证信息 (a wrong detail is told
 * “您输入的信息有误，请核对后再试”), then 用户身份认证 in the shared verification panel
 * (通过手机号认证 / 通过银联身份认证; UnionPay codes go to the card's reserved phone, read
 * from the dev inbox), then the new password. On PGlite.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, it } from 'vitest';
import { DEMO_CARDS, DEMO_PEOPLE } from '../../server/src/modules/investor/index.ts';
import { captchaAnswer, readInbox, useE2e } from '../support/index.ts';
import { aVerifiedUser, seedVerificationWorld } from '../support/verification.ts';

const e2e = useE2e({ database: 'pglite', config: { otpResendSeconds: 0 } });
const li = DEMO_PEOPLE.li;

beforeAll(async () => {
  await seedVerificationWorld(e2e.ctx);
});

async function identityDetails(page: Page, idNumber: string, tap: boolean) {
  await page.getByTestId('recovery-identity').waitFor();
  await page.getByLabel('姓名/名称').fill(li.name);
  await page.getByLabel('证件号码').fill(idNumber);
  await page.getByLabel('图形验证码').fill(await captchaAnswer(page));
  const submit = page.getByTestId('recovery-identity-submit');
  await (tap ? submit.tap() : submit.click());
}

describe('找回密码 of a real-name verified user', () => {
  it('desktop: identity details, then 通过银联身份认证 with the card’s code, then the new password (§一.3.2)', async () => {
    await aVerifiedUser(e2e.ctx, '13820000001', li);
    const page = await e2e.desktop();
    await page.goto('/recover');
    await page.getByLabel('手机号', { exact: true }).fill('13820000001');
    await page.getByLabel('图形验证码').fill(await captchaAnswer(page));
    await page.getByRole('button', { name: '下一步' }).click();

    await identityDetails(page, DEMO_PEOPLE.zhang.idNumber, false);
    await page.getByTestId('recovery-identity-error').filter({ hasText: '您输入的信息有误，请核对后再试' }).waitFor();
    await identityDetails(page, li.idNumber, false);

    const panel = page.getByTestId('verification-panel');
    await panel.getByRole('radio', { name: '通过手机号认证' }).waitFor();
    await panel.getByRole('radio', { name: '通过银联身份认证' }).check();
    await page.getByLabel('持卡人姓名').fill(li.name);
    await page.getByLabel('身份证号码').fill(li.idNumber);
    await page.getByLabel('银行卡号').fill(DEMO_CARDS.li);
    await page.getByLabel('银行预留手机号').fill('19900000002');
    const since = new Date();
    await panel.getByRole('button', { name: '获取验证码' }).click();
    await page.getByLabel('手机验证码').fill(await readInbox(page, '19900000002', { since }));
    await panel.getByRole('button', { name: '下一步' }).click();

    await page.getByLabel('新密码', { exact: true }).fill('Renewed2026go');
    await page.getByLabel('确认新密码').fill('Renewed2026go');
    await page.getByRole('button', { name: '完成' }).click();
    await page.getByRole('status').filter({ hasText: '找回密码成功' }).waitFor();
  });
});
