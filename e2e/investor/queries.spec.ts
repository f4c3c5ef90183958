/**
 * Desktop investor hall, 查询服务 (manual 000 §一.2.2.1–2.2.4): a bound investor opens
 * 我的一码通, shows the full account numbers after the step-up check (captcha and
 * SMS code from the dev inbox), queries 证券持有余额, 证券持有变更 with its chart and
 * 证券冻结情况; an unbound investor gets the binding prompt. On PGlite.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { accountRef, DEMO_PEOPLE } from '../../server/src/modules/investor/index.ts';
import { captchaAnswer, readInbox, useE2e } from '../support/index.ts';
import { aBoundInvestorUser, anInvestorUser, logInDesktop, seedVerificationWorld } from '../support/verification.ts';

const e2e = useE2e({ database: 'pglite', config: { otpResendSeconds: 0 } });

beforeAll(async () => {
  await seedVerificationWorld(e2e.ctx);
  await aBoundInvestorUser(e2e.ctx, '13800000031', DEMO_PEOPLE.zhang);
  await anInvestorUser(e2e.ctx, '13800000032');
});

/** Picks the 证券账户 by its masked number, as the select shows it (its market follows). */
async function chooseAccount(page: Page, account: string) {
  await page.locator('.ant-form-item').filter({ hasText: '证券账户' }).locator('.ant-select-selector').click();
  await page.locator('.ant-select-dropdown:visible').getByTitle(account, { exact: true }).click();
}

describe('desktop hall: queries of 我的一码通', () => {
  it('shows the accounts, full after the step-up, then holdings, changes with the chart and freezes', async () => {
    const page = await e2e.desktop();
    await logInDesktop(page, '13800000031');
    await page.getByTestId('home-common').getByText('常用功能').waitFor();
    await page.getByTestId('entry-my-account').click();
    await page.getByRole('cell', { name: 'A99****001' }).waitFor();

    await page.getByRole('button', { name: '显示完整证券账户' }).click();
    await page.getByLabel('图形验证码').fill(await captchaAnswer(page));
    const since = new Date();
    await page.getByTestId('sms-code-send').click();
    await page.getByTestId('sms-code-input').fill(await readInbox(page, '13800000031', { since }));
    await page.getByTestId('step-up-submit').click();
    await page.getByTestId('full-numbers-shown').waitFor();
    await page.getByRole('cell', { name: 'A990000001' }).waitFor();

    await page.getByTestId('nav-query').hover();
    await page.getByTestId('nav-holdings').click();
    await page.getByTestId('holdings-page').getByText('证券类别').waitFor();
    await page.getByTestId('query-empty').filter({ hasText: '请选择查询条件后点击“查询”' }).waitFor();
    // Before a query, 获取电子凭证 is unavailable and says why.
    expect(await page.getByRole('button', { name: '获取电子凭证' }).isDisabled()).toBe(true);
    await page.getByTestId('certificate-hint').filter({ hasText: '查询后可获取电子凭证' }).waitFor();
    await chooseAccount(page, 'A99****001');
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByRole('cell', { name: '演示一码通' }).waitFor();
    expect(await page.getByTestId('holdings-table').locator('tbody tr').filter({ hasText: '601990' }).textContent()).toContain('7,000');
    // A date before anything was registered says why the table is empty.
    await page.getByTestId('filter-date').fill('2020-01-02');
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByTestId('query-empty').filter({ hasText: '该日期无持有记录' }).waitFor();
    // 获取电子凭证 goes to the certificate page with this query's parameters.
    const visited: string[] = [];
    page.on('framenavigated', (frame) => visited.push(frame.url()));
    await page.getByRole('button', { name: '获取电子凭证' }).click();
    await expect.poll(() => visited.find((u) => u.includes('/query/certificate'))).toContain(`kind=holding_balance&account=${accountRef(e2e.ctx, 'A990000001')}&market=SH&securityClass=A&date=2020-01-02`);

    await page.goto('/query/changes');
    await chooseAccount(page, 'A99****001');
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByRole('cell', { name: '交易过户' }).waitFor();
    await page.getByRole('cell', { name: '初始登记' }).first().waitFor();
    await page.getByTestId('holding-chart-svg').waitFor();
    expect(await page.getByTestId('holding-chart-svg-point').count()).toBeGreaterThanOrEqual(3);

    await page.goto('/query/freezes');
    await chooseAccount(page, 'A99****001');
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByRole('cell', { name: '演示市中级人民法院' }).waitFor();
    await page.getByText('冻结中').waitFor();
  });

  it('asks an investor who has not bound a unified account to bind one', async () => {
    const page = await e2e.desktop();
    await logInDesktop(page, '13800000032');
    await page.getByTestId('entry-holdings').click();
    await page.getByTestId('not-bound-prompt').waitFor();
    await page.getByTestId('not-bound-ok').click();
    await page.getByTestId('direct-binding-page').waitFor();
  });
});
