import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/databases.ts';
import { staffAccountRef, staffServerForSuite } from '../../../../test/http.ts';
import { anInvestor, aSecurity, issue } from '../../../../test/registry.ts';
import { weekdays } from '../../../../test/ipo.ts';

describeEachDatabase('registry IPO staff API', (getDb) => {
  const { server, admin } = staffServerForSuite(getDb);

  it('registers an offering, takes subscriptions and payments through upload jobs, runs the lottery, and answers the queries', async () => {
    const ctx = server.ctx;
    const created = await admin.request('POST', '/api/v1/staff/registry/ipo-offerings', { market: 'SH', securityCode: '688777', name: '演示芯片', issuePrice: '25.60', subscriptionDate: '2026-09-07' });
    expect(created.statusCode).toBe(201);
    const offering = created.json();
    expect(offering).toMatchObject({ board: 'star', sharesPerNumber: '500', issuePrice: '25.6000' });
    expect((await admin.request('POST', '/api/v1/staff/registry/ipo-offerings', { market: 'SH', securityCode: '688777', name: '重复', issuePrice: '1', subscriptionDate: '2026-09-07' })).json().code).toBe(
      'IPO_OFFERING_EXISTS',
    );
    expect((await admin.request('POST', '/api/v1/staff/registry/ipo-offerings', { market: 'SH', securityCode: '900901', name: '演示B', issuePrice: '1', subscriptionDate: '2026-09-07' })).json().code).toBe(
      'IPO_BOARD_NOT_SUBSCRIBABLE',
    );

    const inv = await anInvestor(ctx);
    const other = await anInvestor(ctx);
    // Their quotas: holdings of a security priced 10.00 on every weekday of July and August (uploaded as a closing-price file)
    const held = await aSecurity(ctx, { market: 'SH', code: '600901' });
    await issue(ctx, held, other.shAccount, 10_000n);
    await issue(ctx, held, inv.shAccount, 2000n);
    const prices = ['market,trading_day,security_code,close_price', ...weekdays('2026-07-01', '2026-09-04').map((d) => `SH,${d},600901,10.00`)].join('\n');
    expect((await admin.request('PUT', '/api/v1/staff/registry/event-imports/closing-prices/PRICES-API-1?fileName=sh-close.csv', prices)).statusCode).toBe(202);
    await ctx.jobs.drain();
    const priceImports = (await admin.request('GET', '/api/v1/staff/registry/event-imports?kind=closing-prices')).json();
    expect(priceImports.items[0]).toMatchObject({ kind: 'closing-prices', batchId: 'PRICES-API-1', status: 'done', result: { status: 'applied', rows: 48 } });
    const subs = [
      'security_code,account_number,quantity,order_seq,ordered_at',
      `688777,${other.shAccount},5000,1,2026-09-07 09:30:00`,
      `688777,${inv.shAccount},2000,2,2026-09-07 09:30:05`,
      `688777,${inv.shAccount},500,3,2026-09-07 09:31:00`, // a repeat from the same account: kept, invalid
    ].join('\n');
    const upload = await admin.request('PUT', '/api/v1/staff/registry/event-imports/ipo-subscriptions/SUB-API-1?fileName=sh.csv', subs);
    expect(upload.statusCode).toBe(202);
    await ctx.jobs.drain();
    const list = (await admin.request('GET', '/api/v1/staff/registry/event-imports?kind=ipo-subscriptions')).json();
    expect(list.items[0]).toMatchObject({ kind: 'ipo-subscriptions', batchId: 'SUB-API-1', fileName: 'sh.csv', status: 'done', result: { status: 'applied', rows: 3 } });
    expect(list.items[0].progressDone).toBe(list.items[0].progressTotal);

    const lottery = await admin.request('POST', `/api/v1/staff/registry/ipo-offerings/${offering.id}/lottery`, { tails: ['3', '11'] });
    expect(lottery.json()).toMatchObject({ winningAccounts: 2, winningNumbers: '3' }); // 100000003; 100000011, 100000013;
    const allotments = (await admin.request('GET', `/api/v1/staff/registry/holders/${inv.holderId}/ipo-allotments?from=2026-09-01&to=2026-09-30`)).json();
    // 10 numbers for the first order (…01–…10), then 4: 100000011–100000014
    expect(allotments.items).toMatchObject([
      {
        accountNumber: inv.shAccount,
        securityCode: '688777',
        valid: true,
        invalidReason: null,
        quota: '2000', // 20,000 yuan a day: 4 steps of 5,000 on STAR
        firstNumber: '100000011',
        numberCount: '4',
        lastNumber: '100000014',
        winningNumbers: ['100000011', '100000013'],
        winningCount: '2',
        winningQuantity: '1000',
        payment: null,
      },
      { accountNumber: inv.shAccount, subscribedQuantity: '500', valid: false, invalidReason: 'DUPLICATE_ACCOUNT', firstNumber: null, numberCount: '0', lastNumber: null, winningCount: null, winningNumbers: [] },
    ]);
    expect((await admin.request('GET', `/api/v1/staff/registry/holders/${inv.holderId}/ipo-allotments?from=2026-10-01`)).json().items).toEqual([]);
    const byAccount = (account: string) => admin.request('GET', `/api/v1/staff/registry/holders/${inv.holderId}/ipo-allotments?account=${account}`);
    expect((await byAccount(await staffAccountRef(admin, inv.shAccount))).json().items).toHaveLength(2);
    expect((await byAccount(await staffAccountRef(admin, other.shAccount))).json().items).toEqual([]);
    expect((await byAccount(inv.shAccount)).json().code).toBe('VALIDATION_FAILED');
    expect((await admin.request('GET', `/api/v1/staff/registry/holders/${inv.holderId}/ipo-allotments?from=2026-02-30`)).json().code).toBe('VALIDATION_FAILED');

    await admin.request('PUT', '/api/v1/staff/registry/event-imports/ipo-payments/PAY-API-1', ['security_code,account_number,paid_quantity,reported_on', `688777,${inv.shAccount},500,2026-09-09`].join('\n'));
    await admin.request('PUT', '/api/v1/staff/registry/event-imports/ipo-payments/PAY-API-2', ['security_code,account_number,paid_quantity,reported_on', `688777,${other.shAccount},9999,2026-09-09`].join('\n'));
    await ctx.jobs.drain();
    const payments = (await admin.request('GET', '/api/v1/staff/registry/event-imports?kind=ipo-payments')).json();
    const rejected = payments.items.find((i: { batchId: string }) => i.batchId === 'PAY-API-2');
    expect(rejected.result).toMatchObject({ status: 'rejected', code: 'BATCH_REJECTED', errors: [{ line: 2, reason: 'PAID_MORE_THAN_WON' }] });
    const abandonments = (await admin.request('GET', `/api/v1/staff/registry/holders/${inv.holderId}/abandonments`)).json();
    expect(abandonments.items).toMatchObject([{ securityCode: '688777', productType: 'new_share', winningQuantity: '1000', abandonedQuantity: '500', reportedOn: '2026-09-09' }]);
    const eligibility = (await admin.request('GET', `/api/v1/staff/registry/holders/${inv.holderId}/subscription-eligibility?market=SH&date=2026-09-10`)).json();
    expect(eligibility).toMatchObject({ eligible: true, bar: null, rule: { count: 3, windowMonths: 12, barDays: 180, perMarket: true } });
    expect(eligibility.counting).toHaveLength(1);

    await admin.request('PUT', '/api/v1/staff/registry/event-imports/risk-disclosures/RISK-API-1', ['account_number,disclosure_type,signed_on,broker', `${inv.shAccount},star,2021-07-22,演示证券`].join('\n'));
    await ctx.jobs.drain();
    expect((await admin.request('GET', `/api/v1/staff/registry/holders/${inv.holderId}/risk-disclosures?account=${await staffAccountRef(admin, inv.shAccount)}`)).json().items).toEqual([
      { accountNumber: inv.shAccount, disclosureType: 'star', typeNameZh: '科创板', typeNameEn: 'STAR Market', signedOn: '2021-07-22', broker: '演示证券' },
    ]);
    expect((await admin.request('GET', '/api/v1/staff/registry/risk-disclosure-types')).json().items.map((t: { code: string }) => t.code)).toContain('beijing');
    expect((await admin.request('GET', '/api/v1/staff/registry/ipo-offerings')).json().items[0]).toMatchObject({ securityCode: '688777', status: 'drawn', winningTails: ['3', '11'] });
  });
});
