import { randomInt, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { and, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { Executor } from '../../platform/db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { audit, type RequestMeta } from '../../platform/audit/audit.ts';
import type { JobDefinition } from '../../platform/jobs/queue.ts';
import { renderDocument } from '../../platform/pdf/document.ts';
import { sha256Hex } from '../../platform/pdf/sign.ts';
import { changesBetween, freezesAt, holderSummary, holdingsAt, securitiesAccount, securitiesAccountCountOf } from '../registry/index.ts';
import { type IdType, idTypes, normaliseIdentifier, normaliseIdNumber, validateIdNumber } from '../../kernel/identifiers.ts';
import { certificateMachine, certificates } from './certificate-schema.ts';
import { certificateTitles, freezesContent, holdingBalanceContent, holdingChangesContent, neverOpenedContent, type AccountSubject, type CertificateContent, type CertificateKind } from './certificate-templates.ts';
import { neverOpenedProofEligibility } from './certificates-hours.ts';
import './certificate-errors.ts';
import { beijingTime } from '../../kernel/time.ts';
import { isIsoDate } from '../../kernel/dates.ts';
import { mask } from '../../kernel/masking.ts';

/**
 * E-certificates (电子凭证, manual 000 §一.2.2.9 / §二.2.2.9) and the "never
 * opened a securities account" proof (§一.2.2.10 / §二.2.2.10): a request is
 * recorded and a job renders the PDF from the registry, signs it with the
 * platform certificate, stores it, completes the record and mails it.
 */

export const CERTIFICATE_JOB = 'investor.certificate.issue';
export const ISSUER_NAME = 'Clearhall 证券登记结算平台';
const PDF_BYTES_LIMIT = 50 * 1024 * 1024;
const MAX_CHANGE_ROWS = 5000;

export type AccountParams = {
  accountNumber: string;
  /** 交易市场 and 证券品种 filters, and one security, all optional */
  market?: 'SH' | 'SZ' | 'BJ';
  securityClass?: 'A' | 'B';
  securityCode?: string;
};

export type CertificateParams =
  | ({ kind: 'holding_balance'; date: string } & AccountParams)
  | ({ kind: 'holding_changes'; from: string; to: string } & AccountParams)
  | ({ kind: 'freezes'; date: string } & AccountParams)
  | { kind: 'never_opened'; name: string; idType: IdType; idNumber: string };

export interface CertificateRequest {
  investorUserId: string;
  /** the registry holder the investor is bound to; null for the never-opened proof */
  holderId: string | null;
  params: CertificateParams;
  email: string;
}

/** Crockford's alphabet: no I, L, O, U, so a code read aloud or typed is not mistaken. */
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 16 random characters (80 bits) in groups of four: XXXX-XXXX-XXXX-XXXX. */
export function newVerificationCode(): string {
  const chars = Array.from({ length: 16 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]!);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

/** Accepts what a person types: the kernel's identifier rule (full width, spaces, lower case), missing dashes, O for 0, I/L for 1. */
export function normaliseVerificationCode(input: string): string | null {
  const raw = normaliseIdentifier(input).replace(/-/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (!/^[0-9A-HJKMNP-TV-Z]{16}$/.test(raw)) return null;
  return raw.match(/.{4}/g)!.join('-');
}

export function verificationUrl(ctx: Pick<AppContext, 'config'>, code: string): string {
  const base = ctx.config.publicUrl ?? `http://${ctx.config.host}:${ctx.config.port}`;
  return `${base.replace(/\/$/, '')}/verify/?code=${encodeURIComponent(code)}`;
}

async function checkRequest(ctx: AppContext, ex: Executor, request: CertificateRequest): Promise<void> {
  const { params } = request;
  const today = beijingTime(ctx.clock.now()).date;
  if (params.kind === 'never_opened') {
    if (!validateIdNumber(params.idType, params.idNumber, ctx.clock.now()).ok || !params.name.trim()) throw new AppError('VALIDATION_FAILED', { field: 'idNumber' });
    const accounts = await securitiesAccountCountOf(ctx, ex, params.idType, params.idNumber);
    // Hours and registry facts are checked here as well as by the caller: they may change between the page and the request.
    const eligibility = neverOpenedProofEligibility(ctx, { now: ctx.clock.now(), verified: true, hasSecuritiesAccounts: accounts > 0, bound: false });
    if (!eligibility.eligible) throw new AppError(eligibility.code, eligibility.details);
    return;
  }
  const dates = params.kind === 'holding_changes' ? [params.from, params.to] : [params.date];
  if (!dates.every(isIsoDate) || dates.some((d) => d > today) || (params.kind === 'holding_changes' && params.from > params.to)) throw new AppError('CERT_RANGE_INVALID');
  const account = await securitiesAccount(ex, params.accountNumber).catch(() => null);
  if (!account || !request.holderId || account.holderId !== request.holderId) throw new AppError('CERT_ACCOUNT_NOT_HOLDERS');
}

/**
 * Records a request for a certificate and enqueues the job that issues it, in
 * one transaction. The caller has checked the session, the step-up and (for
 * account certificates) that the investor is bound to `holderId`; for the
 * never-opened proof the caller has checked verification and binding with
 * neverOpenedProofEligibility, and this re-checks the hours and the registry.
 */
export async function requestCertificate(ctx: AppContext, request: CertificateRequest, meta: RequestMeta): Promise<{ certificateId: string; jobId: string }> {
  const email = request.email.trim().toLowerCase();
  if (!/^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@]{2,}$/.test(email)) throw new AppError('VALIDATION_FAILED', { field: 'email' });
  return ctx.db.transaction(async (tx) => {
    await checkRequest(ctx, tx, request);
    const id = randomUUID();
    const now = ctx.clock.now();
    const { params } = request;
    const subjectName = params.kind === 'never_opened' ? params.name.trim() : (await holderSummary(ctx, tx, request.holderId!)).name;
    const stored: Record<string, unknown> = params.kind === 'never_opened' ? { kind: params.kind, idType: params.idType } : { ...params };
    await tx.insert(certificates).values({
      id,
      verificationCode: newVerificationCode(),
      kind: params.kind,
      status: certificateMachine.initial,
      investorUserId: request.investorUserId,
      holderId: params.kind === 'never_opened' ? null : request.holderId,
      subjectName,
      subjectIdEnc: params.kind === 'never_opened' ? ctx.vault.encrypt(normaliseIdNumber(params.idType, params.idNumber, ctx.clock.now())) : null,
      params: stored,
      emailEnc: ctx.vault.encrypt(email),
      requestedAt: now,
    });
    const jobId = await ctx.jobs.enqueue(tx, CERTIFICATE_JOB, { certificateId: id });
    await tx.update(certificates).set({ jobId }).where(eq(certificates.id, id));
    await audit(tx, now, meta, { actor: { kind: 'investor', id: request.investorUserId }, action: 'certificate.requested', objectType: 'certificate', objectId: id, details: { kind: params.kind } });
    return { certificateId: id, jobId };
  });
}

type CertificateRow = typeof certificates.$inferSelect;

function filterText(params: AccountParams): string | null {
  const parts = [params.market ? `交易市场 ${params.market}` : null, params.securityClass ? `证券品种 ${params.securityClass}股` : null, params.securityCode ? `证券代码 ${params.securityCode}` : null].filter(Boolean);
  return parts.length ? parts.join('，') : null;
}

function matches(params: AccountParams, row: { market?: string; code: string; securityClass?: string }): boolean {
  return (
    (!params.market || row.market === undefined || row.market === params.market) &&
    (!params.securityClass || row.securityClass === undefined || row.securityClass === params.securityClass) &&
    (!params.securityCode || row.code === params.securityCode)
  );
}

/** Reads the registry as the certificate states it. */
export async function certificateContent(ctx: AppContext, ex: Executor, row: Pick<CertificateRow, 'kind' | 'holderId' | 'subjectName' | 'subjectIdEnc' | 'params'>, now: Date): Promise<CertificateContent> {
  const params = row.params as CertificateParams;
  if (params.kind === 'never_opened') {
    const idNumber = ctx.vault.decrypt(row.subjectIdEnc!);
    const accounts = await securitiesAccountCountOf(ctx, ex, params.idType, idNumber);
    if (accounts > 0) throw new AppError('PROOF_HAS_ACCOUNTS');
    return neverOpenedContent({ name: row.subjectName, idTypeName: idTypes[params.idType], idNumberMasked: mask('idNumber', idNumber, 'document') }, beijingTime(now).text);
  }
  const holder = await holderSummary(ctx, ex, row.holderId!);
  const account = await securitiesAccount(ex, params.accountNumber);
  const subject: AccountSubject = { holderName: holder.name, idNumberMasked: mask('idNumber', holder.idNumber, 'document'), accountNumber: account.number, market: account.market };
  const filter = filterText(params);
  if (params.kind === 'holding_balance')
    return holdingBalanceContent(
      subject,
      params.date,
      (await holdingsAt(ex, account.number, params.date)).filter((p) => matches(params, p)),
      filter,
    );
  if (params.kind === 'holding_changes') {
    const entries = (await changesBetween(ex, account.number, params.from, params.to, { limit: MAX_CHANGE_ROWS, offset: 0 })).filter((e) => matches(params, e));
    return holdingChangesContent(subject, params.from, params.to, entries, filter);
  }
  return freezesContent(
    subject,
    params.date,
    (await freezesAt(ex, account.number, params.date)).filter((f) => matches(params, f)),
    filter,
  );
}

/** Renders and signs a certificate's PDF. */
export async function renderCertificatePdf(ctx: Pick<AppContext, 'config' | 'pki' | 'pdfFonts'>, content: CertificateContent, code: string, issuedAt: Date): Promise<Buffer> {
  const identity = ctx.pki.identity();
  const issued = beijingTime(issuedAt).text;
  const signature = { reason: `${content.title}（验证码 ${code}）`, location: 'CN', contactInfo: verificationUrl(ctx, code), signingTime: issuedAt };
  return renderDocument(
    ctx.pdfFonts.get(),
    {
      issuer: ISSUER_NAME,
      title: content.title,
      ...(identity.demo ? { subtitle: '演示环境出具：本文件由演示证书签名，不具任何法律效力' } : {}),
      fields: content.fields,
      ...(content.table ? { table: content.table } : {}),
      paragraphs: content.paragraphs,
      verification: { code, url: verificationUrl(ctx, code), lines: ['本凭证经数字签名。请访问下列网址输入验证码，或扫描右侧二维码，核验本凭证的真实性：'] },
      issuedLine: `出具时间：${issued}（北京时间）`,
      metadata: { title: content.title, author: ISSUER_NAME, subject: `${content.title} ${code}`, creationDate: issuedAt },
    },
    { identity, info: signature },
  );
}

function mailText(ctx: AppContext, title: string, code: string): string {
  return [
    '您好：',
    '',
    `您申请的《${title}》已出具，见附件（PDF，经平台数字签名）。`,
    `验证码：${code}`,
    `任何人可在 ${verificationUrl(ctx, code)} 核验该文件的真实性。`,
    '',
    '如非本人操作，请忽略本邮件。',
    ISSUER_NAME,
  ].join('\n');
}

export function certificateIssueJob(ctx: AppContext): JobDefinition<{ certificateId: string }> {
  return {
    name: CERTIFICATE_JOB,
    version: 1,
    maxAttempts: 3,
    handler: async ({ certificateId }, job) => {
      const [row] = await ctx.db.select().from(certificates).where(eq(certificates.id, certificateId));
      if (!row || !certificateMachine.can(row.status, 'issue')) return { skipped: row?.status ?? 'missing' };
      const issuedAt = ctx.clock.now();
      let content: CertificateContent;
      try {
        content = await certificateContent(ctx, ctx.db, row, issuedAt);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        // The registry changed since the request (e.g. an account was opened): nothing to certify.
        await ctx.db
          .update(certificates)
          .set({ status: certificateMachine.next(row.status, 'fail'), error: error.code })
          .where(and(eq(certificates.id, row.id), inArray(certificates.status, certificateMachine.sourcesOf('fail'))));
        return { failed: error.code };
      }
      const pdf = await renderCertificatePdf(ctx, content, row.verificationCode, issuedAt);
      const stored = await ctx.files.save('certificates', 'pdf', Readable.from([pdf]), PDF_BYTES_LIMIT);
      const sha256 = sha256Hex(pdf);
      await ctx.db.transaction(async (tx) => {
        const issued = await tx
          .update(certificates)
          .set({ status: certificateMachine.next(row.status, 'issue'), issuedAt, fileKey: stored.key, sha256, summary: content.summary })
          .where(and(eq(certificates.id, row.id), inArray(certificates.status, certificateMachine.sourcesOf('issue'))))
          .returning({ id: certificates.id });
        // Another run issued it meanwhile: one certificate, one mail.
        if (!issued.length) return;
        await ctx.notifier.send(tx, {
          channel: 'email',
          destination: ctx.vault.decrypt(row.emailEnc),
          subject: `【${ISSUER_NAME}】${certificateTitles[row.kind as CertificateKind]}`,
          body: mailText(ctx, content.title, row.verificationCode),
          attachments: [{ filename: `${content.title}-${row.verificationCode}.pdf`, fileKey: stored.key, contentType: 'application/pdf' }],
        });
        await audit(tx, issuedAt, { requestId: job.id }, { actor: { kind: 'system' }, action: 'certificate.issued', objectType: 'certificate', objectId: row.id, details: { kind: row.kind, sha256 } });
      });
      return { certificateId: row.id, bytes: pdf.length };
    },
  };
}
