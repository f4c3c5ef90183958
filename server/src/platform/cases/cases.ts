import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, inArray, isNotNull, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { Value } from '@sinclair/typebox/value';
import { audit, type Actor, type RequestMeta } from '../audit/audit.ts';
import type { Clock } from '../clock.ts';
import type { Executor, Tx } from '../db/client.ts';
import { AppError } from '../errors.ts';
import type { CaseType } from './define.ts';
import './errors.ts';
import { refusalOf, housekeepingRefusalOf, type CaseActor, type CaseHousekeeping } from './rules.ts';
import { caseHistory, caseNotices, cases, type CaseAttachment } from './schema.ts';

export type CaseRow = typeof cases.$inferSelect;
export type CaseHistoryRow = typeof caseHistory.$inferSelect;
export type CaseNoticeRow = typeof caseNotices.$inferSelect;

/** What the kernel needs from the application context. */
export interface CaseDeps {
  db: Executor;
  clock: Clock;
}

export interface OpenCaseInput {
  /** who submits: the applicant, or a staff user entering the case on the applicant's behalf */
  actor: CaseActor;
  /** the applicant, when the actor submits on their behalf */
  applicant?: { kind: string; id: string };
  subjectRef: string;
  subjectLabel: string;
  data: Record<string, unknown>;
  attachments?: CaseAttachment[];
}

export interface CaseActionInput {
  caseId: string;
  actor: CaseActor;
  action: string;
  /** the version the actor saw; a newer case refuses the action */
  expectedVersion?: number;
  comment?: string;
  /** send_back: the data fields to correct */
  fields?: string[];
  /** resubmit: new values of reopened fields */
  changes?: Record<string, unknown>;
  /** resubmit: files replacing those of reopened fields */
  attachments?: CaseAttachment[];
}

const HOUR = 3_600_000;

function dueAtFor(type: CaseType, state: string, now: Date): Date | null {
  const hours = type.dueHours[state];
  return hours === undefined ? null : new Date(now.getTime() + hours * HOUR);
}

// The audit trail's actor kinds are a closed list for people; an applicant kind (investor, issuer agent…) is stored as it is.
const auditActor = (actor: CaseActor): Actor => ({ kind: actor.kind as Actor['kind'], id: actor.id });

function checkData(type: CaseType, data: Record<string, unknown>): void {
  if (!Value.Check(type.data, data)) throw new AppError('CASE_DATA_INVALID', { issues: [...Value.Errors(type.data, data)].slice(0, 5).map((e) => ({ field: e.path, message: e.message })) });
}

/** Opens a case in its type's initial state: the case, its first history entry, the audit entry and the applicant's notice, in one transaction. */
export async function openCase(deps: CaseDeps, meta: RequestMeta, type: CaseType, input: OpenCaseInput): Promise<CaseRow> {
  checkData(type, input.data);
  const applicant = input.applicant ?? { kind: input.actor.kind, id: input.actor.id };
  if (applicant.kind !== type.subject.applicantKind) throw new AppError('CASE_ROLE_NOT_ALLOWED');
  const now = deps.clock.now();
  const state = type.machine.initial;
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(cases)
      .values({
        id: randomUUID(),
        type: type.name,
        applicantKind: applicant.kind,
        applicantId: applicant.id,
        subjectRef: input.subjectRef,
        subjectLabel: input.subjectLabel,
        data: input.data,
        attachments: input.attachments ?? [],
        state,
        reopenedFields: [],
        dueAt: dueAtFor(type, state, now),
        createdByKind: input.actor.kind,
        createdById: input.actor.id,
        createdAt: now,
        updatedAt: now,
        version: 1,
      })
      .returning();
    await record(tx, now, meta, row!, input.actor, { action: 'submit', from: null, to: state });
    return row!;
  });
}

interface Step {
  action: string;
  from: string | null;
  to: string | null;
  comment?: string | null;
  fields?: string[] | null;
}

