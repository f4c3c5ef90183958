import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/databases.ts';
import { testContext, type TestContext } from '../../../../test/context.ts';
import { aResidentId, aSecurity, anInvestor, issue, type TestInvestor } from '../../../../test/registry.ts';
import { pdfText } from '../../../../test/pdf.ts';
import { buildApp } from '../../app.ts';
import { verifyPdfSignature } from '../../platform/pdf/sign.ts';
import { requestCertificate, normaliseVerificationCode, newVerificationCode } from './certificates.ts';

const meta = { ip: '127.0.0.9', requestId: 'test' };

describe('verification codes', () => {
  it('are 16 readable characters, and typing slips are forgiven', () => {
    const code = newVerificationCode();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(normaliseVerificationCode(code.toLowerCase().replace(/-/g, ' '))).toBe(code);
    expect(normaliseVerificationCode('ABCD-EFGH-JKMN-PQRO')).toBe('ABCD-EFGH-JKMN-PQR0');
    expect(normaliseVerificationCode('not a code')).toBeNull();
    // typed with a Chinese input method: full width, ideographic spaces (issue 13)
    expect(normaliseVerificationCode('ａｂｃｄ－ｅｆｇｈ　ｊｋｍｎ　ｐｑｒ０')).toBe('ABCD-EFGH-JKMN-PQR0');
  });
});

