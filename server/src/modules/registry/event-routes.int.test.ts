import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/databases.ts';
import { staffAccountRef, staffServerForSuite } from '../../../../test/http.ts';
import { aSecurity, anInvestor, issue } from '../../../../test/registry.ts';

describeEachDatabase('registry events staff API', (getDb) => {
  const { server, admin } = staffServerForSuite(getDb);

  it('announces and runs a distribution in a job, lists entitlements, exports and downloads the register', async () => {
    const ctx = server.ctx;
    const security = await aSecurity(ctx);
    const a = await anInvestor(ctx);
    const b = await anInvestor(ctx);
    await issue(ctx, security, a.shAccount, 1000n, '2024-01-02');
    await issue(ctx, security, b.shAccount, 333n, '2024-01-02');

    const created = await admin.request('POST', '/api/v1/staff/registry/distributions', { market: 'SH', code: security.code, recordOn: '2024-06-28', payOn: '2024-07-05', cashPer10: '1.5', bonusPer10: '1' });
    expect(created.statusCode).toBe(201);
    const { id } = created.json();
    expect((await admin.request('POST', `/api/v1/staff/registry/distributions/${id}/run`)).statusCode).toBe(202);
    await ctx.jobs.drain();
    const done = (await admin.request('GET', `/api/v1/staff/registry/distributions/${id}`)).json();
    // 1,333 × 0.1 = 133.3 → 133 new shares: 100 and 33 (33.3 rounded down, no fraction left to allocate)
    expect(done).toMatchObject({ status: 'completed', holders: 2, sharesIssued: '133', cashTotal: '199.95' });
    const entitlements = (await admin.request('GET', `/api/v1/staff/registry/distributions/${id}/entitlements?account=${await staffAccountRef(admin, b.shAccount)}`)).json();
    expect(entitlements.items).toEqual([{ accountNumber: b.shAccount, quantity: '333', cashAmount: '49.95', sharesWhole: '33', sharesFromFractions: '0', shares: '33' }]);

    const requested = await admin.request('POST', '/api/v1/staff/registry/register-exports', { market: 'SH', code: security.code, date: '2024-07-05', format: 'csv' });
    expect(requested.statusCode).toBe(202);
    await ctx.jobs.drain();
    const list = (await admin.request('GET', '/api/v1/staff/registry/register-exports')).json();
    expect(list.items[0]).toMatchObject({ id: requested.json().exportId, status: 'done', rows: 2, format: 'csv' });
    const file = await admin.request('GET', `/api/v1/staff/registry/register-exports/${requested.json().exportId}/file`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-disposition']).toContain(`register-SH${security.code}-2024-07-05.csv`);
    expect(file.body.split('\n')[1]).toContain(`${a.shAccount},1100,`);

    const tax = await admin.request('GET', `/api/v1/staff/registry/accounts/${await staffAccountRef(admin, a.shAccount)}/dividend-tax?from=2024-01-01&to=2024-12-31`);
    expect(tax.json()).toEqual({ items: [], total: 0 });
    expect((await admin.request('GET', `/api/v1/staff/registry/distributions/00000000-0000-4000-8000-000000000000`)).json().code).toBe('DIST_NOT_FOUND');
  });
});