/** The history entry, the audit entry and (when the state moved) the applicant's notice of one write. */
async function record(tx: Tx, now: Date, meta: RequestMeta, row: CaseRow, actor: CaseActor, step: Step): Promise<void> {
  await tx.insert(caseHistory).values({
    caseId: row.id,
    at: now,
    actorKind: actor.kind,
    actorId: actor.id,
    action: step.action,
    fromState: step.from,
    toState: step.to,
    comment: step.comment ?? null,
    fields: step.fields ?? null,
    version: row.version,
  });
  await audit(tx, now, meta, {
    actor: auditActor(actor),
    action: `case.${step.action}`,
    objectType: 'case',
    objectId: row.id,
    details: { type: row.type, from: step.from, to: step.to, version: row.version, ...(step.fields ? { fields: step.fields } : {}) },
  });
  if (step.to === null) return;
  await tx.insert(caseNotices).values({
    id: randomUUID(),
    caseId: row.id,
    recipientKind: row.applicantKind,
    recipientId: row.applicantId,
    caseType: row.type,
    action: step.action,
    state: step.to,
    comment: step.action === 'comment' ? null : (step.comment ?? null),
    fields: step.fields ?? null,
    createdAt: now,
  });
}

async function loadOfType(ex: Executor, type: CaseType, caseId: string): Promise<CaseRow> {
  const [row] = await ex.select().from(cases).where(eq(cases.id, caseId));
  if (!row || row.type !== type.name) throw new AppError('CASE_NOT_FOUND');
  return row;
}

/** Writes `patch` only if nobody changed the case since it was read: the loser of a race gets CASE_CHANGED. */
async function writeIfUnchanged(tx: Tx, row: CaseRow, now: Date, patch: Partial<typeof cases.$inferInsert>): Promise<CaseRow> {
  const [updated] = await tx
    .update(cases)
    .set({ ...patch, updatedAt: now, version: row.version + 1 })
    .where(and(eq(cases.id, row.id), eq(cases.version, row.version), eq(cases.state, row.state)))
    .returning();
  if (!updated) throw new AppError('CASE_CHANGED');
  return updated;
}

function refuse(code: string | undefined): void {
  if (code) throw new AppError(code);
}

/** What a state-moving action changes besides the state, after its own checks. */
function effectsOf(type: CaseType, row: CaseRow, input: CaseActionInput): { patch: Partial<typeof cases.$inferInsert>; fields: string[] | null } {
  if (input.action === 'send_back') {
    const fields = [...new Set(input.fields ?? [])];
    if (fields.length === 0) throw new AppError('CASE_FIELDS_REQUIRED');
    for (const field of fields) if (!type.fields.includes(field)) throw new AppError('CASE_UNKNOWN_FIELD', { field });
    return { patch: { reopenedFields: fields }, fields };
  }
  if (input.action === 'resubmit') {
    const changes = input.changes ?? {};
    const changed = Object.keys(changes);
    const reopened = new Set(row.reopenedFields);
    for (const field of changed) {
      if (!type.fields.includes(field)) throw new AppError('CASE_UNKNOWN_FIELD', { field });
      if (!reopened.has(field)) throw new AppError('CASE_FIELD_NOT_REOPENED', { field });
    }
    const replaced = input.attachments ?? [];
    for (const file of replaced) if (!file.field || !reopened.has(file.field)) throw new AppError('CASE_FIELD_NOT_REOPENED', { field: file.field ?? 'attachments' });
    const data = { ...row.data, ...changes };
    checkData(type, data);
    const replacedFields = new Set(replaced.map((file) => file.field));
    const attachments = replaced.length ? [...row.attachments.filter((file) => !replacedFields.has(file.field)), ...replaced] : row.attachments;
    return { patch: { data, attachments, reopenedFields: [] }, fields: changed };
  }
  if (input.action === 'reject' && !input.comment?.trim()) throw new AppError('CASE_REASON_REQUIRED');
  return { patch: {}, fields: null };
}

/**
 * Takes one action of the case type's table: checks the move, the actor's role,
 * the claim, four-eyes and the guard, then moves the state with its history,
 * audit entry and notice in one transaction. Every move releases the case: the
 * next step is new work for whoever claims it.
 */
export async function takeAction(deps: CaseDeps, meta: RequestMeta, type: CaseType, input: CaseActionInput): Promise<CaseRow> {
  return deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    const row = await loadOfType(tx, type, input.caseId);
    if (input.expectedVersion !== undefined && input.expectedVersion !== row.version) throw new AppError('CASE_CHANGED');
    const history = await historyOf(tx, row.id);
    refuse(refusalOf(type, row, history, input.actor, input.action));
    const to = type.machine.next(row.state, input.action);
    const { patch, fields } = effectsOf(type, row, input);
    const final = type.machine.final.includes(to);
    const updated = await writeIfUnchanged(tx, row, now, { ...patch, state: to, assigneeId: null, dueAt: final ? null : dueAtFor(type, to, now), closedAt: final ? now : null });
    await record(tx, now, meta, updated, input.actor, { action: input.action, from: row.state, to, comment: input.comment?.trim() || null, fields });
    return updated;
  });
}

