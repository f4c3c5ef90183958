import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/databases.ts';
import { testConfig } from '../../../../test/context.ts';
import { applicationData, testApplication } from '../../../../test/cases.ts';
import { ApiClient } from '../../../../test/http.ts';
import { aRegisteredInvestor } from '../../../../test/verification.ts';
import { caseTypes, openCase } from '../../platform/cases/index.ts';
import { startServer, type RunningServer } from '../../server.ts';
import { seedIdentityDemo, totpCode } from '../identity/index.ts';

// The test-only case type, in the app's registry as a module would register its own.
caseTypes.register(testApplication);

describeEachDatabase('review cases over HTTP', (getDb) => {
  let server: RunningServer;
  const staff: Record<string, ApiClient> = {};
  let applicant: ApiClient;
  let applicantId: string;

  beforeAll(async () => {
    server = await startServer(testConfig({ otpResendSeconds: 0 }), { database: getDb(), listen: false, migrate: false });
    const logins = (await seedIdentityDemo(server.ctx)) ?? [];
    for (const account of ['admin', 'clerk']) {
      const login = logins.find((l) => l.account === account)!;
      const client = await new ApiClient(server.app).start();
      const response = await client.request('POST', '/api/v1/staff/login', { username: account, password: login.password, totpCode: totpCode(login.totpSecret!, server.ctx.clock.now()) });
      expect(response.statusCode).toBe(200);
      staff[account] = client;
    }
    ({ client: applicant } = await aRegisteredInvestor(server));
    applicantId = (await applicant.request('GET', '/api/v1/session')).json().principal.id;
  });
  afterAll(async () => {
    await server?.close();
  });

  it('a reviewer sees the case in the queue, claims it and takes the actions the table allows; four-eyes refused with a message', async () => {
    const ctx = server.ctx;
    const kase = await openCase(ctx, { requestId: 't' }, testApplication, {
      actor: { kind: 'investor', id: applicantId },
      subjectRef: 'ref-http',
      subjectLabel: '演示张明',
      data: applicationData,
    });
    const clerk = staff.clerk!;
    const queue = (await clerk.request('GET', `/api/v1/staff/cases?type=${testApplication.name}&assignee=none`)).json();
    expect(queue.items.map((c: { id: string }) => c.id)).toContain(kase.id);

    const claimed = await clerk.request('POST', `/api/v1/staff/cases/${kase.id}/claim`, { version: 1 });
    expect(claimed.statusCode).toBe(200);
    expect(claimed.json()).toMatchObject({ case: { assignedToMe: true, version: 2 }, actions: ['check', 'send_back', 'reject', 'release', 'comment'] });
    const mine = (await clerk.request('GET', '/api/v1/staff/cases?assignee=me')).json();
    expect(mine.items.map((c: { id: string }) => c.id)).toEqual([kase.id]);

    const stale = await clerk.request('POST', `/api/v1/staff/cases/${kase.id}/actions`, { action: 'check', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('CASE_CHANGED');
    const checked = await clerk.request('POST', `/api/v1/staff/cases/${kase.id}/actions`, { action: 'check', version: 2 });
    expect(checked.json()).toMatchObject({ case: { state: 'checked', assigneeId: null }, actions: ['send_back', 'reject', 'claim', 'comment'] });

    const selfApproval = await clerk.request('POST', `/api/v1/staff/cases/${kase.id}/actions`, { action: 'approve', version: 3 }, { 'accept-language': 'zh-CN' });
    expect(selfApproval.statusCode).toBe(403);
    expect(selfApproval.json()).toMatchObject({ code: 'CASE_FOUR_EYES', message: '经办与复核不能为同一人，请由其他人员复核' });

    const sentBack = await clerk.request('POST', `/api/v1/staff/cases/${kase.id}/actions`, { action: 'send_back', version: 3, fields: ['phone'], comment: '请更正手机号' });
    expect(sentBack.json().case).toMatchObject({ state: 'returned', reopenedFields: ['phone'] });
    expect(sentBack.json().history.map((h: { action: string }) => h.action)).toEqual(['submit', 'claim', 'check', 'send_back']);

    expect((await staff.admin!.request('GET', '/api/v1/staff/cases')).statusCode).toBe(403);
    expect((await applicant.request('GET', '/api/v1/staff/cases')).statusCode).toBe(401);
  });

  it('the applicant sees the notice, corrects only the sent-back fields and may withdraw', async () => {
    const ctx = server.ctx;
    const kase = await openCase(ctx, { requestId: 't' }, testApplication, { actor: { kind: 'investor', id: applicantId }, subjectRef: 'ref-2', subjectLabel: '演示张明', data: applicationData });
    await staff.clerk!.request('POST', `/api/v1/staff/cases/${kase.id}/actions`, { action: 'send_back', version: 1, fields: ['address'], comment: '地址不完整' });

    const notices = (await applicant.request('GET', '/api/v1/investor/case-notices')).json();
    expect(notices.items[0]).toMatchObject({ caseId: kase.id, action: 'send_back', fields: ['address'], comment: '地址不完整', readAt: null });
    expect((await applicant.request('POST', `/api/v1/investor/case-notices/${notices.items[0].id}/read`)).statusCode).toBe(204);

    const view = (await applicant.request('GET', `/api/v1/investor/cases/${kase.id}`)).json();
    expect(view).toMatchObject({ case: { state: 'returned', reopenedFields: ['address'] }, actions: ['resubmit', 'withdraw'] });
    expect(view.history.every((h: { actorKind: string; actorId: string }) => h.actorKind !== 'staff' || h.actorId === '')).toBe(true);

    const wrongField = await applicant.request('POST', `/api/v1/investor/cases/${kase.id}/resubmit`, { version: 2, changes: { phone: '13900000000' } }, { 'accept-language': 'en' });
    expect(wrongField.json()).toMatchObject({ code: 'CASE_FIELD_NOT_REOPENED', message: 'Only the fields sent back may be changed; phone may not.' });
    const resubmitted = await applicant.request('POST', `/api/v1/investor/cases/${kase.id}/resubmit`, { version: 2, changes: { address: '上海市浦东新区杨高南路188号' } });
    expect(resubmitted.json().case).toMatchObject({ state: 'submitted', data: { address: '上海市浦东新区杨高南路188号' } });
    const withdrawn = await applicant.request('POST', `/api/v1/investor/cases/${kase.id}/withdraw`, { version: 3 });
    expect(withdrawn.json()).toMatchObject({ case: { state: 'withdrawn' }, actions: [] });
    const mine = (await applicant.request('GET', '/api/v1/investor/cases')).json();
    expect(mine.items.map((c: { id: string }) => c.id)).toContain(kase.id);
  });
});
