import { isOverdue, type CaseHistoryRow, type CaseNoticeRow, type CaseRow } from '../../platform/cases/index.ts';

const iso = (at: Date | null) => (at ? at.toISOString() : null);

export function caseSummary(row: CaseRow, now: Date, viewerId: string) {
  return {
    id: row.id,
    type: row.type,
    state: row.state,
    subjectRef: row.subjectRef,
    subjectLabel: row.subjectLabel,
    applicant: { kind: row.applicantKind, id: row.applicantId },
    assigneeId: row.assigneeId,
    assignedToMe: row.assigneeId === viewerId,
    reopenedFields: row.reopenedFields,
    dueAt: iso(row.dueAt),
    overdue: isOverdue(row, now),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    closedAt: iso(row.closedAt),
    version: row.version,
  };
}

export function caseWithData(row: CaseRow, now: Date, viewerId: string) {
  return { ...caseSummary(row, now, viewerId), data: row.data, attachments: row.attachments };
}

export function historyEntry(entry: CaseHistoryRow) {
  return {
    at: entry.at.toISOString(),
    actorKind: entry.actorKind,
    actorId: entry.actorId,
    action: entry.action,
    fromState: entry.fromState,
    toState: entry.toState,
    comment: entry.comment,
    fields: entry.fields,
  };
}

/** What the applicant sees of the history: the moves and what was said to them, not the staff's claims and internal comments. */
export function applicantHistoryEntry(entry: CaseHistoryRow) {
  return { ...historyEntry(entry), actorId: entry.actorKind === 'staff' ? '' : entry.actorId };
}

export function noticeView(notice: CaseNoticeRow) {
  return {
    id: notice.id,
    caseId: notice.caseId,
    caseType: notice.caseType,
    action: notice.action,
    state: notice.state,
    comment: notice.comment,
    fields: notice.fields,
    createdAt: notice.createdAt.toISOString(),
    readAt: iso(notice.readAt),
  };
}
