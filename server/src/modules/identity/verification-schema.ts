import { index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, identityDocument, instant, uuidKey } from '../../platform/db/columns.ts';
import { defineStateMachine, type StateOf } from '../../kernel/transitions.ts';

/**
 * An identity verification's life. Open until a method runs; a method that waits for something outside (a trading-terminal
 * order, a clerk at a broker's counter) makes it pending. It passes, or fails after too many wrong tries or when the counter
 * clerk refuses; choosing another method abandons it; its passed result is consumed once by the purpose's final step.
 */
export const verificationMachine = defineStateMachine({
  name: 'identity-verification',
  states: ['open', 'pending', 'passed', 'failed', 'abandoned', 'consumed'],
  initial: 'open',
  final: ['abandoned', 'consumed'],
  transitions: [
    { from: 'open', action: 'await', to: 'pending' },
    { from: ['open', 'pending'], action: 'pass', to: 'passed' },
    { from: ['open', 'pending'], action: 'fail', to: 'failed' },
    { from: 'pending', action: 'refuse', to: 'failed' },
    { from: ['open', 'pending', 'failed'], action: 'abandon', to: 'abandoned' },
    { from: 'passed', action: 'consume', to: 'consumed' },
  ],
});

export type VerificationStatus = StateOf<typeof verificationMachine>;

/**
 * Identity verifications (身份认证): one per attempt, for one purpose, one
 * investor user and one subject (the user, or a registry holder). Passing it
 * yields a result the purpose's final step consumes once, before
 * result_expires_at. Choosing another method abandons the row and starts a new one.
 */
export const identityVerifications = pgTable(
  'identity_verifications',
  {
    id: uuidKey(),
    /** null while the person is not yet known (recovery by identity details): the flow in context.flowId owns it */
    investorUserId: uuid('investor_user_id'),
    purpose: text('purpose').notNull(),
    /** set when the subject is a registry holder (binding, recovery) */
    holderId: uuid('holder_id'),
    /** the holder's category facts the method rules need: { kind, category, idType } */
    subject: jsonb('subject').$type<Record<string, string>>().notNull(),
    /** for counter look-up: keyed hash of ID type and number, and the name, encrypted */
    subjectIdHash: text('subject_id_hash'),
    subjectNameEnc: text('subject_name_enc'),
    /** purpose data the final step needs (never personal data in clear) */
    context: jsonb('context').$type<Record<string, string>>().notNull(),
    method: text('method'),
    status: text('status').$type<VerificationStatus>().notNull(),
    failures: integer('failures').notNull().default(0),
    methodState: jsonb('method_state').$type<Record<string, string>>().notNull(),
    /** for trading-terminal verification: keyed hash of the code */
    codeHash: text('code_hash'),
    decidedBy: text('decided_by'),
    createdAt: createdAt(),
    expiresAt: instant('expires_at').notNull(),
    passedAt: instant('passed_at'),
    resultExpiresAt: instant('result_expires_at'),
    consumedAt: instant('consumed_at'),
  },
  (t) => [
    index('identity_verifications_user_idx').on(t.investorUserId, t.createdAt),
    index('identity_verifications_pending_idx').on(t.method, t.status, t.subjectIdHash),
    index('identity_verifications_holder_idx').on(t.holderId, t.status),
  ],
);

/** The identity an investor user was verified as (实名认证): one per user. */
export const investorIdentities = pgTable('investor_identities', {
  investorUserId: uuid('investor_user_id').primaryKey(),
  name: text('name').notNull(),
  ...identityDocument(),
  /** unionpay | binding */
  source: text('source').notNull(),
  verifiedAt: instant('verified_at').notNull(),
});
