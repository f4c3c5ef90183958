import { beforeAll, expect, it } from 'vitest';
import { bindDirectly } from '../../../../test/bound-investor.ts';
import { captchaAnswer } from '../../../../test/context.ts';
import { describeEachDatabase } from '../../../../test/databases.ts';
import { ApiClient, serverForSuite } from '../../../../test/http.ts';
import { aRegisteredInvestor, aSignedInStaff } from '../../../../test/verification.ts';
import { FixedClock } from '../../platform/clock.ts';
import { seedVerificationDemo } from './demo/index.ts';
import { accountRef } from './own-accounts.ts';

/** The corporate-event queries and 授权管理 over HTTP, on the demo holders 演示张明 and 演示李华. */
describeEachDatabase('investor event queries and authorisations', (getDb) => {
  const server = serverForSuite(getDb, { clock: new FixedClock(new Date('2026-11-21T02:00:00Z')), seed: seedVerificationDemo });
  let zhang: ApiClient;
  let li: ApiClient;
  let liMobile: string;
  let unbound: ApiClient;
  let admin: ApiClient;

  beforeAll(async () => {
    const z = await aRegisteredInvestor(server);
    await bindDirectly(server.ctx, z.mobile, '189900000001');
    zhang = z.client;
    const l = await aRegisteredInvestor(server);
    await bindDirectly(server.ctx, l.mobile, '189900000002'); // not 189900000003, which holds A990000003
    li = l.client;
    liMobile = l.mobile;
    unbound = (await aRegisteredInvestor(server)).client;
    admin = await aSignedInStaff(server, 'admin');
  });

  const ref = (accountNumber: string) => accountRef(server.ctx, accountNumber);
  const get = async (client: ApiClient, path: string) => {
    const r = await client.request('GET', path);
    return { status: r.statusCode, body: r.json() };
  };

  it('refuses an investor who has not bound a unified account', async () => {
    for (const path of [
      '/api/v1/investor/ipo-allotments',
      '/api/v1/investor/abandonments',
      '/api/v1/investor/risk-disclosures',
      '/api/v1/investor/dividend-tax',
      '/api/v1/investor/authorisations',
      '/api/v1/investor/event-queries/filters',
    ]) {
      const r = await get(unbound, path);
      expect(r.status, path).toBe(403);
      expect(r.body.code).toBe('INVESTOR_NOT_BOUND');
    }
  });

  it('offers the bound accounts in the filters, and only those', async () => {
    const r = await get(li, '/api/v1/investor/event-queries/filters');
    expect(r.body.accounts.map((a: { ref: string }) => a.ref)).toEqual([ref('0199000002'), ref('A990000002')]);
    expect(r.body.accounts.map((a: { numberMasked: string }) => a.numberMasked)).toEqual(['019****002', 'A99****002']);
    expect(r.body.businesses).toContain('online_voting');
  });

  it('shows the IPO allotments with numbers, winning numbers and payment, paged', async () => {
    const all = await get(zhang, '/api/v1/investor/ipo-allotments');
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(3);
    const [sz, szRepeat, sh] = all.body.items;
    expect(sz).toMatchObject({ securityCode: '301618', accountMasked: '019****001', accountRef: ref('0199000001'), drawn: true, subscribedQuantity: '8000', payment: { paidQuantity: '0' } });
    expect(szRepeat).toMatchObject({ securityCode: '301618', subscribedQuantity: '1000', valid: false, invalidReason: 'DUPLICATE_ACCOUNT', firstNumber: null, numberCount: '0', winningNumbers: [], payment: null });
    expect(sz).toMatchObject({ valid: true, invalidReason: null });
    expect(sh).toMatchObject({ securityCode: '603629', accountMasked: 'A99****001', drawn: true });
    expect(sh.winningNumbers).toEqual([String(BigInt(sh.firstNumber) + 2n), String(BigInt(sh.firstNumber) + 7n)]);
    expect(BigInt(sh.payment.paidQuantity)).toBe(BigInt(sh.winningQuantity));
    const page3 = await get(zhang, '/api/v1/investor/ipo-allotments?pageSize=1&page=3');
    expect(page3.body).toMatchObject({ total: 3, page: 3, pageSize: 1 });
    expect(page3.body.items.map((i: { securityCode: string }) => i.securityCode)).toEqual(['603629']);
    const byAccount = await get(zhang, `/api/v1/investor/ipo-allotments?account=${ref('A990000001')}&from=2026-06-01&to=2026-06-30`);
    expect(byAccount.body.items.map((i: { securityCode: string }) => i.securityCode)).toEqual(['603629']);
  });

  it('refuses another holder’s account and accounts of an unbound unified account', async () => {
    for (const path of ['/api/v1/investor/ipo-allotments', '/api/v1/investor/abandonments', '/api/v1/investor/risk-disclosures', '/api/v1/investor/dividend-tax', '/api/v1/investor/authorisations']) {
      const r = await get(zhang, `${path}?account=${ref('A990000002')}`);
      expect(r.status, path).toBe(403);
      expect(r.body.code).toBe('EVQ_ACCOUNT_NOT_YOURS');
    }
    expect((await get(li, `/api/v1/investor/risk-disclosures?account=${ref('A990000003')}`)).body.code).toBe('EVQ_ACCOUNT_NOT_YOURS');
  });

  it('answers no full account number in any list, and refuses a number where a reference belongs (issue 12 item 6)', async () => {
    const numbers = /\b(0199\d{6}|A99\d{7}|1899\d{8})\b/;
    for (const path of [
      '/api/v1/investor/event-queries/filters',
      '/api/v1/investor/queries/accounts',
      '/api/v1/investor/certificates/accounts',
      '/api/v1/investor/ipo-allotments',
      '/api/v1/investor/abandonments',
      '/api/v1/investor/risk-disclosures',
      '/api/v1/investor/dividend-tax',
      '/api/v1/investor/authorisations',
    ]) {
      const r = await get(zhang, path);
      expect(r.status, path).toBe(200);
      const text = JSON.stringify(r.body);
      expect(text, path).not.toMatch(numbers);
      if (/"(accountMasked|numberMasked)"/.test(text)) expect(text, path).toMatch(/(019|A99)\*{4}\d{3}/);
      const byNumber = await get(zhang, `${path}?account=A990000001`);
      if (!path.includes('accounts') && !path.includes('filters')) expect(byNumber.status, path).toBe(400);
    }
  });

  it('validates the dates and the paging', async () => {
    const reversed = await get(zhang, '/api/v1/investor/abandonments?from=2026-06-01&to=2026-01-01');
    expect(reversed).toMatchObject({ status: 400, body: { code: 'EVQ_RANGE_INVALID', message: '查询日期范围不正确：起始日期不得晚于截止日期' } });
    expect((await get(zhang, '/api/v1/investor/dividend-tax?from=2026-02-30')).body.code).toBe('VALIDATION_FAILED');
    expect((await get(zhang, '/api/v1/investor/ipo-allotments?from=yesterday')).status).toBe(400);
    expect((await get(zhang, '/api/v1/investor/ipo-allotments?page=0')).status).toBe(400);
    expect((await get(zhang, '/api/v1/investor/ipo-allotments?account=a99')).status).toBe(400);
  });

  it('shows the abandonments and whether a bar is in force per market', async () => {
    const r = await get(zhang, '/api/v1/investor/abandonments');
    expect(r.body.items.map((a: { securityCode: string }) => a.securityCode)).toEqual(['301618', '113699']);
    expect(r.body.markets).toEqual([
      { market: 'SH', eligible: true, barredFrom: null, barredTo: null },
      { market: 'SZ', eligible: true, barredFrom: null, barredTo: null },
    ]);
    expect((await get(zhang, `/api/v1/investor/abandonments?account=${ref('0199000001')}`)).body.total).toBe(1);
  });

  it('shows the risk-disclosure signings of the bound accounts only', async () => {
    const r = await get(zhang, '/api/v1/investor/risk-disclosures');
    expect(r.body.items).toEqual([
      { accountMasked: '019****001', accountRef: ref('0199000001'), disclosureType: 'chinext', typeNameZh: expect.any(String), typeNameEn: expect.any(String), signedOn: '2019-03-11', broker: '演示证券股份有限公司' },
      expect.objectContaining({ accountMasked: 'A99****001', disclosureType: 'star', signedOn: '2020-07-06' }),
    ]);
    expect((await get(li, '/api/v1/investor/risk-disclosures')).body.total).toBe(1);
  });

  it('answers the dividend tax query on the own accounts (none recorded for 演示李华)', async () => {
    const r = await get(li, '/api/v1/investor/dividend-tax?from=2020-01-01&to=2026-11-21');
    expect(r).toMatchObject({ status: 200, body: { items: [], total: 0, page: 1, pageSize: 20 } });
  });

  it('finds authorisations by 业务权单号 or by the more filters, on the own accounts', async () => {
    const numbers = async (client: ApiClient, query = '') => (await get(client, `/api/v1/investor/authorisations${query}`)).body.items.map((a: { authorisationNumber: string }) => a.authorisationNumber);
    expect(await numbers(zhang)).toEqual(['SQ2026060100004', 'SQ2026020300003', 'SQ2026010500002', 'SQ2025031000001']);
    const one = await get(zhang, '/api/v1/investor/authorisations?number=SQ2026020300003');
    expect(one.body.items).toEqual([
      {
        authorisationNumber: 'SQ2026020300003',
        accountMasked: 'A99****001',
        accountRef: ref('A990000001'),
        business: 'proxy_agency',
        authorisedParty: '演示律师事务所（虚构）',
        validFrom: '2026-02-03',
        validTo: '2027-02-02',
        status: 'revoked',
        revokedOn: '2026-11-21',
      },
    ]);
    expect(await numbers(zhang, '?status=active')).toEqual(['SQ2026060100004', 'SQ2026010500002']);
    expect(await numbers(zhang, '?status=expired')).toEqual(['SQ2025031000001']);
    expect(await numbers(zhang, '?business=online_voting')).toEqual(['SQ2025031000001']);
    expect(await numbers(zhang, `?account=${ref('0199000001')}`)).toEqual(['SQ2026010500002']);
    expect(await numbers(zhang, '?from=2025-01-01&to=2025-12-31')).toEqual(['SQ2025031000001']);
    expect(await numbers(zhang, '?from=2028-01-01')).toEqual(['SQ2026060100004']);
    expect(await numbers(zhang, '?number=SQ2026040100005')).toEqual([]); // 演示李华's
    expect(await numbers(li)).toEqual(['SQ2026040100005']); // A990000003 is under a unified account li has not bound
    const paged = await get(zhang, '/api/v1/investor/authorisations?pageSize=3&page=2');
    expect(paged.body).toMatchObject({ total: 4, page: 2, items: [{ authorisationNumber: 'SQ2025031000001' }] });
    expect((await get(zhang, '/api/v1/investor/authorisations?status=gone')).status).toBe(400);
  });

  it('lets staff record and revoke authorisations, checked and audited', async () => {
    // The account number as a clerk may type it: full-width, lower case, in groups (issue 13).
    const body = { authorisationNumber: 'SQ2026112100007', accountNumber: 'ａ９９０ ０００ ００２', business: 'securities_query', authorisedParty: '演示测试咨询公司', validFrom: '2026-11-21', validTo: '2027-11-20' };
    const created = await admin.request('POST', '/api/v1/staff/investor/authorisations', body);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ status: 'active', accountNumber: 'A990000002' });
    expect((await admin.request('POST', '/api/v1/staff/investor/authorisations', body)).json().code).toBe('AUTHZ_NUMBER_EXISTS');
    expect((await admin.request('POST', '/api/v1/staff/investor/authorisations', { ...body, authorisationNumber: 'SQ2026112100008', accountNumber: 'A000000009' })).json().code).toBe('AUTHZ_ACCOUNT_UNKNOWN');
    expect((await admin.request('POST', '/api/v1/staff/investor/authorisations', { ...body, authorisationNumber: 'SQ2026112100008', validTo: '2026-01-01' })).json().code).toBe('AUTHZ_VALIDITY_INVALID');
    expect((await zhang.request('POST', '/api/v1/staff/investor/authorisations', body)).statusCode).toBe(401);
    const revoked = await admin.request('POST', '/api/v1/staff/investor/authorisations/SQ2026112100007/revoke', {});
    expect(revoked.json()).toMatchObject({ status: 'revoked', revokedOn: '2026-11-21' });
    expect((await admin.request('POST', '/api/v1/staff/investor/authorisations/SQ2026112100007/revoke', {})).json().code).toBe('AUTHZ_ALREADY_REVOKED');
    expect((await get(li, '/api/v1/investor/authorisations?status=revoked')).body.items.map((a: { authorisationNumber: string }) => a.authorisationNumber)).toEqual(['SQ2026112100007']);

    // The staff page finds them by account (as typed, in the body) or by 业务权单号.
    const search = (q: Record<string, unknown>) => admin.request('POST', '/api/v1/staff/investor/authorisations/search', q);
    const byAccount = (await search({ accountNumber: 'a990 000 002' })).json();
    expect(byAccount.items).toContainEqual(expect.objectContaining({ authorisationNumber: 'SQ2026112100007', accountNumber: 'A990000002', status: 'revoked' }));
    expect((await search({ authorisationNumber: 'SQ2026112100007' })).json()).toMatchObject({ total: 1, items: [{ accountNumber: 'A990000002' }] });
    expect((await search({})).json().code).toBe('VALIDATION_FAILED');
    expect((await zhang.request('POST', '/api/v1/staff/investor/authorisations/search', { authorisationNumber: 'SQ2026112100007' })).statusCode).toBe(401);
  });
  it('reads an account added for the session with 添加证券账户, in this session only', async () => {
    const added = await li.request('POST', '/api/v1/investor/queries/temporary-accounts', { accountNumber: 'A990000003' });
    expect(added.json()).toMatchObject({ accountMasked: 'A99****003', accountRef: ref('A990000003'), binding: 'temporary' });
    const filters = await get(li, '/api/v1/investor/event-queries/filters');
    expect(filters.body.accounts.map((a: { ref: string; binding: string }) => [a.ref, a.binding])).toEqual([
      [ref('0199000002'), 'bound'],
      [ref('A990000002'), 'bound'],
      [ref('A990000003'), 'temporary'],
    ]);
    expect(await get(li, `/api/v1/investor/risk-disclosures?account=${ref('A990000003')}`)).toMatchObject({ status: 200 });
    const authorisations = await get(li, `/api/v1/investor/authorisations?account=${ref('A990000003')}`);
    expect(authorisations.body.items.map((a: { authorisationNumber: string }) => a.authorisationNumber)).toEqual(['SQ2026040100006']);

    // Another session of the same user has not added it.
    const again = await new ApiClient(server.app).start();
    const captcha = (await again.request('POST', '/api/v1/captcha', {})).json();
    const signedIn = await again.request('POST', '/api/v1/investor/login', { account: liMobile, password: 'abc12345', captchaId: captcha.captchaId, captchaAnswer: await captchaAnswer(server.ctx, captcha.captchaId) });
    expect(signedIn.statusCode).toBe(200);
    expect((await get(again, `/api/v1/investor/risk-disclosures?account=${ref('A990000003')}`)).body.code).toBe('EVQ_ACCOUNT_NOT_YOURS');
  });
});
