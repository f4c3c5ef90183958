import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/databases.ts';
import { lastCodeSentTo } from '../../../../test/context.ts';
import { aRegisteredInvestor } from '../../../../test/verification.ts';
import { serverForSuite, type ApiClient } from '../../../../test/http.ts';
import { FixedClock } from '../../platform/clock.ts';
import { DEMO_CARDS, DEMO_PEOPLE, seedVerificationDemo } from './demo/index.ts';

const li = DEMO_PEOPLE.li;
const liCard = (overrides: Partial<{ cardNumber: string; mobile: string }> = {}) => ({ name: li.name, idNumber: li.idNumber, cardNumber: DEMO_CARDS.li, mobile: '19900000002', ...overrides });

/**
 * Issue 13 item 15: after the bank refuses a card, 下一步 said 请先选择身份认证方式 because
 * the refused 获取验证码 rolled back the choice of method with it.
 */
describeEachDatabase('a refused identity check keeps the chosen method', (getDb) => {
  const clock = new FixedClock(new Date('2026-11-21T02:00:00Z'));
  const server = serverForSuite(getDb, { config: { otpResendSeconds: 0 }, clock, seed: seedVerificationDemo });

  const startBinding = async (client: ApiClient, who: typeof li | typeof DEMO_PEOPLE.john, account: string) =>
    (await client.request('POST', '/api/v1/investor/binding/direct', { userType: who.kind, name: who.name, idType: who.idType, idNumber: who.idNumber, securitiesAccountNumber: account })).json() as {
      id: string;
    };

  it('after a refused card, 下一步 repeats the bank’s answer; a corrected card then passes', async () => {
    const { client } = await aRegisteredInvestor(server);
    const { id } = await startBinding(client, li, 'A990000003');
    const refused = await client.request('POST', `/api/v1/verifications/${id}/unionpay/code`, liCard({ mobile: '19900000099' }));
    expect(refused.json().code).toBe('UNIONPAY_MISMATCH');
    expect((await client.request('GET', `/api/v1/verifications/${id}`)).json()).toMatchObject({ status: 'open', method: 'unionpay' });

    const next = await client.request('POST', `/api/v1/verifications/${id}/unionpay`, { ...liCard({ mobile: '19900000099' }), code: '123456' });
    expect(next.json()).toMatchObject({ code: 'UNIONPAY_MISMATCH', message: '银联身份认证失败：持卡人姓名、身份证号码、银行卡号与银行预留手机号不一致' });

    await client.request('POST', `/api/v1/verifications/${id}/unionpay/code`, liCard());
    const code = await lastCodeSentTo(server.ctx, '19900000002');
    expect((await client.request('POST', `/api/v1/verifications/${id}/unionpay`, { ...liCard(), code })).json()).toMatchObject({ status: 'passed', method: 'unionpay' });
  });

  it('after a refused card the person may choose another method with 重新选择其他验证方式', async () => {
    const { client } = await aRegisteredInvestor(server);
    const { id } = await startBinding(client, li, 'A990000003');
    await client.request('POST', `/api/v1/verifications/${id}/unionpay/code`, liCard({ cardNumber: DEMO_CARDS.zhangLost }));
    const fresh = (await client.request('POST', `/api/v1/verifications/${id}/reselect`, {})).json();
    expect(fresh).toMatchObject({ status: 'open', method: null });
    expect((await client.request('POST', `/api/v1/verifications/${fresh.id}/reserved-phone/code`, {})).json().view.method).toBe('reserved_phone');
  });

  it('without a reserved phone, 下一步 says so again rather than asking for a method', async () => {
    const { client } = await aRegisteredInvestor(server);
    const { id } = await startBinding(client, DEMO_PEOPLE.john, 'A990000005');
    expect((await client.request('POST', `/api/v1/verifications/${id}/reserved-phone/code`, {})).json().code).toBe('VERIFY_NO_RESERVED_PHONE');
    expect((await client.request('POST', `/api/v1/verifications/${id}/reserved-phone`, { code: '123456' })).json().code).toBe('VERIFY_NO_RESERVED_PHONE');
  });
});
