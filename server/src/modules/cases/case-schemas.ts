import { Type, type Static } from '@sinclair/typebox';
import { Obj, Str, Uuid } from '../../platform/http/schemas.ts';

const IsoTime = Type.String({ format: 'date-time' });
const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);
const FieldName = Str(60, { minLength: 1 });
const Comment = Str(2000);

export const CaseAttachmentSchema = Obj({ fileKey: Type.String(), filename: Type.String(), contentType: Type.String(), field: Type.Optional(Type.String()) });

export const CaseSummarySchema = Obj({
  id: Type.String(),
  type: Type.String(),
  state: Type.String(),
  subjectRef: Type.String(),
  subjectLabel: Type.String(),
  applicant: Obj({ kind: Type.String(), id: Type.String() }),
  assigneeId: Nullable(Type.String()),
  assignedToMe: Type.Boolean(),
  reopenedFields: Type.Array(Type.String()),
  dueAt: Nullable(IsoTime),
  overdue: Type.Boolean(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
  closedAt: Nullable(IsoTime),
  version: Type.Integer(),
});

export const CaseHistoryEntrySchema = Obj({
  at: IsoTime,
  actorKind: Type.String(),
  actorId: Type.String(),
  action: Type.String(),
  fromState: Nullable(Type.String()),
  toState: Nullable(Type.String()),
  comment: Nullable(Type.String()),
  fields: Type.Union([Type.Array(Type.String()), Type.Null()]),
});

export const CaseDetailSchema = Obj({
  case: Obj({ ...CaseSummarySchema.properties, data: Type.Record(Type.String(), Type.Unknown()), attachments: Type.Array(CaseAttachmentSchema) }),
  history: Type.Array(CaseHistoryEntrySchema),
  /** the actions this user may take now: the table's moves that pass every check, then claim/release/comment */
  actions: Type.Array(Type.String()),
  /** the fields of the case type's data, for naming those a send-back reopens */
  fields: Type.Array(Type.String()),
});

export const CaseTypeSchema = Obj({ name: Type.String(), states: Type.Array(Type.String()), actions: Type.Array(Type.String()), fields: Type.Array(Type.String()) });

export const CaseNoticeSchema = Obj({
  id: Type.String(),
  caseId: Type.String(),
  caseType: Type.String(),
  action: Type.String(),
  state: Type.String(),
  comment: Nullable(Type.String()),
  fields: Type.Union([Type.Array(Type.String()), Type.Null()]),
  createdAt: IsoTime,
  readAt: Nullable(IsoTime),
});

export const CaseIdParams = Obj({ id: Uuid });

const MACHINE_NAME = '^[a-z][a-z0-9_.-]*$';

export const StaffCaseQuery = Obj({
  // machine names (`<module>.<what>`, a state's name): lowercase, so no account or ID number fits in a filter's URL
  type: Type.Optional(Str(80, { minLength: 1, pattern: MACHINE_NAME })),
  state: Type.Optional(Str(60, { minLength: 1, pattern: MACHINE_NAME })),
  /** 'me', 'none' (unclaimed) or a staff user's id */
  assignee: Type.Optional(Type.Union([Type.Literal('me'), Type.Literal('none'), Uuid])),
  overdue: Type.Optional(Type.Literal('true')),
  olderThanDays: Type.Optional(Type.String({ pattern: '^[0-9]{1,4}$' })),
  includeClosed: Type.Optional(Type.Literal('true')),
  page: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,5}$' })),
  pageSize: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,2}$' })),
});
export type StaffCaseQuery = Static<typeof StaffCaseQuery>;

export const Version = Type.Integer({ minimum: 1, description: 'the version of the case the user saw; a newer case refuses the action (409)' });
export const HousekeepingBody = Obj({ version: Type.Optional(Version), comment: Type.Optional(Comment) });
export const StaffActionBody = Obj({
  action: Str(60, { minLength: 1 }),
  version: Version,
  comment: Type.Optional(Comment),
  fields: Type.Optional(Type.Array(FieldName, { maxItems: 50 })),
});
export const ResubmitBody = Obj({
  version: Version,
  changes: Type.Record(Type.String({ maxLength: 60 }), Type.Unknown()),
  attachments: Type.Optional(Type.Array(CaseAttachmentSchema, { maxItems: 20 })),
});
export const WithdrawBody = Obj({ version: Version, comment: Type.Optional(Comment) });
