import { index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, instant as ts, serialKey, uuidKey } from '../db/columns.ts';

/** A file attached to a case: a key in the FileStore, never the file itself. */
export interface CaseAttachment {
  fileKey: string;
  filename: string;
  contentType: string;
  /** the data field the file belongs to, when it belongs to one (so a send-back can reopen it) */
  field?: string;
}

/**
 * Review cases of every type (platform/cases): someone applied for something,
 * staff review it. `state` holds a state of the type's transition table;
 * `version` grows by one with every write, so two reviewers acting at once make
 * exactly one change.
 */
export const cases = pgTable(
  'cases',
  {
    id: uuidKey(),
    type: text('type').notNull(),
    applicantKind: text('applicant_kind').notNull(), // investor | issuer_agent | …: the principal who applied
    applicantId: text('applicant_id').notNull(),
    subjectRef: text('subject_ref').notNull(), // what the case is for (an opaque reference the case type understands)
    subjectLabel: text('subject_label').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    attachments: jsonb('attachments').$type<CaseAttachment[]>().notNull().default([]),
    state: text('state').notNull(),
    /** the data fields a send-back reopened for the applicant; empty otherwise */
    reopenedFields: jsonb('reopened_fields').$type<string[]>().notNull().default([]),
    assigneeId: uuid('assignee_id'),
    dueAt: ts('due_at'),
    createdByKind: text('created_by_kind').notNull(),
    createdById: text('created_by_id').notNull(),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull(),
    closedAt: ts('closed_at'),
    version: integer('version').notNull(),
  },
  (t) => [
    index('cases_type_state_idx').on(t.type, t.state, t.createdAt),
    index('cases_assignee_idx').on(t.assigneeId),
    index('cases_applicant_idx').on(t.applicantKind, t.applicantId),
    index('cases_due_idx').on(t.dueAt),
  ],
);

/** The case a history entry or a notice belongs to. */
const caseId = () =>
  uuid('case_id')
    .notNull()
    .references(() => cases.id);

/** Everything that happened to a case, in order. Append-only: a trigger refuses UPDATE and DELETE. */
export const caseHistory = pgTable(
  'case_history',
  {
    id: serialKey(),
    caseId: caseId(),
    at: ts('at').notNull(),
    actorKind: text('actor_kind').notNull(),
    actorId: text('actor_id').notNull(),
    action: text('action').notNull(),
    fromState: text('from_state'),
    toState: text('to_state'),
    comment: text('comment'),
    /** the fields a send-back named, or the fields a resubmission changed */
    fields: jsonb('fields').$type<string[]>(),
    /** the version of the case this entry made */
    version: integer('version').notNull(),
  },
  (t) => [index('case_history_case_idx').on(t.caseId, t.id)],
);

/** What the applicant is told about their case (the halls read these); written in the transition's transaction. */
export const caseNotices = pgTable(
  'case_notices',
  {
    id: uuidKey(),
    caseId: caseId(),
    recipientKind: text('recipient_kind').notNull(),
    recipientId: text('recipient_id').notNull(),
    caseType: text('case_type').notNull(),
    action: text('action').notNull(),
    state: text('state').notNull(),
    comment: text('comment'),
    fields: jsonb('fields').$type<string[]>(),
    createdAt: createdAt(),
    readAt: ts('read_at'),
  },
  (t) => [index('case_notices_recipient_idx').on(t.recipientKind, t.recipientId, t.createdAt)],
);
