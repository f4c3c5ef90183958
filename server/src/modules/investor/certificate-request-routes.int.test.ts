import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/databases.ts';
import { captchaAnswer, lastCodeSentTo } from '../../../../test/context.ts';
import { aResidentId } from '../../../../test/registry.ts';
import { pdfText } from '../../../../test/pdf.ts';
import { aRegisteredInvestor } from '../../../../test/verification.ts';
import { serverForSuite, type ApiClient } from '../../../../test/http.ts';
import { FixedClock, minutes } from '../../platform/clock.ts';
import { rows } from '../../platform/db/client.ts';
import { verifyPdfSignature } from '../../platform/pdf/sign.ts';
import { recordVerifiedIdentity } from '../identity/index.ts';
import { quickBind } from './binding.ts';
import { DEMO_PEOPLE, seedVerificationDemo } from './demo/index.ts';
import { accountRef } from './own-accounts.ts';

const meta = { ip: '127.0.0.30', requestId: 'test' };
/** Asia/Shanghai wall-clock time on 2026-11-21 as a UTC instant */
const shanghai = (hhmm: string, day = 21) => new Date(Date.UTC(2026, 10, day, Number(hhmm.slice(0, 2)) - 8, Number(hhmm.slice(3))));

describeEachDatabase('investor certificate requests', (getDb) => {
  const clock = new FixedClock(shanghai('10:00'));
  const config = { otpResendSeconds: 0, sessionIdleMinutes: 24 * 60, sessionAbsoluteHours: 24 * 30 };
  const server = serverForSuite(getDb, { config, clock, seed: seedVerificationDemo });
  const ref = (accountNumber: string) => accountRef(server.ctx, accountNumber);

  const userIdOf = async (client: ApiClient) => (await client.request('GET', '/api/v1/session')).json().principal.id as string;

  /** A registered investor whose real name is the given person (and bound to their unified account when asked). */
  async function anInvestorWho(person: { name: string; idType: string; idNumber: string } | null, bind = false) {
    const { client, mobile } = await aRegisteredInvestor(server);
    const userId = await userIdOf(client);
    if (person) await server.ctx.db.transaction((tx) => recordVerifiedIdentity(server.ctx, tx, meta, userId, person, 'unionpay'));
    if (bind) await quickBind(server.ctx, meta, userId);
    return { client, mobile, userId };
  }

  async function stepUp(client: ApiClient, mobile: string) {
    const captcha = (await client.request('POST', '/api/v1/captcha', {})).json() as { captchaId: string };
    const sent = await client.request('POST', '/api/v1/step-up/code', { captchaId: captcha.captchaId, captchaAnswer: await captchaAnswer(server.ctx, captcha.captchaId), channel: 'sms' });
    expect(sent.statusCode).toBe(200);
    expect((await client.request('POST', '/api/v1/step-up', { channel: 'sms', code: await lastCodeSentTo(server.ctx, mobile) })).statusCode).toBe(200);
  }

  it('issues a holdings certificate of your own account only after a fresh step-up, and mails the signed PDF', async () => {
    const { client, mobile } = await anInvestorWho(DEMO_PEOPLE.zhang, true);
    const accounts = (await client.request('GET', '/api/v1/investor/certificates/accounts')).json().items as { ref: string; numberMasked: string }[];
    expect(accounts.map((a) => a.ref).sort()).toEqual([ref('0199000001'), ref('A990000001')].sort());
    expect(accounts.map((a) => a.numberMasked).sort()).toEqual(['019****001', 'A99****001']);
    const email = `zhang-${mobile}@example.com`;
    const ask = (body: object) => client.request('POST', '/api/v1/investor/certificates', { kind: 'holding_balance', accountRef: ref('A990000001'), date: '2026-11-20', email, ...body });

    expect((await ask({})).json().code).toBe('STEP_UP_REQUIRED');
    await stepUp(client, mobile);
    expect((await ask({ accountRef: ref('A990000002') })).json().code).toBe('CERT_ACCOUNT_NOT_HOLDERS'); // 演示李华's account
    expect((await ask({ date: '2026-11-22' })).json().code).toBe('CERT_RANGE_INVALID');
    const changes = await client.request('POST', '/api/v1/investor/certificates', { kind: 'holding_changes', accountRef: ref('A990000001'), from: '2026-11-20', to: '2026-11-01', email });
    expect(changes.json().code).toBe('CERT_RANGE_INVALID');

    const requested = await ask({});
    expect(requested.statusCode).toBe(200);
    const { certificateId, verificationCode, status, emailMasked } = requested.json();
    expect(status).toBe('queued');
    expect(emailMasked).toBe(`zh***@example.com`);
    await server.ctx.jobs.drain();
    expect((await client.request('GET', `/api/v1/investor/certificates/${certificateId}`)).json()).toMatchObject({ status: 'issued', verificationCode });
    const other = await anInvestorWho(null);
    expect((await other.client.request('GET', `/api/v1/investor/certificates/${certificateId}`)).json().code).toBe('CERT_NOT_FOUND');

    // Delivered through the demo SMTP server into the dev inbox, the PDF kept as a linked file.
    await server.ctx.jobs.drain();
    const [mail] = await rows<{ body: string }>(server.ctx.db, sql`select body from dev_inbox where recipient = ${email} order by id desc limit 1`);
    expect(mail?.body).toContain(verificationCode);
    const link = /\/dev\/inbox\/files\/dev-inbox\/[0-9a-f-]{36}\.pdf/.exec(mail!.body)![0];
    const pdf = (await server.app.inject({ method: 'GET', url: link })).rawPayload;
    expect((await pdfText(pdf)).text).toContain('A990000001');
    expect(verifyPdfSignature(pdf, server.ctx.pki.identity().certificate).valid).toBe(true);

    clock.advance(minutes(server.ctx.config.stepUpMinutes) + 1000);
    expect((await ask({})).json().code).toBe('STEP_UP_REQUIRED');
  });

  it('offers and issues certificates for accounts of bound unified accounts only, not those added for the session', async () => {
    const { client, mobile, userId } = await anInvestorWho(DEMO_PEOPLE.li);
    await quickBind(server.ctx, meta, userId, '189900000002');
    expect((await client.request('POST', '/api/v1/investor/queries/temporary-accounts', { accountNumber: 'A990000003' })).json().binding).toBe('temporary');
    const accounts = (await client.request('GET', '/api/v1/investor/certificates/accounts')).json().items as { ref: string; binding: string }[];
    expect(accounts.map((a) => [a.ref, a.binding])).toEqual([
      [ref('0199000002'), 'bound'],
      [ref('A990000002'), 'bound'],
    ]);
    await stepUp(client, mobile);
    const ask = (accountNumber: string) => client.request('POST', '/api/v1/investor/certificates', { kind: 'freezes', accountRef: ref(accountNumber), date: '2026-11-20', email: 'li.cert@example.com' });
    const refused = await ask('A990000003');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('CERT_ACCOUNT_NOT_HOLDERS');
    expect((await ask('a990000002')).json()).toMatchObject({ kind: 'freezes', status: 'queued' });
  });

  it('refuses a user who is not bound, whatever the step-up', async () => {
    const { client, mobile } = await anInvestorWho(DEMO_PEOPLE.li);
    await stepUp(client, mobile);
    expect((await client.request('GET', '/api/v1/investor/certificates/accounts')).json().code).toBe('INVESTOR_NOT_BOUND');
    const asked = await client.request('POST', '/api/v1/investor/certificates', { kind: 'freezes', accountRef: ref('A990000002'), date: '2026-11-20', email: 'li@example.com' });
    expect(asked.json().code).toBe('INVESTOR_NOT_BOUND');
  });

  it('answers the never-opened proof with the manual message of each case, and refuses the request the same way', async () => {
    const unverified = await anInvestorWho(null);
    const bound = await anInvestorWho(DEMO_PEOPLE.john, true);
    const withAccounts = await anInvestorWho(DEMO_PEOPLE.li);
    const cases: [typeof unverified, string, string][] = [
      [unverified, 'PROOF_NOT_VERIFIED', '您尚无权限，请先进行实名认证。'],
      [bound, 'PROOF_BOUND', '您已绑定一码通账户，不符合开具《未曾开立证券账户证明》的条件'],
      [withAccounts, 'PROOF_HAS_ACCOUNTS', '您名下已开立证券账户，不符合开具《未曾开立证券账户证明》的条件'],
    ];
    for (const [who, code, message] of cases) {
      expect((await who.client.request('GET', '/api/v1/investor/never-opened-proof')).json()).toMatchObject({ eligible: false, code });
      await stepUp(who.client, who.mobile);
      const refused = await who.client.request('POST', '/api/v1/investor/never-opened-proof', { email: 'x@example.com', emailCode: '000000' });
      expect(refused.json()).toMatchObject({ code, message });
    }
  });

  it('issues the proof to a verified person without accounts: step-up, then the address confirmed by its e-mail code', async () => {
    const person = { name: '演示王五', idType: 'resident_id', idNumber: aResidentId('19920202') };
    const { client, mobile } = await anInvestorWho(person);
    const standing = (await client.request('GET', '/api/v1/investor/never-opened-proof')).json();
    expect(standing).toMatchObject({ eligible: true, subject: { name: '演示王五', idType: 'resident_id' } });
    const email = `wangwu-${mobile}@example.com`;
    const ask = (body: object) => client.request('POST', '/api/v1/investor/never-opened-proof', { email, ...body });

    expect((await ask({})).json().code).toBe('STEP_UP_REQUIRED');
    await stepUp(client, mobile);
    expect((await ask({})).json().code).toBe('PROOF_EMAIL_CODE_REQUIRED');
    expect((await client.request('POST', '/api/v1/investor/never-opened-proof/email-code', { email })).statusCode).toBe(200);
    expect((await ask({ emailCode: '000000' })).json().code).toMatch(/^CODE_(INVALID|EXPIRED)$/);
    const emailCode = await lastCodeSentTo(server.ctx, email);
    // A code sent to one address does not confirm another.
    expect((await client.request('POST', '/api/v1/investor/never-opened-proof', { email: `other-${email}`, emailCode })).json().code).toMatch(/^CODE_(INVALID|EXPIRED)$/);
    const requested = await ask({ emailCode });
    expect(requested.json()).toMatchObject({ kind: 'never_opened', status: 'queued' });
    await server.ctx.jobs.drain();
    const issued = (await client.request('GET', `/api/v1/investor/certificates/${requested.json().certificateId}`)).json();
    expect(issued.status).toBe('issued');
    const lookup = await client.request('GET', `/api/v1/verify/certificates/${issued.verificationCode}`);
    expect(lookup.json()).toMatchObject({ kind: 'never_opened', code: issued.verificationCode });
  });

  it('gives the proof only from 06:00 to 21:00 Beijing time', async () => {
    const person = { name: '演示赵六', idType: 'resident_id', idNumber: aResidentId('19930303') };
    const { client, mobile } = await anInvestorWho(person);
    const outside = { eligible: false, code: 'PROOF_OUTSIDE_HOURS', details: { closedFrom: '21:00', closedUntil: '6:00' } };
    const at = async (when: Date) => {
      clock.set(when);
      return (await client.request('GET', '/api/v1/investor/never-opened-proof')).json();
    };
    expect(await at(shanghai('20:59'))).toMatchObject({ eligible: true });
    expect(await at(shanghai('21:00'))).toMatchObject(outside);
    await stepUp(client, mobile);
    const late = await client.request('POST', '/api/v1/investor/never-opened-proof', {});
    expect(late.json()).toMatchObject({ code: 'PROOF_OUTSIDE_HOURS', message: '该时间段（21:00-6:00）不支持开具证明，请稍后再试' });
    expect(await at(shanghai('05:59', 22))).toMatchObject(outside);
    expect(await at(shanghai('06:00', 22))).toMatchObject({ eligible: true });
  });
});