/** Claim, release or comment: the state does not move; the history and the audit trail still record it. */
export async function keepCase(deps: CaseDeps, meta: RequestMeta, type: CaseType, input: { caseId: string; actor: CaseActor; action: CaseHousekeeping; comment?: string; expectedVersion?: number }): Promise<CaseRow> {
  if (input.action === 'comment' && !input.comment?.trim()) throw new AppError('CASE_COMMENT_REQUIRED');
  return deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    const row = await loadOfType(tx, type, input.caseId);
    if (input.expectedVersion !== undefined && input.expectedVersion !== row.version) throw new AppError('CASE_CHANGED');
    refuse(housekeepingRefusalOf(type, row, input.actor, input.action));
    const assigneeId = input.action === 'claim' ? input.actor.id : input.action === 'release' ? null : row.assigneeId;
    const updated = await writeIfUnchanged(tx, row, now, { assigneeId });
    await record(tx, now, meta, updated, input.actor, { action: input.action, from: null, to: null, comment: input.comment?.trim() || null });
    return updated;
  });
}

export async function findCase(ex: Executor, caseId: string): Promise<CaseRow | undefined> {
  const [row] = await ex.select().from(cases).where(eq(cases.id, caseId));
  return row;
}

export async function historyOf(ex: Executor, caseId: string): Promise<CaseHistoryRow[]> {
  return ex.select().from(caseHistory).where(eq(caseHistory.caseId, caseId)).orderBy(asc(caseHistory.id));
}

export interface CaseFilters {
  /** only these types (a reviewer sees the types whose tables name one of their roles) */
  types: readonly string[];
  state?: string;
  /** a staff user's id, or 'none' for unclaimed cases */
  assignee?: string;
  overdue?: boolean;
  /** opened at least this many days ago */
  olderThanDays?: number;
  /** false: only cases still open (the default); true: closed ones too */
  includeClosed?: boolean;
  applicant?: { kind: string; id: string };
  page: number;
  pageSize: number;
}

/** The queue: oldest first, so the longest-waiting case is on top. */
export async function listCases(ex: Executor, now: Date, filters: CaseFilters): Promise<{ items: CaseRow[]; total: number }> {
  if (filters.types.length === 0) return { items: [], total: 0 };
  const where: SQL[] = [inArray(cases.type, [...filters.types])];
  if (filters.state) where.push(eq(cases.state, filters.state));
  if (filters.assignee === 'none') where.push(isNull(cases.assigneeId));
  else if (filters.assignee) where.push(eq(cases.assigneeId, filters.assignee));
  if (filters.overdue) where.push(isNotNull(cases.dueAt), lt(cases.dueAt, now));
  if (filters.olderThanDays !== undefined) where.push(lt(cases.createdAt, new Date(now.getTime() - filters.olderThanDays * 24 * HOUR)));
  if (!filters.includeClosed && !filters.state) where.push(isNull(cases.closedAt));
  if (filters.applicant) where.push(eq(cases.applicantKind, filters.applicant.kind), eq(cases.applicantId, filters.applicant.id));
  const condition = and(...where);
  const [{ total }] = (await ex.select({ total: count() }).from(cases).where(condition)) as [{ total: number }];
  const items = await ex
    .select()
    .from(cases)
    .where(condition)
    .orderBy(asc(cases.createdAt), asc(cases.id))
    .limit(filters.pageSize)
    .offset((filters.page - 1) * filters.pageSize);
  return { items, total: Number(total) };
}

export function isOverdue(row: CaseRow, now: Date): boolean {
  return row.dueAt !== null && row.closedAt === null && row.dueAt.getTime() < now.getTime();
}

export async function noticesFor(ex: Executor, recipient: { kind: string; id: string }, limit = 50): Promise<CaseNoticeRow[]> {
  return ex
    .select()
    .from(caseNotices)
    .where(and(eq(caseNotices.recipientKind, recipient.kind), eq(caseNotices.recipientId, recipient.id)))
    .orderBy(desc(caseNotices.createdAt), desc(caseNotices.id))
    .limit(limit);
}

export async function markNoticeRead(ex: Executor, now: Date, recipient: { kind: string; id: string }, noticeId: string): Promise<void> {
  await ex
    .update(caseNotices)
    .set({ readAt: sql`coalesce(${caseNotices.readAt}, ${now})` })
    .where(and(eq(caseNotices.id, noticeId), eq(caseNotices.recipientKind, recipient.kind), eq(caseNotices.recipientId, recipient.id)));
}
