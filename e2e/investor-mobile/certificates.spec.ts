/**
 * Mobile hall, manual 000 §二.2.2.9 (获取电子凭证) and §二.2.2.10 (未曾开立证券账户证明):
 * the date and account from the query page, the address, 发送凭证至邮箱, the
 * address confirmed in a dialog, then 认证信息 (二次认证) and success; the PDF
 * arrives signed and its code verifies. The proof: an unverified user sees the
 * manual's message; a verified person without accounts gives an address and its
 * e-mail code, confirms it, passes 二次认证 and obtains it. Proof hours are set
 * around the present (the edges are covered by the integration tests). On PGlite.
 */
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { accountRef, DEMO_PEOPLE } from '../../server/src/modules/investor/index.ts';
import { verifyPdfSignature } from '../../server/src/platform/pdf/sign.ts';
import { pdfText } from '../../test/pdf.ts';
import { aResidentId, aSecurity, issue } from '../../test/registry.ts';
import { attachedPdf, beijingYesterday, proofHoursAroundNow, verifiedAs, waitForMail } from '../support/certificates.ts';
import { anInvestor, logIn } from '../support/investor-users.ts';
import { captchaAnswer, readInbox, useE2e } from '../support/index.ts';
import { seedVerificationWorld } from '../support/verification.ts';

const e2e = useE2e({ database: 'pglite', config: proofHoursAroundNow() });

beforeAll(async () => {
  await seedVerificationWorld(e2e.ctx);
  const security = await aSecurity(e2e.ctx, { name: '移动凭证', market: 'SZ', code: '000899' });
  await issue(e2e.ctx, security, '0199000001', 1800n);
}, 60_000);

async function enterHall(page: Page, account: string, password: string) {
  await page.goto('/m/login');
  await logIn(page, account, password, true);
  await page.waitForURL((url) => url.pathname === '/m/');
}

async function codeFromInbox(page: Page, scope: Locator, recipient: string, label: string) {
  const since = new Date();
  await scope.getByRole('button', { name: '获取验证码' }).tap();
  await scope.getByRole('button', { name: /秒后重新获取/ }).waitFor();
  await scope.getByLabel(label).fill(await readInbox(page, recipient, { since }));
}

async function confirmEmail(page: Page, email: string) {
  const dialog = page.getByRole('dialog').filter({ hasText: '确认邮箱信息' });
  expect(await dialog.getByTestId('confirm-email').textContent()).toContain(email);
  await dialog.getByRole('button', { name: '确认' }).tap();
}

async function passStepUp(page: Page, mobile: string) {
  const popup = page.getByTestId('step-up-popup');
  await popup.waitFor();
  await popup.getByLabel('图形验证码').fill(await captchaAnswer(page));
  await codeFromInbox(page, popup, mobile, '手机验证码');
  await popup.getByRole('button', { name: '确认' }).tap();
}

describe('mobile hall: 获取电子凭证', () => {
  it('confirms the address, asks for 认证信息, and the signed PDF arrives with a code that verifies', async () => {
    const user = await anInvestor(e2e.ctx, { mobile: '15920000001' });
    await verifiedAs(e2e.ctx, user.id, DEMO_PEOPLE.zhang, true);
    const page = await e2e.mobile();
    await enterHall(page, user.mobile!, user.password);
    const date = beijingYesterday();
    await page.goto(`/m/certificate?kind=holding_balance&account=${accountRef(e2e.ctx, '0199000001')}&date=${date}`);
    await page.getByTestId('m-certificate').waitFor();
    expect(await page.getByTestId('cert-date').locator('input').inputValue()).toBe(date);
    const email = 'zhang.mobile@example.test';
    await page.getByTestId('cert-email').locator('input').fill(email);
    await page.getByRole('button', { name: '发送凭证至邮箱' }).tap();
    await confirmEmail(page, email);
    await passStepUp(page, user.mobile!);
    await page.getByRole('status').filter({ hasText: '获取电子凭证成功' }).waitFor();
    const code = (await page.getByTestId('cert-code').textContent())!.trim();

    const mail = await waitForMail(e2e.baseUrl, email);
    const pdf = await attachedPdf(e2e.baseUrl, mail.body);
    const { text } = await pdfText(pdf);
    expect(text).toContain('0199000001');
    expect(text).toContain('移动凭证');
    expect(text).toContain(code);
    expect(verifyPdfSignature(pdf, e2e.ctx.pki.identity().certificate).valid).toBe(true);
    const lookup = await fetch(`${e2e.baseUrl}/api/v1/verify/certificates/${code}`);
    expect(await lookup.json()).toMatchObject({ code, kind: 'holding_balance', date });
  });
});

describe('mobile hall: 未曾开立证券账户证明', () => {
  it('shows an unverified user the message to verify first', async () => {
    const user = await anInvestor(e2e.ctx, { mobile: '15920000002' });
    const page = await e2e.mobile();
    await enterHall(page, user.mobile!, user.password);
    await page.getByTestId('entry-never-opened-proof').tap();
    expect(await page.getByTestId('proof-message').textContent()).toBe('您尚无权限，请先进行实名认证。');
  });

  it('issues the proof to a verified person: address and e-mail code, the dialog, then 认证信息', async () => {
    const user = await anInvestor(e2e.ctx, { mobile: '15920000003' });
    await verifiedAs(e2e.ctx, user.id, { name: '演示孙八', idType: 'resident_id', idNumber: aResidentId('19950505') });
    const page = await e2e.mobile();
    await enterHall(page, user.mobile!, user.password);
    await page.getByTestId('entry-never-opened-proof').tap();
    await page.getByRole('button', { name: '开具证明' }).tap();
    const email = 'sun.proof@example.test';
    await page.getByTestId('proof-email').locator('input').fill(email);
    await codeFromInbox(page, page.locator('form').first(), email, '邮箱验证码');
    await page.getByRole('button', { name: '下一步' }).tap();
    await confirmEmail(page, email);
    await passStepUp(page, user.mobile!);
    await page.getByRole('status').filter({ hasText: '获取凭证成功' }).waitFor();
    const code = (await page.getByTestId('cert-code').textContent())!.trim();
    const { text } = await pdfText(await attachedPdf(e2e.baseUrl, (await waitForMail(e2e.baseUrl, email)).body));
    expect(text).toContain('演示孙八');
    expect(text).toContain(code);
  });
});