describeEachDatabase('e-certificates', (getDb) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let investor: TestInvestor;
  let csrf: string;
  const securities: { code: string; name: string }[] = [];

  const postFile = (code: string, pdf: Buffer) =>
    app.inject({
      method: 'POST',
      url: `/api/v1/verify/certificates/${code}/file`,
      cookies: { ch_csrf: csrf },
      headers: { 'x-csrf-token': csrf, 'content-type': 'application/pdf' },
      payload: pdf,
      remoteAddress: '127.0.0.20',
    });

  beforeAll(async () => {
    ctx = testContext(getDb());
    app = await buildApp(ctx);
    investor = await anInvestor(ctx, '王小明');
    for (const [i, name] of ['甲乙科技', '丙丁能源', '戊己银行'].entries()) {
      const security = await aSecurity(ctx, { name });
      securities.push({ code: security.code, name });
      await issue(ctx, security, investor.shAccount, BigInt((i + 1) * 1500));
    }
    const session = await app.inject({ method: 'GET', url: '/api/v1/session' });
    csrf = session.cookies.find((c) => c.name === 'ch_csrf')!.value;
  });
  afterAll(async () => {
    await app?.close();
  });

  it('issues a holdings certificate through the job: a signed PDF with the holder, the rows and the code, mailed as an attachment', async () => {
    const email = `wang-${randomUUID().slice(0, 6)}@example.com`;
    const { certificateId } = await requestCertificate(
      ctx,
      { investorUserId: randomUUID(), holderId: investor.holderId, email, params: { kind: 'holding_balance', accountNumber: investor.shAccount, date: '2026-11-20' } },
      meta,
    );
    await ctx.jobs.drain();
    const mail = ctx.mailer.sent.find((m) => m.to === email);
    expect(mail?.attachments).toHaveLength(1);
    const pdf = mail!.attachments![0]!.content;
    const code = /验证码：([0-9A-Z-]{19})/.exec(mail!.text)![1]!;

    const { text } = await pdfText(pdf);
    expect(text).toContain('证券持有余额电子凭证');
    expect(text).toContain('王小明');
    expect(text).toContain(investor.shAccount);
    for (const s of securities) expect(text).toMatch(new RegExp(`${s.code}\\s*${s.name}`));
    expect(text).toContain('4,500');
    expect(text).toContain(code);
    expect(text).toContain('第 1 页 共 1 页');

    const check = verifyPdfSignature(pdf, ctx.pki.identity().certificate);
    expect(check.valid).toBe(true);

    const lookup = await app.inject({ method: 'GET', url: `/api/v1/verify/certificates/${code.toLowerCase()}`, remoteAddress: '127.0.0.20' });
    expect(lookup.statusCode).toBe(200);
    expect(lookup.json()).toMatchObject({ code, kind: 'holding_balance', holderNameMasked: '王**', date: '2026-11-20', summary: { securities: 3, totalHeld: '9000' } });
    expect(JSON.stringify(lookup.json())).not.toContain(investor.shAccount);
    expect(lookup.json().summary).not.toHaveProperty('account');

    expect((await postFile(code, pdf)).json()).toEqual({ code, genuine: true });
    const changed = Buffer.from(pdf);
    const at = changed.indexOf('/MediaBox');
    changed[at + 12] = changed[at + 12] === 0x31 ? 0x32 : 0x31;
    expect((await postFile(code, changed)).json()).toEqual({ code, genuine: false, reason: 'signature_invalid' });
    expect(certificateId).toBeTruthy();
  });

  it('runs a holdings table over several pages with the header repeated', async () => {
    for (let i = 0; i < 45; i++) await issue(ctx, await aSecurity(ctx, { name: `多页测试${i}` }), investor.shAccount, 100n);
    const email = `pages-${randomUUID().slice(0, 6)}@example.com`;
    await requestCertificate(ctx, { investorUserId: randomUUID(), holderId: investor.holderId, email, params: { kind: 'holding_balance', accountNumber: investor.shAccount, date: '2026-11-20' } }, meta);
    await ctx.jobs.drain();
    const pdf = ctx.mailer.sent.find((m) => m.to === email)!.attachments![0]!.content;
    const { pages, text } = await pdfText(pdf);
    expect(pages).toBeGreaterThan(1);
    const withRows = text.split('\n').filter((page) => page.includes('多页测试'));
    expect(withRows.length).toBeGreaterThan(1);
    expect(withRows.every((page) => /证券代码\s*证券简称/.test(page))).toBe(true);
    expect(text).toContain(`第 ${pages} 页 共 ${pages} 页`);
    expect(verifyPdfSignature(pdf, ctx.pki.identity().certificate).valid).toBe(true);
  });

  it('issues holding-changes and freezes certificates', async () => {
    for (const params of [
      { kind: 'holding_changes' as const, accountNumber: investor.shAccount, from: '2024-01-01', to: '2026-11-20' },
      { kind: 'freezes' as const, accountNumber: investor.shAccount, date: '2026-11-20' },
    ]) {
      const email = `${params.kind.replace('_', '-')}-${randomUUID().slice(0, 6)}@example.com`;
      await requestCertificate(ctx, { investorUserId: randomUUID(), holderId: investor.holderId, email, params }, meta);
      await ctx.jobs.drain();
      const { text } = await pdfText(ctx.mailer.sent.find((m) => m.to === email)!.attachments![0]!.content);
      if (params.kind === 'holding_changes') expect(text).toMatch(/证券持有变更电子凭证[\s\S]*2024-01-02.*甲乙科技.*\+1,500/);
      else expect(text).toContain('查询日期日终该证券账户无冻结');
    }
  });

  it('refuses an account of another holder and a date in the future', async () => {
    const other = await anInvestor(ctx, '李四');
    await expect(
      requestCertificate(ctx, { investorUserId: randomUUID(), holderId: investor.holderId, email: 'a@example.com', params: { kind: 'holding_balance', accountNumber: other.shAccount, date: '2026-11-20' } }, meta),
    ).rejects.toMatchObject({ code: 'CERT_ACCOUNT_NOT_HOLDERS' });
    await expect(
      requestCertificate(ctx, { investorUserId: randomUUID(), holderId: investor.holderId, email: 'a@example.com', params: { kind: 'holding_balance', accountNumber: investor.shAccount, date: '2026-11-22' } }, meta),
    ).rejects.toMatchObject({ code: 'CERT_RANGE_INVALID' });
  });

  it('issues the never-opened proof to a person without accounts, within the hours only', async () => {
    const idNumber = aResidentId('19950505');
    const email = `proof-${randomUUID().slice(0, 6)}@example.com`;
    await requestCertificate(ctx, { investorUserId: randomUUID(), holderId: null, email, params: { kind: 'never_opened', name: '赵六', idType: 'resident_id', idNumber } }, meta);
    await ctx.jobs.drain();
    const { text } = await pdfText(ctx.mailer.sent.find((m) => m.to === email)!.attachments![0]!.content);
    expect(text).toContain('未曾开立证券账户证明');
    expect(text).toContain('赵六');
    expect(text).not.toContain(idNumber);
    expect(text).toContain(`${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`);

    ctx.clock.set(new Date('2026-11-21T13:00:00Z')); // 21:00 in Shanghai
    await expect(requestCertificate(ctx, { investorUserId: randomUUID(), holderId: null, email, params: { kind: 'never_opened', name: '赵六', idType: 'resident_id', idNumber } }, meta)).rejects.toMatchObject({
      code: 'PROOF_OUTSIDE_HOURS',
    });
    ctx.clock.set(new Date('2026-11-21T02:00:00Z'));
  });

  it('refuses the never-opened proof to a person the registry has accounts for', async () => {
    const holder = await ctx.db.transaction(async (tx) => (await import('../registry/index.ts')).holderSummary(ctx, tx, investor.holderId));
    await expect(
      requestCertificate(ctx, { investorUserId: randomUUID(), holderId: null, email: 'x@example.com', params: { kind: 'never_opened', name: holder.name, idType: holder.idType, idNumber: holder.idNumber } }, meta),
    ).rejects.toMatchObject({ code: 'PROOF_HAS_ACCOUNTS' });
  });

  it('answers an unknown code with not found, and limits look-ups per address', async () => {
    const unknown = await app.inject({ method: 'GET', url: `/api/v1/verify/certificates/${newVerificationCode()}`, remoteAddress: '127.0.0.30' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('CERT_NOT_FOUND');
    let last = 0;
    for (let i = 0; i < ctx.config.verifyRatePerMinute + 1; i++) last = (await app.inject({ method: 'GET', url: '/api/v1/verify/certificates/AAAA', remoteAddress: '127.0.0.31' })).statusCode;
    expect(last).toBe(429);
  });
});
