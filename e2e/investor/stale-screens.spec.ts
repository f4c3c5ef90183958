/**
 * Desktop investor hall, issue 13 item 15: no screen outlives its moment. After 注销 the
 * person lands on the login page and nothing of theirs is shown to whoever signs in next
 * on the same tab; a certificate 正在出具 turns into 已出具 by itself, and 再次获取 becomes
 * available, without a reload. On PGlite.
 */
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { accountRef, DEMO_PEOPLE } from '../../server/src/modules/investor/index.ts';
import { aSecurity, issue } from '../../test/registry.ts';
import { beijingYesterday } from '../support/certificates.ts';
import { captchaAnswer, readInbox, useE2e } from '../support/index.ts';
import { seen, watchFor } from '../support/stale.ts';
import { aBoundInvestorUser, anInvestorUser, logInDesktop, seedVerificationWorld } from '../support/verification.ts';

const e2e = useE2e({ database: 'pglite' });
const zhang = DEMO_PEOPLE.zhang;
const li = DEMO_PEOPLE.li;

beforeAll(async () => {
  await seedVerificationWorld(e2e.ctx);
  await aBoundInvestorUser(e2e.ctx, '13800000071', { name: zhang.name, idType: 'resident_id', idNumber: zhang.idNumber });
  await anInvestorUser(e2e.ctx, '13800000072');
  await aBoundInvestorUser(e2e.ctx, '13800000073', { name: li.name, idType: 'resident_id', idNumber: li.idNumber }, '189900000002');
  await issue(e2e.ctx, await aSecurity(e2e.ctx, { name: '出具科技' }), 'A990000002', 1200n);
}, 60_000);

async function codeFromInbox(page: Page, recipient: string, label: string, scope: Locator) {
  const since = new Date();
  await scope.getByRole('button', { name: '获取验证码' }).click();
  await scope.getByLabel(label).fill(await readInbox(page, recipient, { since }));
}

describe('desktop hall: nothing stale', () => {
  it('after 注销 the login page is next, and the next person on the tab sees none of the previous one’s data', async () => {
    const page = await e2e.desktop();
    await logInDesktop(page, '13800000071');
    await page.getByTestId('entry-my-account').click();
    await page.getByTestId('my-unified-account').filter({ hasText: '189900000001' }).waitFor();

    await page.getByRole('menuitem', { name: '用户中心' }).hover();
    await page.getByRole('menuitem', { name: '用户资料', exact: true }).click();
    await page.getByRole('button', { name: '注销用户' }).click();
    await page.getByRole('button', { name: '提交注销申请' }).click();
    await page.getByRole('dialog', { name: '账户注销提示' }).getByRole('button', { name: '同意并继续' }).click();
    const step = page.getByTestId('verification-panel');
    await step.getByRole('radio', { name: '通过手机号认证（推荐）' }).check();
    await codeFromInbox(page, '13800000071', '手机验证码', step);
    await step.getByRole('button', { name: '下一步' }).click();
    await page.getByRole('button', { name: '确认注销' }).click();
    await page.getByRole('status').filter({ hasText: '注销成功' }).waitFor();
    await page.getByRole('button', { name: '返回登录页' }).click();
    await page.waitForURL((url) => url.pathname === '/login');

    await watchFor(page, ['189900000001', 'A99****001', '138****0071']);
    await page.getByLabel('账户').fill('13800000072');
    await page.getByLabel('密码', { exact: true }).fill('Demo2026ok');
    await page.getByLabel('图形验证码').fill(await captchaAnswer(page));
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByTestId('home-account').getByText('138****0072').waitFor();
    await page.getByTestId('real-name-status').filter({ hasText: '未实名' }).waitFor();
    await page.getByTestId('entry-my-account').click();
    await page.getByText('您尚未绑定一码通账户，请先绑定一码通。').waitFor();
    expect(await page.getByTestId('my-unified-account').count()).toBe(0);
    expect(await seen(page)).toEqual([]);
  });

  it('正在出具 turns into 已出具 without a reload; 再次获取 waits for it; the polling then stops', async () => {
    const page = await e2e.desktop();
    await logInDesktop(page, '13800000073');
    // The first answers about the request say it is still being issued, as under load.
    let reads = 0;
    await page.route(/\/api\/v1\/investor\/certificates\/[0-9a-f-]{36}$/, async (route) => {
      reads += 1;
      const response = await route.fetch();
      const body = (await response.json()) as { status: string };
      await route.fulfill({ response, json: reads <= 2 ? { ...body, status: 'queued' } : body });
    });
    await page.goto(`/query/certificate?kind=holding_balance&account=${accountRef(e2e.ctx, 'A990000002')}&date=${beijingYesterday()}`);
    await page.getByTestId('certificate-page').waitFor();
    await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
    await page.getByRole('button', { name: '发送凭证至邮箱' }).click();
    await page.getByTestId('cert-email').fill('li.cert@example.test');
    await page.getByRole('button', { name: '下一步' }).click();
    const dialog = page.getByRole('dialog').filter({ hasText: '二次认证' });
    await dialog.getByLabel('图形验证码').fill(await captchaAnswer(page));
    await codeFromInbox(page, '13800000073', '手机验证码', dialog);
    await dialog.getByRole('button', { name: '确认' }).click();

    await page.getByRole('status').filter({ hasText: '获取电子凭证成功' }).waitFor();
    await page.locator('[data-testid="cert-status"][data-status="queued"]').filter({ hasText: '正在出具' }).waitFor();
    expect(await page.getByTestId('cert-again').isDisabled()).toBe(true);
    await page.locator('[data-testid="cert-status"][data-status="issued"]').filter({ hasText: '已出具并发送' }).waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('cert-again').isEnabled()).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    expect(reads).toBeGreaterThanOrEqual(3);

    const settled = reads;
    await page.waitForTimeout(4000);
    expect(reads).toBe(settled);
    await page.getByTestId('cert-again').click();
    await page.getByRole('button', { name: '发送凭证至邮箱' }).waitFor();
  });
});
