/**
 * Desktop hall (manual 000 §一.2.2.5–8, §一.6): a bound 演示张明 sees his IPO
 * allotments, abandonments, risk-disclosure signings, dividend tax and
 * authorisations (by 业务权单号 and by 更多筛选条件); a bound 演示李华, who
 * sold nothing that received a dividend, sees no tax record; an unbound user
 * is asked to bind first. On PGlite, with the demo seeded in the order of
 * `serve --demo` (registry, people, distributions).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { seedDistributionDemo, seedRegistryDemo } from '../../server/src/modules/registry/index.ts';
import { bindDirectly } from '../../test/bound-investor.ts';
import { useE2e } from '../support/index.ts';
import { anInvestorUser, logInDesktop, seedVerificationWorld } from '../support/verification.ts';

const e2e = useE2e({ database: 'pglite' });
const BOUND = '13700009101';
const UNBOUND = '13700009102';
const NO_TAX = '13700009103';

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

describe('desktop hall: corporate-event queries and 授权管理', () => {
  it('shows the bound investor’s rows on each page', async () => {
    const page = await e2e.desktop();
    await logInDesktop(page, BOUND);
    await page.getByTestId('entry-ipo-allotments').click();
    const ipo = page.getByTestId('ipo-allotments-page');
    await ipo.getByText('演示示范制造').waitFor();
    await ipo.getByText('演示绑定科技').first().waitFor(); // two rows: the valid subscription and its repeat
    await ipo.getByRole('columnheader', { name: '起始配号' }).waitFor();
    // the repeated Shenzhen subscription is listed as invalid, with its reason and no numbers
    await ipo.getByRole('columnheader', { name: '申购状态' }).waitFor();
    await ipo.getByText('无效申购：同一证券账户重复申购').waitFor();
    expect(await ipo.getByTestId('ipo-status').filter({ hasText: '有效' }).count()).toBe(2);
    expect(await ipo.getByText('放弃认购（0）').count()).toBe(1);

    await page.goto('/');
    await page.getByTestId('entry-abandonments').click();
    const abandon = page.getByTestId('abandonments-page');
    await abandon.getByText('演示绑定转债').waitFor();
    await abandon.getByText('上海市场：您目前可以参与网上申购').waitFor();

    await page.goto('/query/risk-disclosures');
    await page.getByTestId('risk-disclosures-page').getByText('2019-03-11').waitFor();

    await page.goto('/query/dividend-tax');
    const tax = page.getByTestId('dividend-tax-page');
    // 601555 paid 0.28 a share: 1,000 shares held within a month are taxed at 20%, 3,000 held within a year at 10% (half taxable).
    const withinMonth = tax.locator('tbody tr.ant-table-row').filter({ hasText: '1个月以内（含1个月）' });
    await withinMonth.waitFor();
    expect(await tax.locator('tbody tr.ant-table-row').count()).toBe(2);
    // money in yuan to the fen, quantities as grouped whole numbers (issue 13 item 10)
    for (const text of ['演示银行', '2025-06-20', '1,000', '280.00', '56.00']) await withinMonth.getByText(text, { exact: true }).waitFor();
    const withinYear = tax.locator('tbody tr.ant-table-row').filter({ hasText: '1个月以上至1年（含1年）' });
    for (const text of ['A99****001', '601555', '3,000', '420.00', '84.00']) await withinYear.getByText(text, { exact: true }).waitFor();
    expect(await tax.getByText(/\.\d{3,}$/).count()).toBe(0);
    // each row keyed by its record's id (the old composite key repeated for twin records)
    const keys = await tax.locator('tbody tr.ant-table-row').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-row-key')));
    expect(keys.every((k) => /^\d+$/.test(k ?? ''))).toBe(true);
    expect(new Set(keys).size).toBe(keys.length);

    await page.goto('/user/authorisations');
    const auth = page.getByTestId('authorisations-page');
    await auth.getByText('SQ2026060100004').waitFor();
    expect(await auth.locator('tbody tr.ant-table-row').count()).toBe(4);
    await auth.getByLabel('业务权单号').fill('SQ2026020300003');
    await auth.getByTestId('query-submit').click();
    await auth.getByText('已撤销').waitFor();
    await expect.poll(() => auth.locator('tbody tr.ant-table-row').count()).toBe(1);
    await auth.getByLabel('业务权单号').fill('');
    await auth.getByTestId('more-filters').click();
    await auth.locator('.ant-form-item').filter({ hasText: '状态' }).locator('.ant-select-selector').click();
    await page.locator('.ant-select-dropdown:visible').getByTitle('已失效', { exact: true }).click();
    await auth.getByTestId('query-submit').click();
    await auth.getByText('SQ2025031000001').waitFor();
    await expect.poll(() => auth.locator('tbody tr.ant-table-row').count()).toBe(1);
  });

  it('shows the empty state to a bound investor without dividend tax records', async () => {
    const page = await e2e.desktop();
    await logInDesktop(page, NO_TAX);
    await page.goto('/query/dividend-tax');
    await page.getByTestId('dividend-tax-page').getByText('所选证券账户在查询期间内没有需要补缴股息红利个人所得税的记录').waitFor();
  });

  it('asks an unbound investor to bind first', async () => {
    const page = await e2e.desktop();
    await logInDesktop(page, UNBOUND);
    await page.goto('/query/ipo-allotments');
    await page.getByTestId('not-bound-prompt').waitFor();
    await page.getByTestId('not-bound-ok').click();
    await page.waitForURL((url) => url.pathname === '/binding');
  });
});
