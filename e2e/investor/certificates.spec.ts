/**
 * Desktop investor hall, manual 000 §一.2.2.9 (获取电子凭证) and §一.2.2.10
 * (未曾开立证券账户证明): a bound investor asks for a holdings certificate with
 * the parameters of the query page, passes 二次认证 (codes from the dev inbox),
 * and the signed PDF arrives by e-mail; its code is genuine on /verify/. The
 * proof: an unverified user is told to verify first; a verified person without
 * accounts obtains it. The e2e server runs on the real clock, so its proof hours
 * are set around the present; the 6:00/21:00 edges are covered by the
 * integration tests with a fixed clock. On PGlite.
 */
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { accountRef, DEMO_CARDS, DEMO_PEOPLE } from '../../server/src/modules/investor/index.ts';
import { verifyPdfSignature } from '../../server/src/platform/pdf/sign.ts';
import { pdfText } from '../../test/pdf.ts';
import { aSecurity, issue } from '../../test/registry.ts';
import { attachedPdf, beijingYesterday, proofHoursAroundNow, verifiedAs, waitForMail } from '../support/certificates.ts';
import { anInvestor, logIn } from '../support/investor-users.ts';
import { captchaAnswer, readInbox, useE2e } from '../support/index.ts';
import { logInDesktop, seedVerificationWorld } from '../support/verification.ts';

const e2e = useE2e({ database: 'pglite', config: proofHoursAroundNow() });

beforeAll(async () => {
  await seedVerificationWorld(e2e.ctx);
  const security = await aSecurity(e2e.ctx, { name: '凭证科技' });
  await issue(e2e.ctx, security, 'A990000001', 3200n);
}, 60_000);

async function enterHall(page: Page, account: string, password: string) {
  await page.goto('/login');
  await logIn(page, account, password);
  await page.waitForURL((url) => url.pathname === '/');
}

async function codeFromInbox(page: Page, scope: Locator, recipient: string, label: string) {
  const since = new Date();
  await scope.getByRole('button', { name: '获取验证码' }).click();
  await scope.getByRole('button', { name: /秒后重新获取/ }).waitFor();
  await scope.getByLabel(label).fill(await readInbox(page, recipient, { since }));
}

async function passStepUp(page: Page, mobile: string) {
  const dialog = page.getByRole('dialog').filter({ hasText: '二次认证' });
  await dialog.getByLabel('图形验证码').fill(await captchaAnswer(page));
  await codeFromInbox(page, dialog, mobile, '手机验证码');
  await dialog.getByRole('button', { name: '确认' }).click();
}

describe('desktop hall: 获取电子凭证', () => {
  it('sends a holdings certificate after 二次认证; the signed PDF arrives and its code verifies', async () => {
    const user = await anInvestor(e2e.ctx, { mobile: '13820000001' });
    await verifiedAs(e2e.ctx, user.id, DEMO_PEOPLE.zhang, true);
    const page = await e2e.desktop();
    await enterHall(page, user.mobile!, user.password);
    const date = beijingYesterday();
    await page.goto(`/query/certificate?kind=holding_balance&account=${accountRef(e2e.ctx, 'A990000001')}&date=${date}`);
    await page.getByTestId('certificate-page').waitFor();
    expect(await page.getByTestId('cert-date').inputValue()).toBe(date);
    expect(await page.getByRole('radio', { name: '持有余额' }).isChecked()).toBe(true);

    await page.getByRole('button', { name: '发送凭证至邮箱' }).click();
    const email = 'zhang.cert@example.test';
    await page.getByTestId('cert-email').fill(email);
    await page.getByRole('button', { name: '下一步' }).click();
    await passStepUp(page, user.mobile!);
    await page.getByRole('status').filter({ hasText: '获取电子凭证成功' }).waitFor();
    const code = (await page.getByTestId('cert-code').textContent())!.trim();
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    await page.locator('[data-testid="cert-status"][data-status="issued"]').waitFor({ timeout: 30_000 });

    const mail = await waitForMail(e2e.baseUrl, email);
    expect(mail.body).toContain(code);
    const pdf = await attachedPdf(e2e.baseUrl, mail.body);
    const { text } = await pdfText(pdf);
    expect(text).toContain('证券持有余额电子凭证');
    expect(text).toContain('A990000001');
    expect(text).toContain('凭证科技');
    expect(text).toContain(code);
    expect(verifyPdfSignature(pdf, e2e.ctx.pki.identity().certificate).valid).toBe(true);

    await page.goto(`/verify/?code=${encodeURIComponent(code)}`);
    await page.getByTestId('genuine').waitFor();
    expect(await page.getByTestId('certificate-kind').textContent()).toBe('证券持有余额');
  });
});

describe('desktop hall: 未曾开立证券账户证明', () => {
  it('tells an unverified user to verify the real name first, from the 常用功能 tile', async () => {
    const user = await anInvestor(e2e.ctx, { mobile: '13820000002' });
    const page = await e2e.desktop();
    await enterHall(page, user.mobile!, user.password);
    await page.getByTestId('entry-never-opened-proof').click();
    expect(await page.getByTestId('proof-message').textContent()).toBe('您尚无权限，请先进行实名认证。');
    await page.getByRole('button', { name: '去实名认证' }).click();
    await page.waitForURL('**/real-name');
  });

  it('issues the proof to the demo person without securities accounts, verified by UnionPay as the demo notes say', async () => {
    // The demo's way (demoNotes): sign in as 19900000003, 去实名 with 演示王新's card, then the proof.
    const person = DEMO_PEOPLE.newcomer;
    const page = await e2e.desktop();
    await logInDesktop(page, '19900000003');
    await page.getByRole('button', { name: '登录并完善客户资料' }).click();
    await page.getByText('银联身份认证').first().waitFor();
    await page.getByLabel('持卡人姓名').fill(person.name);
    await page.getByLabel('身份证号码').fill(person.idNumber);
    await page.getByLabel('银行卡号').fill(DEMO_CARDS.newcomer);
    await page.getByLabel('银行预留手机号').fill('19900000003');
    const since = new Date();
    await page.getByRole('button', { name: '获取验证码' }).click();
    await page.getByLabel('手机验证码').fill(await readInbox(page, '19900000003', { since }));
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByText('实名认证成功').waitFor();
    await page.goto('/');
    await page.getByTestId('entry-never-opened-proof').click();
    await page.getByRole('button', { name: '开具证明' }).click();
    const email = 'wang.proof@example.test';
    await page.getByTestId('proof-email').fill(email);
    await codeFromInbox(page, page.locator('form[id="proof-email"]'), email, '邮箱验证码');
    await page.getByRole('button', { name: '下一步' }).click();
    await passStepUp(page, '19900000003');
    await page.getByRole('status').filter({ hasText: '获取凭证成功' }).waitFor();
    const code = (await page.getByTestId('cert-code').textContent())!.trim();
    const mail = await waitForMail(e2e.baseUrl, email);
    const { text } = await pdfText(await attachedPdf(e2e.baseUrl, mail.body));
    expect(text).toContain(person.name);
    expect(text).toContain(code);
  });
});
