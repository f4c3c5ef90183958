/**
 * Staff consoles: an administrator of the depository signs in at /staff/ with user name,
 * password and authenticator code (a wrong code is refused on the page), creates a broker
 * and one of its witnesses (the enrolment QR code and secret are shown), and finds the
 * sign-in and both creations in 审计日志. The new witness then signs in at /broker/ with
 * the secret the page showed. On PostgreSQL.
 */
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, createStaffUser, totpCode } from '../../server/src/modules/identity/index.ts';
import { useE2e } from '../support/index.ts';

const e2e = useE2e({ database: 'postgres' });

const ADMIN = { username: 'e2e.admin', displayName: '测试管理员', password: 'Console2026ok' };
const BROKER = { code: 'E2E-BRK', name: '测试证券股份有限公司' };
const WITNESS = { username: 'e2e.witness', displayName: '测试见证人员', password: 'Witness2026ok' };

let adminSecret = '';

beforeAll(async () => {
  const meta = { requestId: 'e2e-arrange' };
  const actor = { kind: 'system' } as const;
  const depository = await createOrganisation(e2e.ctx, meta, actor, { kind: 'depository', code: 'E2E-CSD', name: '测试登记结算有限公司' });
  const { totp } = await createStaffUser(e2e.ctx, meta, actor, { organisationId: depository.id, roles: ['administrator'], ...ADMIN });
  adminSecret = totp.secret;
});

/** A 6-digit code the authenticator does not show now (nor 30 s either side). */
function wrongCode(secret: string): string {
  const now = Date.now();
  const valid = new Set([-1, 0, 1].map((step) => totpCode(secret, new Date(now + step * 30_000))));
  let code = totpCode(secret, new Date(now - 3_600_000));
  while (valid.has(code)) code = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
  return code;
}

async function signIn(page: Page, user: { username: string; password: string }, code: string) {
  const box = page.getByTestId('staff-login');
  await box.getByLabel('用户名').fill(user.username);
  await box.getByLabel('密码').fill(user.password);
  await box.getByLabel('动态口令').fill(code);
  await box.getByRole('button', { name: '登录' }).click();
}

/** Picks an entry of an antd Select: open it by its label, then click the option. */
async function choose(scope: Locator, label: string, option: string, search?: string) {
  const select = scope.getByLabel(label);
  await select.click();
  if (search) await select.fill(search);
  await scope.page().locator('.ant-select-dropdown:visible').getByTitle(option, { exact: true }).click();
}

describe('staff consoles: sign-in, users, audit', () => {
  it('signs the administrator in with the authenticator code, creates a broker witness, and audits it', async () => {
    const page = await e2e.desktop();
    await page.goto('/staff/');
    await page.getByText('工作人员登录').waitFor();
    await page.getByText('存管业务后台').first().waitFor();

    // A wrong authenticator code: refused, with the reason on the page, and the code field emptied.
    await signIn(page, ADMIN, wrongCode(adminSecret));
    await page.getByRole('alert').filter({ hasText: '账户或密码错误' }).waitFor();
    expect(await page.getByLabel('动态口令').inputValue()).toBe('');

    // The right one, from the authenticator's secret.
    await signIn(page, ADMIN, totpCode(adminSecret, new Date()));
    await page.getByText(`您好，${ADMIN.displayName}`).waitFor();
    await page.getByTestId('staff-organisation').filter({ hasText: '测试登记结算有限公司' }).waitFor();

    // 机构管理 → 新建机构: a broker.
    await page.getByRole('link', { name: '机构管理' }).click();
    await page.getByRole('button', { name: '新建机构' }).click();
    const orgDialog = page.getByRole('dialog', { name: '新建机构' });
    await choose(orgDialog, '机构类型', '证券公司');
    await orgDialog.getByLabel('机构代码').fill(BROKER.code);
    await orgDialog.getByLabel('机构名称').fill(BROKER.name);
    await orgDialog.getByRole('button', { name: '保存' }).click();
    await page.getByText(`已创建机构“${BROKER.name}”`).waitFor();
    await page.getByRole('row').filter({ hasText: BROKER.code }).filter({ hasText: BROKER.name }).waitFor();

    // 用户管理 → 新建用户: a witness of that broker; the authenticator enrolment is shown once.
    await page.getByRole('link', { name: '用户管理' }).click();
    await page.getByRole('button', { name: '新建用户' }).click();
    const drawer = page.getByRole('dialog', { name: '新建用户' });
    await choose(drawer, '所属机构', `${BROKER.name}（${BROKER.code}）`, '测试证券');
    await drawer.getByLabel('用户名').fill(WITNESS.username);
    await drawer.getByLabel('姓名').fill(WITNESS.displayName);
    await drawer.getByLabel('初始密码').fill(WITNESS.password);
    await drawer.getByRole('checkbox', { name: '见证人员' }).check();
    await drawer.getByRole('button', { name: '创建' }).click();

    const enrolment = page.getByRole('dialog', { name: '用户已创建：请绑定身份验证器' });
    await enrolment.getByRole('img', { name: '身份验证器二维码' }).waitFor();
    expect(await enrolment.getByRole('img', { name: '身份验证器二维码' }).getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    await enrolment.getByText(`${WITNESS.displayName}（${WITNESS.username}）`).waitFor();
    const witnessSecret = ((await enrolment.getByTestId('totp-secret').textContent()) ?? '').trim();
    expect(witnessSecret).toMatch(/^[A-Z2-7]{16,}$/);
    await enrolment.getByRole('button', { name: '已完成绑定，关闭' }).click();
    await enrolment.waitFor({ state: 'hidden' });
    await page.getByRole('row').filter({ hasText: WITNESS.username }).filter({ hasText: BROKER.name }).waitFor();

    // 审计日志: the sign-in, the failed attempt and both creations.
    await page.getByRole('link', { name: '审计日志' }).click();
    const entries = page.getByRole('row');
    for (const action of ['staff.logged_in', 'staff.login_failed', 'organisation.created', 'staff.created']) {
      await entries
        .filter({ has: page.getByText(action, { exact: true }) })
        .first()
        .waitFor();
    }
    // The status line: the hash chain over every entry verifies.
    await page.getByTestId('audit-chain-status').filter({ hasText: '审计链完整' }).waitFor();
    // The newest creation is the witness: its details name them.
    const created = entries.filter({ has: page.getByText('staff.created', { exact: true }) }).first();
    await created.getByRole('button', { name: /展开/ }).click();
    await page.getByTestId('audit-details').filter({ hasText: WITNESS.username }).waitFor();

    // The witness signs in at the broker console with the secret the page showed.
    const broker = await e2e.desktop();
    await broker.goto('/broker/');
    await broker.getByText('开户代理业务平台').first().waitFor();
    await signIn(broker, WITNESS, totpCode(witnessSecret, new Date()));
    await broker.getByText(`您好，${WITNESS.displayName}`).waitFor();
    await broker.getByTestId('staff-organisation').filter({ hasText: BROKER.name }).waitFor();
    await broker.getByTestId('staff-roles').getByText('见证人员').waitFor();
  });
});
