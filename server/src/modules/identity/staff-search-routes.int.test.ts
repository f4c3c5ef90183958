/**
 * 用户管理 and 审计日志 find by what a clerk types (a name, an object id that may be an account number) in the body of a
 * POST, never in a query string (issue 12 item 7, decision 0040).
 */
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/databases.ts';
import { staffServerForSuite } from '../../../../test/http.ts';
import { audit } from '../../platform/audit/audit.ts';

describeEachDatabase('staff searches over HTTP', (getDb) => {
  const { server, admin } = staffServerForSuite(getDb);

  it('finds staff users by a search text in the body; the list takes no search text in its URL', async () => {
    const found = await admin.request('POST', '/api/v1/staff/users/search', { q: 'admi' });
    expect(found.statusCode).toBe(200);
    expect(found.json().items.map((u: { username: string }) => u.username)).toContain('admin');
    expect((await admin.request('POST', '/api/v1/staff/users/search', { q: 'nobody-by-that-name' })).json().items).toEqual([]);
    expect((await admin.request('GET', '/api/v1/staff/users?q=admin')).json().code).toBe('VALIDATION_FAILED');
    expect((await admin.request('GET', '/api/v1/staff/users')).statusCode).toBe(200);
  });

  it('finds audit entries by an object id in the body; the trail has no query-string search', async () => {
    const ctx = server.ctx;
    await audit(ctx.db, ctx.clock.now(), {}, { actor: { kind: 'system' }, action: 'investor.account_added', objectType: 'securities_account', objectId: 'A990000001' });
    const found = await admin.request('POST', '/api/v1/staff/audit/search', { objectType: 'securities_account', objectId: 'A990000001', pageSize: '10' });
    expect(found.statusCode).toBe(200);
    expect(found.json()).toMatchObject({ total: 1, items: [{ action: 'investor.account_added', objectId: 'A990000001' }] });
    expect((await admin.request('GET', '/api/v1/staff/audit?objectId=A990000001')).statusCode).toBe(404);
  });
});
