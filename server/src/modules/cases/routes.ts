import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import {
  allowedActions,
  caseTypes,
  findCase,
  historyOf,
  keepCase,
  listCases,
  markNoticeRead,
  noticesFor,
  reviews,
  takeAction,
  type CaseActor,
  type CaseRow,
  type CaseType,
  type CaseTypeRegistry,
} from '../../platform/cases/index.ts';
import { AppError } from '../../platform/errors.ts';
import { metaOf, requireSession } from '../../platform/http/auth.ts';
import { NoContent, Obj, pageRequestOf } from '../../platform/http/schemas.ts';
import { staffPrincipal } from '../identity/index.ts';
import { CaseDetailSchema, CaseIdParams, CaseNoticeSchema, CaseSummarySchema, CaseTypeSchema, HousekeepingBody, ResubmitBody, StaffActionBody, StaffCaseQuery, WithdrawBody } from './case-schemas.ts';
import { applicantHistoryEntry, caseSummary, caseWithData, historyEntry, noticeView } from './views.ts';

/** A signed-in staff user holding the permission, as a case actor with their roles. */
async function staffActor(ctx: AppContext, request: FastifyRequest, permission: 'cases.read' | 'cases.review'): Promise<CaseActor> {
  const session = requireSession(request, 'staff');
  const principal = await staffPrincipal(ctx.db, session.principalId);
  if (!principal) throw new AppError('UNAUTHENTICATED');
  if (!principal.permissions.includes(permission)) throw new AppError('FORBIDDEN');
  return { kind: 'staff', id: principal.id, roles: principal.roles };
}

function investorActor(request: FastifyRequest): CaseActor {
  return { kind: 'investor', id: requireSession(request, 'investor').principalId };
}

/**
 * Review cases over HTTP: the staff queue (/api/v1/staff/cases) and the
 * applicant's side (/api/v1/investor/cases). Which actions a user may take
 * comes from the case type's table (platform/cases); these routes only translate.
 */
