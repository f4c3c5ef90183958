/**
 * Mobile hall (manual 000 §二.2.2.5–8): 新配股中签情况 from the home page, and
 * under 更多服务 the dividend tax, abandonments, risk-disclosure dates and
 * 授权管理 of a bound 演示张明; a bound 演示李华 has no dividend tax record; an
 * unbound user is asked to bind first. On PGlite, with the demo seeded in the
 * order of `serve --demo` (registry, people, distributions).
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedDistributionDemo, seedRegistryDemo } from '../../server/src/modules/registry/index.ts';
import { bindDirectly } from '../../test/bound-investor.ts';
import { captchaAnswer, useE2e } from '../support/index.ts';
import { PASSWORD, anInvestorUser, seedVerificationWorld } from '../support/verification.ts';

const e2e = useE2e({ database: 'pglite' });
const BOUND = '13700009201';
const UNBOUND = '13700009202';
const NO_TAX = '13700009203';

beforeAll(async () => {
  await seedRegistryDemo(e2e.ctx, { holders: 50 });
  await seedVerificationWorld(e2e.ctx);
  await seedDistributionDemo(e2e.ctx);
  await anInvestorUser(e2e.ctx, BOUND);
  await bindDirectly(e2e.ctx, BOUND, '189900000001');
  await anInvestorUser(e2e.ctx, UNBOUND);
  await anInvestorUser(e2e.ctx, NO_TAX);
  await bindDirectly(e2e.ctx, NO_TAX, '189900000002');
}, 120_000);

async function logInMobile(page: Page, account: string) {
  await page.goto('/m/login');
  await page.getByLabel('账户').fill(account);
  await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
  await page.getByLabel('图形验证码').fill(await captchaAnswer(page));
  await page.getByRole('button', { name: '登录', exact: true }).tap();
  await page.getByTestId('m-home').waitFor();
}

async function open(page: Page, entry: string) {
  await page.goto('/m/');
  await page.getByTestId(entry).tap();
}

describe('mobile hall: corporate-event queries and 授权管理', () => {
  it('shows the bound investor’s rows on each page', async () => {
    const page = await e2e.mobile();
    await logInMobile(page, BOUND);
    await open(page, 'entry-ipo-allotments');
    await page.getByTestId('m-ipo-allotments').getByText('演示示范制造 603629').waitFor();
    await open(page, 'entry-abandonments');
    await page.getByTestId('m-abandonments').getByText('演示绑定转债 113699').waitFor();
    await open(page, 'entry-risk-disclosures');
    await page.getByTestId('m-risk-disclosures').getByText('签署日期：2019-03-11', { exact: false }).waitFor();
    await open(page, 'entry-dividend-tax');
    // 601555 paid 0.28 a share: 1,000 shares held within a month are taxed at 20%, 3,000 held within a year at 10% (half taxable).
    const tax = page.getByTestId('m-dividend-tax');
    for (const text of [
      '持股期限：1个月以内（含1个月）',
      '股权登记日：2025-06-20　数量：1,000',
      '应纳税所得额：280.00　应纳税额：56.00',
      '持股期限：1个月以上至1年（含1年）',
      '股权登记日：2025-06-20　数量：3,000',
      '应纳税所得额：420.00　应纳税额：84.00',
    ])
      await tax.getByText(text, { exact: true }).waitFor();
    expect(await tax.getByText('演示银行 601555', { exact: true }).count()).toBe(2);
    await open(page, 'entry-authorisations');
    await page.getByTestId('m-authorisations').getByText('SQ2026060100004').waitFor();
  });

  it('shows the empty state to a bound investor without dividend tax records', async () => {
    const page = await e2e.mobile();
    await logInMobile(page, NO_TAX);
    await open(page, 'entry-dividend-tax');
    await page.getByTestId('m-dividend-tax').getByTestId('query-empty').waitFor();
  });

  it('asks an unbound investor to bind first', async () => {
    const page = await e2e.mobile();
    await logInMobile(page, UNBOUND);
    await open(page, 'entry-authorisations');
    await page.getByTestId('not-bound-prompt').waitFor();
  });
});
