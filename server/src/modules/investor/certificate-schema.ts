import { index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { instant, uuidKey } from '../../platform/db/columns.ts';
import { defineStateMachine, type StateOf } from '../../kernel/transitions.ts';

/** A certificate's life: requested by the investor, then issued by the job, or failed when the registry no longer supports it. */
export const certificateMachine = defineStateMachine({
  name: 'certificate',
  states: ['requested', 'issued', 'failed'],
  initial: 'requested',
  final: ['issued', 'failed'],
  transitions: [
    { from: 'requested', action: 'issue', to: 'issued' },
    { from: 'requested', action: 'fail', to: 'failed' },
  ],
});

export type CertificateRequestStatus = StateOf<typeof certificateMachine>;

/**
 * E-certificates (电子凭证) and proofs the platform issued. A row is written
 * when an investor asks (status `requested`) and completed by the job that
 * renders, signs and stores the PDF (`issued`), or marked `failed`. The
 * verification code is what /verify/ looks a certificate up by; the SHA-256 is
 * of the signed file exactly as sent.
 */
export const certificates = pgTable(
  'investor_certificates',
  {
    id: uuidKey(),
    verificationCode: text('verification_code').notNull(),
    /** holding_balance | holding_changes | freezes | never_opened */
    kind: text('kind').notNull(),
    status: text('status').$type<CertificateRequestStatus>().notNull(),
    investorUserId: uuid('investor_user_id').notNull(),
    /** the registry holder certified; null for a never-opened proof */
    holderId: uuid('holder_id'),
    /** name of the person or holder certified, as printed */
    subjectName: text('subject_name').notNull(),
    /** encrypted ID number of the person (never-opened proof) */
    subjectIdEnc: text('subject_id_enc'),
    /** date, range, account, market, security: what was asked */
    params: jsonb('params').$type<Record<string, unknown>>().notNull(),
    /** what the certificate states, in short: counts and totals, shown by /verify/ */
    summary: jsonb('summary').$type<Record<string, unknown>>(),
    emailEnc: text('email_enc').notNull(),
    jobId: uuid('job_id'),
    fileKey: text('file_key'),
    sha256: text('sha256'),
    requestedAt: instant('requested_at').notNull(),
    issuedAt: instant('issued_at'),
    error: text('error'),
  },
  (t) => [uniqueIndex('investor_certificates_code_uq').on(t.verificationCode), index('investor_certificates_user_idx').on(t.investorUserId, t.requestedAt)],
);
