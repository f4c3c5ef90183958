import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../platform/errors.ts';
import { audit, type RequestMeta } from '../../platform/audit/audit.ts';
import type { Session } from '../../platform/auth/sessions.ts';
import { securitiesAccountCountOf } from '../registry/index.ts';
import { getActiveInvestor, verifiedIdentityOf } from '../identity/index.ts';
import { isIdType } from '../../kernel/identifiers.ts';
import { investorStanding } from './binding.ts';
import { checkAccountRefFor, type BoundStanding } from './own-accounts.ts';
import { certificates, type CertificateRequestStatus } from './certificate-schema.ts';
import { requestCertificate, type AccountParams } from './certificates.ts';
import { neverOpenedProofEligibility, type Eligibility } from './certificates-hours.ts';
import type { CertificateKind } from './certificate-templates.ts';
import './certificate-errors.ts';
import { mask } from '../../kernel/masking.ts';

/**
 * The investor's side of e-certificates (manual 000 §一.2.2.9 / §二.2.2.9) and
 * of the never-opened proof (§一.2.2.10 / §二.2.2.10): who may ask, for which
 * account, to which address. The caller (the route) has checked the session
 * and the step-up; these functions check everything else again on the server,
 * so no step of the pages can be skipped by calling the API directly.
 */

/** The request as the page sends it: the account by its opaque reference (own-accounts.ts `accountRef`), not its number. */
export type AccountCertificateInput = Omit<AccountParams, 'accountNumber'> & { accountRef: string } & ({ kind: 'holding_balance' | 'freezes'; date: string } | { kind: 'holding_changes'; from: string; to: string }) & {
    email: string;
  };

/**
 * 获取电子凭证 → 发送凭证至邮箱 → 二次认证 → 下一步: records the request for an
 * account of a bound unified account ('certificate' in own-accounts.ts).
 */
export async function requestAccountCertificate(ctx: AppContext, meta: RequestMeta, session: Session, standing: BoundStanding, input: AccountCertificateInput) {
  const { email, accountRef, ...params } = input;
  const account = await checkAccountRefFor(ctx, session, standing, 'certificate', accountRef);
  const investorUserId = session.principalId;
  const { certificateId } = await requestCertificate(ctx, { investorUserId, holderId: standing.holderId, email, params: { ...params, accountNumber: account.number } }, meta);
  return certificateStatus(ctx, investorUserId, certificateId);
}

export type CertificateStatus = 'queued' | 'issued' | 'failed';

/** How the success page names each state of the machine. */
const SHOWN_AS: Record<CertificateRequestStatus, CertificateStatus> = { requested: 'queued', issued: 'issued', failed: 'failed' };

/** What the success page shows and polls: the code at once, the state of the PDF as the job goes. */
export async function certificateStatus(ctx: AppContext, investorUserId: string, certificateId: string) {
  const [row] = await ctx.db
    .select()
    .from(certificates)
    .where(and(eq(certificates.id, certificateId), eq(certificates.investorUserId, investorUserId)));
  if (!row) throw new AppError('CERT_NOT_FOUND');
  const status: CertificateStatus = SHOWN_AS[row.status];
  return {
    certificateId: row.id,
    kind: row.kind as CertificateKind,
    status,
    verificationCode: row.verificationCode,
    emailMasked: mask('email', ctx.vault.decrypt(row.emailEnc), 'list'),
    requestedAt: row.requestedAt.toISOString(),
    ...(row.issuedAt ? { issuedAt: row.issuedAt.toISOString() } : {}),
    ...(row.error ? { error: row.error } : {}),
  };
}

// --- 未曾开立证券账户证明 ---------------------------------------------------------------

export interface ProofStanding {
  eligibility: Eligibility;
  /** the verified person the proof would name (masked), when verified */
  subject?: { name: string; idType: string; idNumberMasked: string };
  /** the user's registered e-mail, masked, when there is one */
  emailMasked?: string;
}

