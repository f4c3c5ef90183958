/** Investor users arranged through the server's context, for specs that start signed in. */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import type { AppContext } from '../../server/src/context.ts';
import { investorUsers } from '../../server/src/modules/identity/index.ts';
import { captchaAnswer } from './inbox.ts';

export interface ArrangedInvestor {
  id: string;
  mobile?: string;
  email?: string;
  password: string;
}

/** An active investor user with the given mobile number and/or e-mail (an e-mail-only user registered by e-mail). */
export async function anInvestor(ctx: AppContext, input: { mobile?: string; email?: string; password?: string; username?: string }): Promise<ArrangedInvestor> {
  const id = randomUUID();
  const password = input.password ?? 'Meadow2026go';
  const now = ctx.clock.now();
  await ctx.db.insert(investorUsers).values({
    id,
    username: input.username ?? null,
    mobileEnc: input.mobile ? ctx.vault.encrypt(input.mobile) : null,
    mobileHash: input.mobile ? ctx.vault.lookupHash('mobile', input.mobile) : null,
    emailEnc: input.email ? ctx.vault.encrypt(input.email) : null,
    emailHash: input.email ? ctx.vault.lookupHash('email', input.email) : null,
    passwordHash: await ctx.passwords.hash(password),
    status: 'active',
    passwordChangedAt: now,
    createdAt: now,
  });
  return { id, mobile: input.mobile, email: input.email, password };
}

/**
 * 账户 + 密码 + 图形验证码 → 登录, on the desktop or the mobile login page; resolves with the
 * HTTP status once the answer is in, so the next step never reads the alert of an earlier try.
 */
export async function logIn(page: Page, account: string, password: string, mobile = false): Promise<number> {
  await page.getByLabel('账户').fill(account);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByLabel('图形验证码').fill(await captchaAnswer(page));
  const button = page.getByRole('button', { name: '登录', exact: true });
  const [answer] = await Promise.all([page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/investor/login' && r.request().method() === 'POST'), mobile ? button.tap() : button.click()]);
  return answer.status();
}
