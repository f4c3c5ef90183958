/**
 * 审核案件: a reviewer finds a case of the test-only type in the staff queue, claims
 * it, opens it and sends it back naming the field to correct; a second reviewer
 * checks it after the resubmission and the first one, who made that step, is
 * offered no approval (four-eyes). On PGlite.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, createStaffUser } from '../../server/src/modules/identity/index.ts';
import { caseTypes, openCase, takeAction } from '../../server/src/platform/cases/index.ts';
import { applicationData, testApplication } from '../../test/cases.ts';
import { useE2e } from '../support/index.ts';
import { freshTotp } from '../support/verification.ts';

// The test-only case type, registered as a module registers its own.
caseTypes.register(testApplication);

const e2e = useE2e({ database: 'pglite' });
const REVIEWER = { username: 'e2e.reviewer', displayName: '测试审核员', password: 'Review2026ok' };
let secret = '';
let reviewerId = '';

beforeAll(async () => {
  const meta = { requestId: 'e2e-arrange' };
  const actor = { kind: 'system' } as const;
  const depository = await createOrganisation(e2e.ctx, meta, actor, { kind: 'depository', code: 'E2E-CSD', name: '测试登记结算有限公司' });
  const created = await createStaffUser(e2e.ctx, meta, actor, { organisationId: depository.id, roles: ['reviewer'], ...REVIEWER });
  secret = created.totp.secret;
  reviewerId = created.user.id;
});

async function signIn(page: Page) {
  await page.goto('/staff/');
  const box = page.getByTestId('staff-login');
  await box.getByLabel('用户名').fill(REVIEWER.username);
  await box.getByLabel('密码').fill(REVIEWER.password);
  await box.getByLabel('动态口令').fill(freshTotp(secret));
  await box.getByRole('button', { name: '登录' }).click();
}

describe('staff review queue', () => {
  it('claims a case from the queue, sends it back naming a field, and offers no self-approval', async () => {
    const applicant = { kind: 'investor', id: randomUUID() };
    const kase = await openCase(e2e.ctx, { requestId: 'e2e' }, testApplication, { actor: applicant, subjectRef: 'e2e', subjectLabel: '演示张明的申请', data: applicationData });

    const page = await e2e.desktop();
    await signIn(page);
    await page.getByRole('menuitem', { name: '审核案件' }).click();
    const row = page.getByTestId(`case-row-${kase.id}`);
    await row.getByText('演示张明的申请').waitFor();
    await page.getByTestId(`case-claim-${kase.id}`).click();
    await row.getByText('我认领的').waitFor();

    await page.getByTestId(`case-open-${kase.id}`).click();
    await page.getByTestId('case-history').getByText('认领').waitFor();
    await page.getByTestId('case-action-send_back').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('address').check();
    await dialog.getByTestId('case-action-comment').fill('地址不完整');
    await dialog.getByRole('button', { name: '确定' }).click();
    await expect.poll(() => page.getByTestId('case-state').textContent()).toBe('returned');
    await page.getByTestId('case-history').getByText('地址不完整').waitFor();

    // The applicant corrects the address; this reviewer checks it; the approval must be someone else's.
    await takeAction(e2e.ctx, { requestId: 'e2e' }, testApplication, { caseId: kase.id, actor: applicant, action: 'resubmit', changes: { address: '上海市浦东新区杨高南路188号' } });
    await takeAction(e2e.ctx, { requestId: 'e2e' }, testApplication, { caseId: kase.id, actor: { kind: 'staff', id: reviewerId, roles: ['reviewer'] }, action: 'check' });
    await page.reload();
    await expect.poll(() => page.getByTestId('case-state').textContent()).toBe('checked');
    await page.getByTestId('case-action-send_back').waitFor();
    expect(await page.getByTestId('case-action-approve').count()).toBe(0);
  });
});
