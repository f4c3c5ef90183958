/**
 * Public verification of e-certificates at /verify/: a holdings certificate is issued
 * through the job and mailed (its PDF is downloaded from the dev inbox, as the investor
 * would save the attachment); anyone enters its code and sees it is genuine with what it
 * certifies; the QR link (?code=) opens the same; an unknown code is not found; the
 * original file passes the file check, and a copy with one byte changed fails. On PGlite.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { requestCertificate } from '../../server/src/modules/investor/index.ts';
import { aSecurity, anInvestor, issue } from '../../test/registry.ts';
import { useE2e } from '../support/index.ts';

const e2e = useE2e({ database: 'pglite' });

let code = '';
let pdf = Buffer.alloc(0);

async function waitForMail(email: string): Promise<{ body: string }> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const response = await fetch(`${e2e.baseUrl}/dev/inbox/messages?limit=50`);
    const { items } = (await response.json()) as { items: { recipient: string; body: string }[] };
    const found = items.find((m) => m.recipient === email);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no mail reached ${email}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

beforeAll(async () => {
  const investor = await anInvestor(e2e.ctx, '陈验证');
  const security = await aSecurity(e2e.ctx, { name: '验证科技' });
  await issue(e2e.ctx, security, investor.shAccount, 2600n);
  const email = `verify-${randomUUID().slice(0, 8)}@example.com`;
  await requestCertificate(
    e2e.ctx,
    { investorUserId: randomUUID(), holderId: investor.holderId, email, params: { kind: 'holding_balance', accountNumber: investor.shAccount, date: '2025-06-30' } },
    { requestId: 'e2e-arrange' },
  );
  const mail = await waitForMail(email);
  code = /验证码：([0-9A-Z-]{19})/.exec(mail.body)![1]!;
  const link = /\/dev\/inbox\/files\/dev-inbox\/[0-9a-f-]{36}\.pdf/.exec(mail.body)![0];
  pdf = Buffer.from(await (await fetch(`${e2e.baseUrl}${link}`)).arrayBuffer());
}, 60_000);

describe('/verify/', () => {
  it('shows a certificate as genuine with what it certifies, and checks the file', async () => {
    const page = await e2e.desktop();
    await page.goto('/verify/');
    await page.getByTestId('code-input').fill(code.toLowerCase());
    await page.getByTestId('verify-submit').click();
    await page.getByTestId('genuine').waitFor();
    expect(await page.getByTestId('certificate-kind').textContent()).toBe('证券持有余额');
    expect(await page.getByTestId('certificate-holder').textContent()).toBe('陈**');
    expect(await page.getByTestId('certificate-details').textContent()).toContain('2025-06-30');
    expect(await page.getByTestId('summary-totalHeld').textContent()).toBe('2600');

    const input = page.locator('input[type=file]');
    await input.setInputFiles({ name: 'certificate.pdf', mimeType: 'application/pdf', buffer: pdf });
    await page.locator('[data-testid=file-result][data-genuine=true]').waitFor();
    expect(await page.getByTestId('file-result').textContent()).toContain('文件核验通过');

    const changed = Buffer.from(pdf);
    const at = changed.length >> 1;
    changed[at] = changed[at]! ^ 0x01;
    await input.setInputFiles({ name: 'changed.pdf', mimeType: 'application/pdf', buffer: changed });
    await page.locator('[data-testid=file-result][data-genuine=false]').waitFor();
    expect(await page.getByTestId('file-result').textContent()).toContain('文件已被修改或数字签名无效');
  });

  it('opens from the QR link with the code filled in', async () => {
    const page = await e2e.desktop();
    await page.goto(`/verify/?code=${encodeURIComponent(code)}`);
    await page.getByTestId('genuine').waitFor();
    expect(await page.getByTestId('code-input').inputValue()).toBe(code);
  });

  it('says an unknown code is not found, after exactly one look-up', async () => {
    const page = await e2e.desktop();
    const lookups: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/v1/verify/certificates/')) lookups.push(request.url());
    });
    await page.goto('/verify/');
    await page.getByTestId('code-input').fill('ZZZZ-ZZZZ-ZZZZ-ZZZZ');
    await page.getByTestId('verify-submit').click();
    await page.getByTestId('not-found').waitFor();
    expect(await page.getByTestId('not-found').textContent()).toContain('未找到该验证码对应的电子凭证');
    // Each look-up counts against the per-address limit, so the page must not repeat it.
    expect(lookups).toHaveLength(1);
  });
});