export const caseRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext; registry?: CaseTypeRegistry }> = async (app, { ctx, registry = caseTypes }) => {
  const typeOf = (row: CaseRow): CaseType => {
    const type = registry.get(row.type);
    if (!type) throw new AppError('CASE_TYPE_UNKNOWN');
    return type;
  };

  /** A case of a type the staff user reviews (any other is not theirs to see). */
  const reviewedCase = async (actor: CaseActor, id: string) => {
    const row = await findCase(ctx.db, id);
    const type = row && registry.get(row.type);
    if (!row || !type || !reviews(type, actor)) throw new AppError('CASE_NOT_FOUND');
    return { row, type };
  };

  /** One of the applicant's own cases. */
  const ownCase = async (actor: CaseActor, id: string) => {
    const row = await findCase(ctx.db, id);
    if (!row || row.applicantKind !== actor.kind || row.applicantId !== actor.id) throw new AppError('CASE_NOT_FOUND');
    return { row, type: typeOf(row) };
  };

  const detail = async (row: CaseRow, type: CaseType, actor: CaseActor, audience: 'staff' | 'applicant') => {
    const now = ctx.clock.now();
    const history = await historyOf(ctx.db, row.id);
    const shown = audience === 'staff' ? history.map(historyEntry) : history.filter((h) => h.toState !== null).map(applicantHistoryEntry);
    return { case: caseWithData(row, now, actor.id), history: shown, actions: allowedActions(type, row, history, actor), fields: [...type.fields] };
  };

  const staffTags = ['staff cases'];
  const applicantTags = ['investor cases'];

  app.get('/api/v1/staff/case-types', { schema: { tags: staffTags, summary: 'The case types whose tables name one of your roles', response: { 200: Obj({ items: Type.Array(CaseTypeSchema) }) } } }, async (request) => {
    const actor = await staffActor(ctx, request, 'cases.read');
    const items = registry
      .all()
      .filter((type) => reviews(type, actor))
      .map((type) => ({ name: type.name, states: [...type.machine.states], actions: [...new Set(type.machine.transitions.map((t) => t.action as string))], fields: [...type.fields] }));
    return { items };
  });

  app.get(
    '/api/v1/staff/cases',
    {
      schema: {
        tags: staffTags,
        summary: 'The review queue: open cases of your types, oldest first, by type, state, assignee and age',
        querystring: StaffCaseQuery,
        response: { 200: Obj({ items: Type.Array(CaseSummarySchema), total: Type.Integer() }) },
      },
    },
    async (request) => {
      const actor = await staffActor(ctx, request, 'cases.read');
      const query = request.query;
      const mine = registry
        .all()
        .filter((type) => reviews(type, actor))
        .map((type) => type.name);
      const types = query.type ? mine.filter((name) => name === query.type) : mine;
      const now = ctx.clock.now();
      const { items, total } = await listCases(ctx.db, now, {
        types,
        state: query.state,
        assignee: query.assignee === 'me' ? actor.id : query.assignee,
        overdue: query.overdue === 'true',
        olderThanDays: query.olderThanDays === undefined ? undefined : Number(query.olderThanDays),
        includeClosed: query.includeClosed === 'true',
        ...pageRequestOf(query),
      });
      return { items: items.map((row) => caseSummary(row, now, actor.id)), total };
    },
  );

  app.get(
    '/api/v1/staff/cases/:id',
    { schema: { tags: staffTags, summary: 'One case: its data, history and the actions you may take now', params: CaseIdParams, response: { 200: CaseDetailSchema } } },
    async (request) => {
      const actor = await staffActor(ctx, request, 'cases.read');
      const { row, type } = await reviewedCase(actor, request.params.id);
      return detail(row, type, actor, 'staff');
    },
  );

  for (const action of ['claim', 'release', 'comment'] as const) {
    app.post(
      `/api/v1/staff/cases/:id/${action}`,
      {
        schema: {
          tags: staffTags,
          summary: { claim: '认领: take the case as yours', release: '释放: give the case back to the queue', comment: '备注: an internal comment' }[action],
          params: CaseIdParams,
          body: HousekeepingBody,
          response: { 200: CaseDetailSchema },
        },
      },
      async (request) => {
        const actor = await staffActor(ctx, request, 'cases.review');
        const { type } = await reviewedCase(actor, request.params.id);
        const row = await keepCase(ctx, metaOf(request), type, { caseId: request.params.id, actor, action, comment: request.body.comment, expectedVersion: request.body.version });
        return detail(row, type, actor, 'staff');
      },
    );
  }

  app.post(
    '/api/v1/staff/cases/:id/actions',
    {
      schema: {
        tags: staffTags,
        summary: "Takes an action of the case type's table: send_back (naming the fields to correct), approve, reject (with a reason) or the type's own",
        params: CaseIdParams,
        body: StaffActionBody,
        response: { 200: CaseDetailSchema },
      },
    },
    async (request) => {
      const actor = await staffActor(ctx, request, 'cases.review');
      const { type } = await reviewedCase(actor, request.params.id);
      const { action, version, comment, fields } = request.body;
      const row = await takeAction(ctx, metaOf(request), type, { caseId: request.params.id, actor, action, expectedVersion: version, comment, fields });
      return detail(row, type, actor, 'staff');
    },
  );

  app.get(
    '/api/v1/investor/cases',
    { schema: { tags: applicantTags, summary: 'Your applications under review, newest last', response: { 200: Obj({ items: Type.Array(CaseSummarySchema), total: Type.Integer() }) } } },
    async (request) => {
      const actor = investorActor(request);
      const now = ctx.clock.now();
      const types = registry.all().map((type) => type.name);
      const { items, total } = await listCases(ctx.db, now, { types, applicant: actor, includeClosed: true, page: 1, pageSize: 200 });
      return { items: items.map((row) => caseSummary(row, now, actor.id)), total };
    },
  );

  app.get(
    '/api/v1/investor/cases/:id',
    { schema: { tags: applicantTags, summary: 'One of your applications: its state, what was sent back and what you may do', params: CaseIdParams, response: { 200: CaseDetailSchema } } },
    async (request) => {
      const actor = investorActor(request);
      const { row, type } = await ownCase(actor, request.params.id);
      return detail(row, type, actor, 'applicant');
    },
  );

  app.post(
    '/api/v1/investor/cases/:id/resubmit',
    {
      schema: {
        tags: applicantTags,
        summary: '补正后重新提交: changes only the fields sent back for correction',
        params: CaseIdParams,
        body: ResubmitBody,
        response: { 200: CaseDetailSchema },
      },
    },
    async (request) => {
      const actor = investorActor(request);
      const { type } = await ownCase(actor, request.params.id);
      const { version, changes, attachments } = request.body;
      const row = await takeAction(ctx, metaOf(request), type, { caseId: request.params.id, actor, action: 'resubmit', expectedVersion: version, changes, attachments });
      return detail(row, type, actor, 'applicant');
    },
  );

  app.post('/api/v1/investor/cases/:id/withdraw', { schema: { tags: applicantTags, summary: '撤回申请', params: CaseIdParams, body: WithdrawBody, response: { 200: CaseDetailSchema } } }, async (request) => {
    const actor = investorActor(request);
    const { type } = await ownCase(actor, request.params.id);
    const row = await takeAction(ctx, metaOf(request), type, { caseId: request.params.id, actor, action: 'withdraw', expectedVersion: request.body.version, comment: request.body.comment });
    return detail(row, type, actor, 'applicant');
  });

  app.get(
    '/api/v1/investor/case-notices',
    { schema: { tags: applicantTags, summary: 'What happened to your applications, newest first', response: { 200: Obj({ items: Type.Array(CaseNoticeSchema) }) } } },
    async (request) => ({ items: (await noticesFor(ctx.db, investorActor(request))).map(noticeView) }),
  );

  app.post('/api/v1/investor/case-notices/:id/read', { schema: { tags: applicantTags, summary: 'Marks one of your notices read', params: CaseIdParams, response: { 204: NoContent } } }, async (request, reply) => {
    await markNoticeRead(ctx.db, ctx.clock.now(), investorActor(request), request.params.id);
    return reply.code(204).send(null);
  });
};
