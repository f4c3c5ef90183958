/**
 * 授权管理 in the staff console (issue 13 item 17): an administrator records an authorisation a
 * holder signed, with the account number typed in groups, finds it by account, and revokes it from
 * today after a confirmation.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { anInvestor, type TestInvestor } from '../../test/registry.ts';
import { useE2e } from '../support/index.ts';
import { aDepositoryAdministrator, signInStaff, type StaffAdministrator } from '../support/staff.ts';

const e2e = useE2e({ database: 'pglite' });

const ADMIN = { username: 'e2e.authorisations', displayName: '测试授权登记员', password: 'Mandate2026ok' };

let admin: StaffAdministrator;
let holder: TestInvestor;

beforeAll(async () => {
  admin = await aDepositoryAdministrator(e2e.ctx, 'E2E-AUT', ADMIN);
  holder = await anInvestor(e2e.ctx, '测试授权人');
});

async function pickDate(page: Page, testId: string, day: string) {
  const input = page.getByTestId(testId);
  await input.click();
  await input.fill(day);
  await input.press('Tab');
}

describe('staff console: 授权管理', () => {
  it('records an authorisation, finds it by account and revokes it after a confirmation', async () => {
    const page = await e2e.desktop();
    await page.goto('/staff/');
    await signInStaff(page, admin);
    await page.getByRole('link', { name: '授权管理' }).click();

    await page.getByRole('button', { name: '登记授权' }).click();
    const dialog = page.getByRole('dialog', { name: '登记授权' });
    await dialog.getByLabel('业务权单号').fill('SQ2026120600001');
    const grouped = `${holder.shAccount.slice(0, 4)} ${holder.shAccount.slice(4)}`;
    await dialog.getByLabel('证券账户').fill(grouped);
    await dialog.getByLabel('授权业务').click();
    await page.locator('.ant-select-dropdown:visible').getByTitle('证券查询', { exact: true }).click();
    await dialog.getByLabel('被授权方').fill('演示测试咨询公司');
    await pickDate(page, 'authorisation-valid-from', '2026-01-01');
    await pickDate(page, 'authorisation-valid-to', '2099-12-31');
    await dialog.getByRole('button', { name: '登记', exact: true }).click();
    await page.getByText('已登记授权 SQ2026120600001').waitFor();

    const row = page.getByRole('row').filter({ hasText: 'SQ2026120600001' });
    await row.getByText('有效').waitFor();
    expect(await row.textContent()).toContain(holder.shAccount);

    await row.getByRole('button', { name: '撤销' }).click();
    await page.getByRole('dialog').filter({ hasText: '撤销授权' }).getByRole('button', { name: '撤销' }).click();
    await page.getByText('已撤销该授权').waitFor();
    await row.getByText('已撤销').waitFor();

    // Found again by its 业务权单号 alone.
    await page.getByLabel('证券账户').fill('');
    await page.getByLabel('业务权单号').fill('SQ2026120600001');
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByRole('row').filter({ hasText: 'SQ2026120600001' }).getByText('已撤销').waitFor();
  });
});
