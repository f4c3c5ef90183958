import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, instant, serialKey, uuidKey } from './columns.ts';
import type { JobStatus } from '../jobs/job-states.ts';

/** Append-only audit trail: who did what, when, from where, on which object. */
export const auditEntries = pgTable(
  'audit_entries',
  {
    id: serialKey(),
    at: instant('at').notNull(),
    actorKind: text('actor_kind').notNull(), // investor | staff | system
    actorId: text('actor_id'),
    action: text('action').notNull(),
    objectType: text('object_type'),
    objectId: text('object_id'),
    ip: text('ip'),
    requestId: text('request_id'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    // The hash chain (platform/audit/chain.ts, migration 0018): set by the audit_entries_link
    // trigger whatever the insert says, so inserts leave them to the database (`default`).
    /** Position in the chain: 1, 2, 3, … without gaps. */
    seq: bigint('seq', { mode: 'bigint' })
      .notNull()
      .$defaultFn(() => sql`default`),
    /** The hash of the entry before (64 zeros for the first). */
    prevHash: text('prev_hash')
      .notNull()
      .$defaultFn(() => sql`default`),
    /** SHA-256 (hex) over the entry's canonical fields and prevHash. */
    hash: text('hash')
      .notNull()
      .$defaultFn(() => sql`default`),
  },
  (t) => [
    index('audit_entries_at_idx').on(t.at),
    index('audit_entries_actor_idx').on(t.actorKind, t.actorId),
    index('audit_entries_object_idx').on(t.objectType, t.objectId),
    uniqueIndex('audit_entries_seq_idx').on(t.seq),
  ],
);

/**
 * The end of the audit chain: one row, the last entry's seq and hash. The link trigger
 * locks it, so concurrent writers queue instead of forking the chain; verification
 * compares it with the last entry, so a truncated tail is found.
 */
export const auditChainHead = pgTable(
  'audit_chain_head',
  {
    id: boolean('id').primaryKey().default(true),
    seq: bigint('seq', { mode: 'bigint' }).notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [check('audit_chain_head_one_row', sql`${t.id}`)],
);

/** Fixed-window counters shared by every server instance (rate limits, throttles). */
export const rateCounters = pgTable(
  'rate_counters',
  {
    bucket: text('bucket').notNull(),
    windowStart: instant('window_start').notNull(),
    count: integer('count').notNull(),
    expiresAt: instant('expires_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.bucket, t.windowStart] }), index('rate_counters_expires_idx').on(t.expiresAt)],
);

export const sessions = pgTable(
  'sessions',
  {
    id: uuidKey(),
    tokenHash: text('token_hash').notNull().unique(),
    principalKind: text('principal_kind').notNull(), // investor | staff
    principalId: uuid('principal_id').notNull(),
    createdAt: createdAt(),
    lastSeenAt: instant('last_seen_at').notNull(),
    idleExpiresAt: instant('idle_expires_at').notNull(),
    absoluteExpiresAt: instant('absolute_expires_at').notNull(),
    stepUpUntil: instant('step_up_until'),
    revokedAt: instant('revoked_at'),
    revokedReason: text('revoked_reason'),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_principal_idx').on(t.principalKind, t.principalId)],
);

export const captchas = pgTable('captchas', {
  id: uuidKey(),
  answerHash: text('answer_hash').notNull(),
  createdAt: createdAt(),
  expiresAt: instant('expires_at').notNull(),
  usedAt: instant('used_at'),
});

/** SMS and e-mail one-time codes; the code itself is never stored. */
export const oneTimeCodes = pgTable(
  'one_time_codes',
  {
    id: uuidKey(),
    purpose: text('purpose').notNull(),
    channel: text('channel').notNull(), // sms | email
    destinationHash: text('destination_hash').notNull(),
    codeHash: text('code_hash').notNull(),
    createdAt: createdAt(),
    expiresAt: instant('expires_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    consumedAt: instant('consumed_at'),
  },
  (t) => [index('one_time_codes_lookup_idx').on(t.destinationHash, t.purpose, t.createdAt)],
);

/** Outgoing SMS and e-mail. The destination is encrypted; the body may hold a code and is cleared once delivered. */
export const notifications = pgTable(
  'notifications',
  {
    id: uuidKey(),
    channel: text('channel').notNull(), // sms | email
    destinationEnc: text('destination_enc').notNull(),
    subject: text('subject'),
    body: text('body').notNull(),
    status: text('status').notNull(), // queued | sent | failed
    createdAt: createdAt(),
    sentAt: instant('sent_at'),
    error: text('error'),
  },
  (t) => [index('notifications_status_idx').on(t.status, t.createdAt)],
);

export const jobs = pgTable(
  'jobs',
  {
    id: uuidKey(),
    name: text('name').notNull(),
    version: integer('version').notNull().default(1),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    status: text('status').$type<JobStatus>().notNull(),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(5),
    runAt: instant('run_at').notNull(),
    lockedAt: instant('locked_at'),
    lockedBy: text('locked_by'),
    progressDone: bigint('progress_done', { mode: 'number' }),
    progressTotal: bigint('progress_total', { mode: 'number' }),
    lastError: text('last_error'),
    /** what the handler returned: shown to staff (e.g. the lines of a rejected import) */
    result: jsonb('result').$type<Record<string, unknown>>(),
    createdAt: createdAt(),
    finishedAt: instant('finished_at'),
  },
  (t) => [index('jobs_ready_idx').on(t.status, t.runAt), index('jobs_created_idx').on(t.createdAt)],
);

/**
 * What the sandbox SMS gateway and the demo SMTP server received, for the dev
 * inbox. Captcha answers are written here too in demo mode, since a test cannot
 * read an image. Never written outside demo mode / the sandbox adapters.
 */
export const devInbox = pgTable(
  'dev_inbox',
  {
    id: serialKey(),
    at: instant('at').notNull(),
    kind: text('kind').notNull(), // sms | email | captcha
    recipient: text('recipient').notNull(),
    subject: text('subject'),
    body: text('body').notNull(),
  },
  (t) => [index('dev_inbox_at_idx').on(t.at)],
);
