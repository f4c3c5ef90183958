import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/databases.ts';
import { testContext, type TestContext } from '../../../../test/context.ts';
import { aSecurity, anInvestor, issue } from '../../../../test/registry.ts';
import { byteFlips, pdfSignature, publicKeyInfo, replacePdfSignature, swapSignerKeys } from '../../../../test/tampering.ts';
import { buildApp } from '../../app.ts';
import { requestCertificate } from './certificates.ts';

/**
 * The public file check (POST /api/v1/verify/certificates/{code}/file) takes any
 * bytes from anyone: a genuine certificate reshaped in any way is "not genuine",
 * never a 500.
 */
describeEachDatabase('certificate file check under tampering', (getDb) => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let pdf: Buffer;
  let code: string;
  let sent = 0;

  // A new address per file: the per-address limit of /verify/ is not what is tested here.
  const postFile = (file: Buffer) => {
    sent++;
    return app.inject({
      method: 'POST',
      url: `/api/v1/verify/certificates/${code}/file`,
      cookies: { ch_csrf: 'csrf-token-for-the-tampering-test' },
      headers: { 'x-csrf-token': 'csrf-token-for-the-tampering-test', 'content-type': 'application/pdf' },
      payload: file,
      remoteAddress: `10.${(sent >> 16) & 255}.${(sent >> 8) & 255}.${sent & 255}`,
    });
  };

  beforeAll(async () => {
    ctx = testContext(getDb());
    app = await buildApp(ctx);
    const investor = await anInvestor(ctx, '王小明');
    await issue(ctx, await aSecurity(ctx, { name: '甲乙科技' }), investor.shAccount, 1500n);
    const email = `tamper-${randomUUID().slice(0, 6)}@example.com`;
    await requestCertificate(
      ctx,
      { investorUserId: randomUUID(), holderId: investor.holderId, email, params: { kind: 'holding_balance', accountNumber: investor.shAccount, date: '2026-11-20' } },
      { ip: '127.0.0.9', requestId: 'test' },
    );
    await ctx.jobs.drain();
    const mail = ctx.mailer.sent.find((m) => m.to === email)!;
    pdf = mail.attachments![0]!.content;
    code = /验证码：([0-9A-Z-]{19})/.exec(mail.text)![1]!;
  });
  afterAll(async () => {
    await app?.close();
  });

  const answers = async (files: Buffer[]) => {
    const statuses = new Map<number, number>();
    const verdicts = new Map<string, number>();
    for (const file of files) {
      const response = await postFile(file);
      statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
      if (response.statusCode === 200) {
        const body = response.json<{ genuine: boolean; reason?: string }>();
        const verdict = body.genuine ? 'genuine' : body.reason!;
        verdicts.set(verdict, (verdicts.get(verdict) ?? 0) + 1);
      }
    }
    return { statuses: Object.fromEntries(statuses), verdicts: Object.fromEntries(verdicts) };
  };

  it('answers the genuine file genuine', async () => {
    expect((await postFile(pdf)).json()).toEqual({ code, genuine: true });
  });

  it('answers "not genuine" for the signer certificate swapped to an Ed25519, X25519, Ed448 or EC key', async () => {
    const signature = pdfSignature(pdf);
    const files = (['ed25519', 'x25519', 'ed448', 'ec'] as const).map((type) => replacePdfSignature(pdf, swapSignerKeys(signature, publicKeyInfo(type))));
    expect(await answers(files)).toEqual({ statuses: { 200: 4 }, verdicts: { signature_invalid: 4 } });
  });

  it('answers 200 "not genuine" for each of 200 random byte flips of the file and 200 of its signature', async () => {
    const inFile = byteFlips(pdf, 200, 1205).map((f) => f.mutated);
    const signature = pdfSignature(pdf);
    const inSignature = byteFlips(signature, 200, 2312).map((f) => replacePdfSignature(pdf, f.mutated));
    const result = await answers([...inFile, ...inSignature]);
    expect(result.statuses).toEqual({ 200: 400 });
    expect(result.verdicts.genuine ?? 0).toBe(0);
  });
});
