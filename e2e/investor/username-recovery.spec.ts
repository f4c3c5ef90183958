/**
 * 忘记用户名 (manual 000 §一.5.1, 实名用户 only): 姓名, 证件号码, 图形验证码 → 提交 →
 * 银联身份认证 (the code from the card's reserved phone, via the dev inbox) → 下一步 →
 * the user name shown. On PGlite.
 */
import { eq } from 'drizzle-orm';
import { beforeAll, describe, it } from 'vitest';
import { investorUsers } from '../../server/src/modules/identity/index.ts';
import { DEMO_CARDS, DEMO_PEOPLE } from '../../server/src/modules/investor/index.ts';
import { captchaAnswer, readInbox, useE2e } from '../support/index.ts';
import { aVerifiedUser, seedVerificationWorld } from '../support/verification.ts';

const e2e = useE2e({ database: 'pglite', config: { otpResendSeconds: 0 } });
const li = DEMO_PEOPLE.li;

beforeAll(async () => {
  await seedVerificationWorld(e2e.ctx);
  await aVerifiedUser(e2e.ctx, '13820000011', li);
  await e2e.ctx.db
    .update(investorUsers)
    .set({ username: 'lihua_e2e' })
    .where(eq(investorUsers.mobileHash, e2e.ctx.vault.lookupHash('mobile', '13820000011')));
});

describe('忘记用户名', () => {
  it('desktop: from the login page, UnionPay, then the user name', async () => {
    const page = await e2e.desktop();
    await page.goto('/login');
    await page.getByRole('link', { name: '忘记用户名' }).click();
    await page.getByText('找回用户名仅支持实名用户操作使用').waitFor();
    await page.getByLabel('姓名').fill(li.name);
    await page.getByLabel('证件号码').fill(li.idNumber);
    await page.getByLabel('图形验证码').fill(await captchaAnswer(page));
    await page.getByRole('button', { name: '提交' }).click();

    const panel = page.getByTestId('verification-panel');
    await panel.waitFor();
    await page.getByLabel('银行卡号').fill(DEMO_CARDS.li);
    await page.getByLabel('银行预留手机号').fill('19900000002');
    const since = new Date();
    await panel.getByRole('button', { name: '获取验证码' }).click();
    await page.getByLabel('手机验证码').fill(await readInbox(page, '19900000002', { since }));
    await panel.getByRole('button', { name: '下一步' }).click();
    await page.getByRole('status').filter({ hasText: '找回用户名完成' }).waitFor();
    await page.getByTestId('username-recovery-result').filter({ hasText: 'lihua_e2e' }).waitFor();
  });
});
