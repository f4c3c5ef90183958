/**
 * 登记簿: an administrator of the depository uploads a balanced settlement batch at
 * /staff/ (结算数据导入), sees it applied with its progress at 100%, finds the buyer's
 * new holding in 持有查询 at the settlement date, then uploads a batch naming an
 * unknown account and sees it rejected with the line and the reason; then imports a day of
 * closing prices (收盘价导入) and sees the same market and day refused a second time. On PostgreSQL.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { aSecurity, anInvestor, issue, type TestInvestor } from '../../test/registry.ts';
import { useE2e } from '../support/index.ts';
import { aDepositoryAdministrator, signInStaff, type StaffAdministrator } from '../support/staff.ts';

const e2e = useE2e({ database: 'postgres' });

const ADMIN = { username: 'e2e.registrar', displayName: '测试登记管理员', password: 'Registry2026ok' };
const HEADER = 'account_number,market,security_code,business_type,category,quantity,effective_on,reference';
const SETTLED_ON = '2024-05-06';

let admin: StaffAdministrator;
let security: { code: string; market: string; name: string };
let seller: TestInvestor;
let buyer: TestInvestor;

beforeAll(async () => {
  admin = await aDepositoryAdministrator(e2e.ctx, 'E2E-REG', ADMIN);

  const name = '测试登记股份';
  security = { ...(await aSecurity(e2e.ctx, { name })), name };
  seller = await anInvestor(e2e.ctx, '测试卖方');
  buyer = await anInvestor(e2e.ctx, '测试买方');
  await issue(e2e.ctx, security, seller.shAccount, 1_000_000n, '2024-01-02');
});

async function uploadBatch(page: Page, batchId: string, fileName: string, lines: string[], header = HEADER) {
  await page.getByLabel('批次号').fill(batchId);
  await page.locator('input[type=file]').setInputFiles({ name: fileName, mimeType: 'text/csv', buffer: Buffer.from([header, ...lines].join('\n') + '\n') });
  await page.getByRole('button', { name: '上传并导入' }).click();
  await page.getByText(`已提交批次 ${batchId}`).waitFor();
}

/** Types a day into an antd DatePicker and confirms it. */
async function pickDay(page: Page, testId: string, day: string) {
  const input = page.getByTestId(testId);
  await input.click();
  await input.fill(day);
  await input.press('Enter');
}

describe('staff console: registry', () => {
  it('imports a settlement batch, shows the new holding, and lists the lines of a rejected batch', async () => {
    const page = await e2e.desktop();
    await page.goto('/staff/');
    await signInStaff(page, admin);

    // 结算数据导入: a balanced trade from the seller to the buyer.
    await page.getByRole('link', { name: '结算数据导入' }).click();
    expect(await page.getByTestId('registry-import-columns').textContent()).toContain(HEADER);
    await uploadBatch(page, 'E2E-20240506', 'settlement-20240506.csv', [
      `${seller.shAccount},SH,${security.code},trade_settlement,tradable,-400000,${SETTLED_ON},T-1`,
      `${buyer.shAccount},SH,${security.code},trade_settlement,tradable,400000,${SETTLED_ON},T-1`,
    ]);
    const applied = page.getByTestId('import-row-E2E-20240506');
    await applied.getByText('已入账 2 条').waitFor();
    await applied.getByText('settlement-20240506.csv').waitFor();
    expect(await applied.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
    await applied.getByText('100%').waitFor();

    // 持有查询: the buyer holds the shares at the settlement date.
    await page.getByRole('link', { name: '持有查询' }).click();
    await page.getByLabel('证券账户').fill(buyer.shAccount);
    await pickDay(page, 'holdings-date', SETTLED_ON);
    await page.getByRole('button', { name: '查询' }).click();
    const holding = page.getByTestId(`holding-row-${security.code}`);
    await holding.getByText(security.name).waitFor();
    await holding.getByText('400,000', { exact: true }).waitFor();
    // The day before, the buyer held nothing, and the page says so.
    await pickDay(page, 'holdings-date', '2024-05-05');
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByText('该账户在 2024-05-05 日终无持有').waitFor();

    // A batch naming an account that does not exist: rejected whole, with its line and reason.
    await page.getByRole('link', { name: '结算数据导入' }).click();
    await uploadBatch(page, 'E2E-20240507', 'settlement-20240507.csv', [
      `${buyer.shAccount},SH,${security.code},trade_settlement,tradable,-100,2024-05-07,`,
      `A000000000,SH,${security.code},trade_settlement,tradable,100,2024-05-07,`,
    ]);
    const rejected = page.getByTestId('import-row-E2E-20240507');
    await rejected.getByText('已拒绝').waitFor();
    await rejected.getByRole('button', { name: /展开/ }).click();
    const line = page.getByTestId('rejected-lines').getByTestId('rejected-line-3');
    await line.getByText('证券账户不存在').waitFor();
    await line.getByText('UNKNOWN_ACCOUNT').waitFor();

    // Nothing of the rejected batch was applied: the buyer still holds 400,000 on the 7th.
    // The account is typed as a Chinese input method gives it: full width, lower case, in groups (issue 13).
    await page.getByRole('link', { name: '持有查询' }).click();
    const typed = `${buyer.shAccount.slice(0, 4)} ${buyer.shAccount.slice(4)}`.toLowerCase().replace(/[0-9a-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    await page.getByLabel('证券账户').pressSequentially(typed);
    expect(await page.getByLabel('证券账户').inputValue()).toBe(buyer.shAccount);
    await pickDay(page, 'holdings-date', '2024-05-07');
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByTestId(`holding-row-${security.code}`).getByText('400,000', { exact: true }).waitFor();

    // 收盘价导入: a day of closing prices, once per market and day (one sign-in: a TOTP code is used once).
    await page.getByRole('link', { name: '收盘价导入' }).click();
    const header = 'market,trading_day,security_code,close_price';
    expect(await page.getByTestId('registry-import-columns').textContent()).toContain(header);
    await uploadBatch(page, 'E2E-CLOSE-20240506', 'close-sh-20240506.csv', [`SH,2024-05-06,${security.code},12.34`, 'SH,2024-05-06,600000,7.5'], header);
    await page.getByTestId('import-row-E2E-CLOSE-20240506').getByText('已入账 2 条').waitFor();
    // the same market and day again, under another batch id: refused, naming the line
    await uploadBatch(page, 'E2E-CLOSE-20240506-B', 'close-sh-20240506-b.csv', [`SH,2024-05-06,${security.code},12.35`], header);
    const refused = page.getByTestId('import-row-E2E-CLOSE-20240506-B');
    await refused.getByText('已拒绝').waitFor();
    await refused.getByRole('button', { name: /展开/ }).click();
    await page.getByTestId('rejected-lines').getByTestId('rejected-line-2').getByText('该市场该交易日的收盘价已导入').waitFor();
  });
});
