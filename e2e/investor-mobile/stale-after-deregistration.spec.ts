/**
 * Mobile hall at a phone's size, issue 13 item 15: after 注销用户 the person lands on the
 * login page, and whoever signs in next on the same tab sees nothing of the previous
 * person — not their unified account, not their number. On PGlite.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE } from '../../server/src/modules/investor/index.ts';
import { readInbox, useE2e } from '../support/index.ts';
import { seen, watchFor } from '../support/stale.ts';
import { logIn } from '../support/investor-users.ts';
import { aBoundInvestorUser, anInvestorUser, PASSWORD, seedVerificationWorld } from '../support/verification.ts';

const e2e = useE2e({ database: 'pglite' });
const zhang = DEMO_PEOPLE.zhang;
const LEAVING = '13800000081';
const NEXT = '13800000082';

beforeAll(async () => {
  await seedVerificationWorld(e2e.ctx);
  await aBoundInvestorUser(e2e.ctx, LEAVING, { name: zhang.name, idType: 'resident_id', idNumber: zhang.idNumber });
  await anInvestorUser(e2e.ctx, NEXT);
});

describe('mobile hall: nothing stale after 注销', () => {
  it('lands on the login page, and the next person on the tab sees none of the previous one’s data', async () => {
    const page = await e2e.mobile();
    await page.goto('/m/login');
    await logIn(page, LEAVING, PASSWORD, true);
    await page.waitForURL((url) => url.pathname === '/m/');
    await page.getByTestId('entry-my-account').tap();
    await page.getByTestId('my-unified-account').filter({ hasText: '189900000001' }).waitFor();
    await page.goBack();
    await page.getByTestId('open-profile').tap();
    await page.waitForURL('**/m/profile');

    await page.getByText('注销用户').tap();
    await page.waitForURL('**/m/deregister');
    await page.getByRole('checkbox', { name: /我已阅读并同意/ }).check();
    await page.getByRole('button', { name: '提交注销申请' }).tap();
    await page.getByRole('dialog').filter({ hasText: '账户注销提示' }).getByRole('button', { name: '同意并继续' }).tap();
    // Bound, the user may prove it is them by any method of the holder: the recommended one.
    await page.getByText('通过手机号认证（推荐）').tap();
    const since = new Date();
    await page.getByRole('button', { name: '获取验证码' }).tap();
    await page.getByLabel('手机验证码').fill(await readInbox(page, LEAVING, { since }));
    await page.getByRole('button', { name: '下一步' }).tap();
    await page.getByRole('button', { name: '确认注销' }).tap();
    await page.getByRole('status').filter({ hasText: '注销成功' }).waitFor();
    await page.getByRole('button', { name: '返回登录页' }).tap();
    await page.waitForURL((url) => url.pathname === '/m/login');

    await watchFor(page, ['189900000001', 'A99****001', '138****0081']);
    await logIn(page, NEXT, PASSWORD, true);
    await page.waitForURL((url) => url.pathname === '/m/');
    await page.getByText('138****0082').first().waitFor();
    await page.getByTestId('entry-my-account').tap();
    await page.getByText('您尚未绑定一码通账户，请先绑定一码通。').waitFor();
    expect(await page.getByTestId('my-unified-account').count()).toBe(0);
    expect(await seen(page)).toEqual([]);
  });
});