async function proofFacts(ctx: AppContext, investorUserId: string) {
  const standing = await investorStanding(ctx, investorUserId);
  const identity = await verifiedIdentityOf(ctx, ctx.db, investorUserId);
  const accounts = identity && isIdType(identity.idType) ? await securitiesAccountCountOf(ctx, ctx.db, identity.idType, identity.idNumber) : 0;
  const eligibility = neverOpenedProofEligibility(ctx, { now: ctx.clock.now(), verified: identity !== null, bound: standing.holderId !== undefined, hasSecuritiesAccounts: accounts > 0 });
  return { identity, eligibility };
}

/** Which of the manual's messages the 未曾开立证券账户证明 page shows, if any. */
export async function neverOpenedProofStanding(ctx: AppContext, investorUserId: string): Promise<ProofStanding> {
  const user = await getActiveInvestor(ctx, ctx.db, investorUserId);
  const { identity, eligibility } = await proofFacts(ctx, investorUserId);
  return {
    eligibility,
    ...(identity ? { subject: { name: identity.name, idType: identity.idType, idNumberMasked: mask('idNumber', identity.idNumber, 'list') } } : {}),
    ...(user.emailEnc ? { emailMasked: mask('email', ctx.vault.decrypt(user.emailEnc), 'list') } : {}),
  };
}

const PROOF_EMAIL_PURPOSE = 'investor.proof-email';
const emailCodePurpose = (session: Session) => `${PROOF_EMAIL_PURPOSE}:${session.id}`;
const normaliseEmail = (email: string) => email.trim().toLowerCase();

/** Mobile hall: 输入邮箱及邮箱验证码 — a code to the address typed, proving it is the investor's. */
export async function sendProofEmailCode(ctx: AppContext, meta: RequestMeta, session: Session, email: string) {
  const destination = normaliseEmail(email);
  if (!/^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@]{2,}$/.test(destination)) throw new AppError('VALIDATION_FAILED', { field: 'email' });
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const issued = await ctx.codes.issue(tx, now, emailCodePurpose(session), 'email', destination);
    await ctx.notifier.send(tx, {
      channel: 'email',
      destination,
      subject: '邮箱验证码',
      body: `您正在确认接收《未曾开立证券账户证明》的邮箱，验证码为${issued.code}，${Math.round(issued.expiresInSeconds / 60)}分钟内有效。如非本人操作请忽略。`,
    });
    await audit(tx, now, meta, { actor: { kind: 'investor', id: session.principalId }, action: 'certificate.email_code_sent', objectType: 'session', objectId: session.id });
    return { destinationMasked: mask('email', destination, 'list'), expiresInSeconds: issued.expiresInSeconds, resendAfterSeconds: issued.resendAfterSeconds };
  });
}

/**
 * 开具证明: the eligibility again (hours, binding, verification, accounts),
 * then the request for the verified person. The address is the user's own
 * e-mail when none is given; another address needs the e-mail code sent to it.
 */
export async function requestNeverOpenedProof(ctx: AppContext, meta: RequestMeta, session: Session, input: { email?: string; emailCode?: string }) {
  const investorUserId = session.principalId;
  const { identity, eligibility } = await proofFacts(ctx, investorUserId);
  if (!eligibility.eligible) throw new AppError(eligibility.code, eligibility.details);
  if (!identity || !isIdType(identity.idType)) throw new AppError('PROOF_NOT_VERIFIED');
  const user = await getActiveInvestor(ctx, ctx.db, investorUserId);
  const own = user.emailEnc ? normaliseEmail(ctx.vault.decrypt(user.emailEnc)) : null;
  const email = input.email ? normaliseEmail(input.email) : own;
  if (!email) throw new AppError('VALIDATION_FAILED', { field: 'email' });
  if (email !== own || input.emailCode !== undefined) {
    if (!input.emailCode) throw new AppError('PROOF_EMAIL_CODE_REQUIRED');
    await ctx.codes.verify(ctx.db, ctx.clock.now(), emailCodePurpose(session), 'email', email, input.emailCode);
  }
  const { certificateId } = await requestCertificate(ctx, { investorUserId, holderId: null, email, params: { kind: 'never_opened', name: identity.name, idType: identity.idType, idNumber: identity.idNumber } }, meta);
  return certificateStatus(ctx, investorUserId, certificateId);
}
