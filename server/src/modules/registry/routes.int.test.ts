import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/databases.ts';
import { staffAccountRef, staffServerForSuite } from '../../../../test/http.ts';
import { aSecurity, aSellerAndBuyer, anInvestor } from '../../../../test/registry.ts';
import { freeze } from './ledger/index.ts';

const header = 'account_number,market,security_code,business_type,category,quantity,effective_on,reference';

describeEachDatabase('registry staff API', (getDb) => {
  const { server, admin } = staffServerForSuite(getDb);

  it('uploads a settlement batch, applies it in a job with progress, and answers the queries', async () => {
    const ctx = server.ctx;
    const { security, seller: a, buyer: b } = await aSellerAndBuyer(ctx, 1000n);
    const file = [header, `${a.shAccount},SH,${security.code},trade_settlement,tradable,-400,2024-05-06,`, `${b.shAccount},SH,${security.code},trade_settlement,tradable,400,2024-05-06,`].join('\n');

    const upload = await admin.request('PUT', '/api/v1/staff/registry/settlement-batches/API-1?fileName=day.csv', file);
    expect(upload.statusCode).toBe(202);
    await ctx.jobs.drain();
    const list = (await admin.request('GET', '/api/v1/staff/registry/settlement-imports')).json();
    expect(list.items[0]).toMatchObject({ batchId: 'API-1', fileName: 'day.csv', status: 'done', result: { status: 'applied', rows: 2 } });
    expect(list.items[0].progressDone).toBe(list.items[0].progressTotal);

    const holdings = (await admin.request('GET', `/api/v1/staff/registry/accounts/${await staffAccountRef(admin, b.shAccount)}/holdings?date=2024-05-06`)).json();
    expect(holdings.items).toMatchObject([{ code: security.code, tradable: '400', restricted: '0' }]);
    const register = (await admin.request('GET', `/api/v1/staff/registry/securities/SH/${security.code}/register?date=2024-05-06`)).json();
    expect(register.items.map((l: { accountNumber: string; total: string }) => [l.accountNumber, l.total])).toEqual([
      [a.shAccount, '600'],
      [b.shAccount, '400'],
    ]);
  });

  it('a rejected batch lists its lines and applies nothing', async () => {
    const ctx = server.ctx;
    const security = await aSecurity(ctx);
    const a = await anInvestor(ctx);
    const file = [header, `${a.shAccount},SH,${security.code},trade_settlement,tradable,-5,2024-05-06,`, `A000000000,SH,${security.code},trade_settlement,tradable,5,2024-05-06,`].join('\n');
    expect((await admin.request('PUT', '/api/v1/staff/registry/settlement-batches/API-2', file)).statusCode).toBe(202);
    await ctx.jobs.drain();
    const list = (await admin.request('GET', '/api/v1/staff/registry/settlement-imports')).json();
    const rejected = list.items.find((i: { batchId: string }) => i.batchId === 'API-2');
    expect(rejected).toMatchObject({ status: 'done', result: { status: 'rejected', code: 'BATCH_REJECTED' } });
    expect(rejected.result.errors.map((e: { line: number; reason: string }) => e.reason)).toContain('UNKNOWN_ACCOUNT');
    expect((await admin.request('GET', `/api/v1/staff/registry/accounts/${await staffAccountRef(admin, a.shAccount)}/holdings?date=2030-01-01`)).json().items).toEqual([]);
  });

  it('shows each freeze with what it orders, what of it is in force, what waits, and the term it names', async () => {
    const ctx = server.ctx;
    const { security, seller } = await aSellerAndBuyer(ctx, 1000n);
    const order = { accountNumber: seller.shAccount, securityId: security.id, authority: '测试市中级人民法院' };
    await freeze(ctx, {}, { kind: 'system' }, { ...order, caseNumber: '(2024)测执1号', quantity: 700n, on: '2024-05-06', months: 36 });
    await freeze(ctx, {}, { kind: 'system' }, { ...order, caseNumber: '(2024)测执2号', quantity: 500n, on: '2024-05-07', months: 6 });
    const found = (await admin.request('GET', `/api/v1/staff/registry/accounts/${await staffAccountRef(admin, seller.shAccount)}/freezes?date=2024-05-07`)).json();
    expect(found.items).toMatchObject([
      { caseNumber: '(2024)测执1号', status: 'active', quantity: '700', frozenQuantity: '700', waitingQuantity: '0', queueNo: 1, periodMonths: 36, startOn: '2024-05-06', endOn: '2027-05-05' },
      { caseNumber: '(2024)测执2号', status: 'active', quantity: '500', frozenQuantity: '300', waitingQuantity: '200', queueNo: 2, periodMonths: 6, startOn: '2024-05-07', endOn: '2024-11-06' },
    ]);
  });

  it('finds an account by its number in a POST body; the account routes take only its opaque reference', async () => {
    const ctx = server.ctx;
    const { security, seller } = await aSellerAndBuyer(ctx, 1000n);
    const found = await admin.request('POST', '/api/v1/staff/registry/accounts/lookup', { number: seller.shAccount });
    expect(found.json()).toMatchObject({ number: seller.shAccount, holderId: seller.holderId, market: 'SH' });
    const { ref } = found.json() as { ref: string };
    expect(ref).not.toContain(seller.shAccount);
    expect(ref).toBe(await staffAccountRef(admin, seller.shAccount));
    for (const what of ['holdings?date=2030-01-01', 'freezes?date=2030-01-01', 'changes?from=2024-01-01&to=2030-01-01', 'dividend-tax?from=2024-01-01&to=2030-01-01']) {
      expect((await admin.request('GET', `/api/v1/staff/registry/accounts/${ref}/${what}`)).statusCode, what).toBe(200);
      // the number itself is no longer a path the routes take
      expect((await admin.request('GET', `/api/v1/staff/registry/accounts/${seller.shAccount}/${what}`)).json().code, what).toBe('VALIDATION_FAILED');
    }
    expect((await admin.request('GET', `/api/v1/staff/registry/accounts/${ref}/holdings?date=2030-01-01`)).json().items).toMatchObject([{ code: security.code, tradable: '1000' }]);
    const altered = `${ref.slice(0, -2)}${ref.endsWith('AA') ? 'BB' : 'AA'}`;
    expect((await admin.request('GET', `/api/v1/staff/registry/accounts/${altered}/holdings?date=2030-01-01`)).json().code).toBe('ACCOUNT_NOT_FOUND');
    expect((await admin.request('POST', '/api/v1/staff/registry/accounts/lookup', { number: 'A000000000' })).json().code).toBe('ACCOUNT_NOT_FOUND');
    expect((await server.app.inject({ method: 'POST', url: '/api/v1/staff/registry/accounts/lookup', payload: { number: seller.shAccount } })).statusCode).toBe(403);
  });

  it('needs the registry permissions and a CSV body', async () => {
    const anonymous = await server.app.inject({ method: 'GET', url: '/api/v1/staff/registry/settlement-imports' });
    expect(anonymous.statusCode).toBe(401);
    const json = await admin.request('PUT', '/api/v1/staff/registry/settlement-batches/API-3', { rows: [] });
    expect(json.statusCode).toBe(415);
  });
});
