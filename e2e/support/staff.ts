/** A depository administrator arranged through the services, and the console's sign-in as a person does it. */
import type { Page } from 'playwright-core';
import type { AppContext } from '../../server/src/context.ts';
import { createOrganisation, createStaffUser, totpCode } from '../../server/src/modules/identity/index.ts';

export interface StaffAdministrator {
  username: string;
  displayName: string;
  password: string;
  /** The authenticator secret, for the 动态口令. */
  secret: string;
}

/** An administrator of a new depository organisation (its code must be unique in the spec's database). */
export async function aDepositoryAdministrator(ctx: AppContext, organisationCode: string, user: Omit<StaffAdministrator, 'secret'>): Promise<StaffAdministrator> {
  const meta = { requestId: 'e2e-arrange' };
  const actor = { kind: 'system' } as const;
  const depository = await createOrganisation(ctx, meta, actor, { kind: 'depository', code: organisationCode, name: '测试登记结算有限公司' });
  const { totp } = await createStaffUser(ctx, meta, actor, { organisationId: depository.id, roles: ['administrator'], ...user });
  return { ...user, secret: totp.secret };
}

/** 用户名 + 密码 + 动态口令 → 登录 on the staff login page, then waits for the greeting. */
export async function signInStaff(page: Page, user: StaffAdministrator) {
  const box = page.getByTestId('staff-login');
  await box.getByLabel('用户名').fill(user.username);
  await box.getByLabel('密码').fill(user.password);
  await box.getByLabel('动态口令').fill(totpCode(user.secret, new Date()));
  await box.getByRole('button', { name: '登录' }).click();
  await page.getByText(`您好，${user.displayName}`).waitFor();
}
