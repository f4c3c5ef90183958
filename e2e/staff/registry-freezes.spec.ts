/**
 * 持有查询 → 冻结情况: an administrator of the depository looks up an account with two court
 * orders. The second asked for more than was free: it shows what of it is in force, what
 * waits (轮候冻结数量) with its place in the queue, and the term the order names (冻结期限).
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, it } from 'vitest';
import { createOrganisation, createStaffUser, totpCode } from '../../server/src/modules/identity/index.ts';
import { freeze } from '../../server/src/modules/registry/index.ts';
import { aSecurity, anInvestor, issue, type TestInvestor } from '../../test/registry.ts';
import { useE2e } from '../support/index.ts';

const e2e = useE2e({ database: 'pglite' });

const ADMIN = { username: 'e2e.freezes', displayName: '测试冻结查询员', password: 'Freezes2026ok' };

let adminSecret = '';
let holder: TestInvestor;

beforeAll(async () => {
  const meta = { requestId: 'e2e-arrange' };
  const actor = { kind: 'system' } as const;
  const depository = await createOrganisation(e2e.ctx, meta, actor, { kind: 'depository', code: 'E2E-FRZ', name: '测试登记结算有限公司' });
  const { totp } = await createStaffUser(e2e.ctx, meta, actor, { organisationId: depository.id, roles: ['administrator'], ...ADMIN });
  adminSecret = totp.secret;

  const security = await aSecurity(e2e.ctx, { name: '测试冻结股份' });
  holder = await anInvestor(e2e.ctx, '测试被冻结人');
  await issue(e2e.ctx, security, holder.shAccount, 1000n, '2024-01-02');
  const position = { accountNumber: holder.shAccount, securityId: security.id, authority: '测试市中级人民法院' };
  await freeze(e2e.ctx, meta, actor, { ...position, caseNumber: '(2024)测执1号', quantity: 700n, on: '2024-05-06', months: 36 });
  // 300 are free: they are frozen at once, the other 200 wait behind the first order.
  await freeze(e2e.ctx, meta, actor, { ...position, caseNumber: '(2024)测执2号', quantity: 500n, on: '2024-05-07', months: 6 });
});

async function signIn(page: Page) {
  const box = page.getByTestId('staff-login');
  await box.getByLabel('用户名').fill(ADMIN.username);
  await box.getByLabel('密码').fill(ADMIN.password);
  await box.getByLabel('动态口令').fill(totpCode(adminSecret, new Date()));
  await box.getByRole('button', { name: '登录' }).click();
  await page.getByText(`您好，${ADMIN.displayName}`).waitFor();
}

describe('staff console: freezes', () => {
  it('shows each order with its part in force, its waiting part and place in the queue, and its term', async () => {
    const page = await e2e.desktop();
    await page.goto('/staff/');
    await signIn(page);

    await page.getByRole('link', { name: '持有查询' }).click();
    await page.getByLabel('证券账户').fill(holder.shAccount);
    const date = page.getByTestId('holdings-date');
    await date.click();
    await date.fill('2024-05-07');
    await date.press('Enter');
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByRole('tab', { name: '冻结情况' }).click();

    const table = page.getByRole('table');
    for (const header of ['申请冻结数量', '实际冻结数量', '轮候冻结数量', '冻结期限']) await table.getByRole('columnheader', { name: header }).waitFor();
    const first = page.locator('tr', { hasText: '(2024)测执1号' });
    await first.getByText('36 个月').waitFor();
    await first.getByText('生效中').waitFor();
    const second = page.locator('tr', { hasText: '(2024)测执2号' });
    await second.getByText('500', { exact: true }).waitFor();
    await second.getByText('300', { exact: true }).waitFor();
    await second.getByText('200', { exact: true }).waitFor();
    await second.getByText('生效中').waitFor();
    await second.getByText('轮候第 2 位').waitFor();
    await second.getByText('6 个月').waitFor();
    await second.getByText('2024-11-06').waitFor();
  });
});
