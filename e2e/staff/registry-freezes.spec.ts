/**
 * 持有查询 → 冻结情况: an administrator of the depository looks up an account with two court
 * orders. The second asked for more than was free: it shows what of it is in force, what
 * waits (轮候冻结数量) with its place in the queue, and the term the order names (冻结期限).
 */
import { beforeAll, describe, it } from 'vitest';
import { freeze } from '../../server/src/modules/registry/index.ts';
import { aSecurity, anInvestor, issue, type TestInvestor } from '../../test/registry.ts';
import { useE2e } from '../support/index.ts';
import { aDepositoryAdministrator, signInStaff, type StaffAdministrator } from '../support/staff.ts';

const e2e = useE2e({ database: 'pglite' });

const ADMIN = { username: 'e2e.freezes', displayName: '测试冻结查询员', password: 'Freezes2026ok' };

let admin: StaffAdministrator;
let holder: TestInvestor;

beforeAll(async () => {
  const meta = { requestId: 'e2e-arrange' };
  const actor = { kind: 'system' } as const;
  admin = await aDepositoryAdministrator(e2e.ctx, 'E2E-FRZ', ADMIN);

  const security = await aSecurity(e2e.ctx, { name: '测试冻结股份' });
  holder = await anInvestor(e2e.ctx, '测试被冻结人');
  await issue(e2e.ctx, security, holder.shAccount, 1000n, '2024-01-02');
  const position = { accountNumber: holder.shAccount, securityId: security.id, authority: '测试市中级人民法院' };
  await freeze(e2e.ctx, meta, actor, { ...position, caseNumber: '(2024)测执1号', quantity: 700n, on: '2024-05-06', months: 36 });
  // 300 are free: they are frozen at once, the other 200 wait behind the first order.
  await freeze(e2e.ctx, meta, actor, { ...position, caseNumber: '(2024)测执2号', quantity: 500n, on: '2024-05-07', months: 6 });
});

describe('staff console: freezes', () => {
  it('shows each order with its part in force, its waiting part and place in the queue, and its term', async () => {
    const page = await e2e.desktop();
    await page.goto('/staff/');
    await signInStaff(page, admin);

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
