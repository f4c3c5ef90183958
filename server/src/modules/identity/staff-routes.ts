import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.ts';
import { searchAudit } from '../../platform/audit/queries.ts';
import { verifyAuditChainShared } from '../../platform/audit/chain.ts';
import { listJobs } from '../../platform/jobs/queries.ts';
import { metaOf, setSessionCookie } from '../../platform/http/auth.ts';
import { Obj, Page, Str, Uuid, pageRequestOf, routesTagged } from '../../platform/http/schemas.ts';
import { AppError } from '../../platform/errors.ts';
import { roleNames, roleSpec } from './roles.ts';
import { Organisation, OrganisationKind, StaffPrincipal } from './route-schemas.ts';
import { authorise } from './guards.ts';
import { createOrganisation, createStaffUser, listOrganisations, listStaffUsers, loginStaff, resetStaffTotp, setStaffRoles, setStaffStatus, unlockStaffUser } from './staff.ts';
import { limitPasswordRoute } from './routes.ts';

const StaffUser = Obj({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  organisation: Organisation,
  roles: Type.Array(Type.String()),
  status: Type.String(),
  lockedUntil: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
});
const Totp = Obj({ secret: Type.String(), otpauthUri: Type.String(), qrDataUrl: Type.String() });
const RoleName = Type.String({ maxLength: 40 });
const IdParam = Obj({ id: Uuid });
const IsoDate = Type.String({ format: 'date-time', maxLength: 40 });

/** An IsoDate query value as a Date. RFC 3339 allows a leap second (23:59:60) that a JavaScript Date cannot hold. */
function dateOf(value: string | undefined, field: string): Date | undefined {
  if (value === undefined) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new AppError('VALIDATION_FAILED', { issues: [{ field: `querystring/${field}`, rule: 'format', message: 'must be a representable date-time' }] });
  return date;
}

export const staffRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const route = routesTagged(['staff']);

  app.post(
    '/api/v1/staff/login',
    route('Staff sign-in: user name, password and authenticator code (TOTP)', {
      body: Obj({ username: Str(64, { minLength: 1 }), password: Type.String({ minLength: 1, maxLength: 128 }), totpCode: Str(10) }),
      response: { 200: Obj({ principal: StaffPrincipal }) },
    }),
    async (request, reply) => {
      await limitPasswordRoute(ctx, request, 'staff-login');
      const { token, principal } = await loginStaff(ctx, metaOf(request), request.body);
      setSessionCookie(reply, token, ctx.config.cookieSecure!);
      return { principal };
    },
  );

  app.get(
    '/api/v1/staff/roles',
    route('Roles by kind of organisation, with their permissions', {
      response: { 200: Obj({ items: Type.Array(Obj({ role: Type.String(), organisationKind: OrganisationKind, permissions: Type.Array(Type.String()) })) }) },
    }),
    async (request) => {
      await authorise(ctx, request, 'staff.manage');
      return { items: roleNames().map((role) => ({ role, organisationKind: roleSpec(role)!.organisationKind, permissions: [...roleSpec(role)!.permissions] })) };
    },
  );

  app.get('/api/v1/staff/organisations', route('Organisations (机构)', { response: { 200: Obj({ items: Type.Array(Organisation) }) } }), async (request) => {
    await authorise(ctx, request, 'staff.manage');
    return { items: await listOrganisations(ctx.db) };
  });

  app.post(
    '/api/v1/staff/organisations',
    route('Create an organisation (depository, broker or futures company)', {
      body: Obj({ kind: OrganisationKind, code: Type.String({ pattern: '^[A-Za-z0-9_-]{2,20}$' }), name: Str(100, { minLength: 1 }) }),
      response: { 200: Organisation },
    }),
    async (request) => {
      const actor = await authorise(ctx, request, 'staff.manage');
      return createOrganisation(ctx, metaOf(request), actor, request.body);
    },
  );

  app.get(
    '/api/v1/staff/users',
    route('Staff users (用户管理), of one organisation or all', {
      querystring: Obj({ organisationId: Type.Optional(Uuid) }),
      response: { 200: Obj({ items: Type.Array(StaffUser) }) },
    }),
    async (request) => {
      await authorise(ctx, request, 'staff.manage');
      return { items: await listStaffUsers(ctx.db, request.query) };
    },
  );

  app.post(
    '/api/v1/staff/users/search',
    route('Find staff users (用户管理) by username or name; the search text is in the body, so no name is in a URL', {
      body: Obj({ organisationId: Type.Optional(Uuid), q: Type.Optional(Str(64)) }),
      response: { 200: Obj({ items: Type.Array(StaffUser) }) },
    }),
    async (request) => {
      await authorise(ctx, request, 'staff.manage');
      return { items: await listStaffUsers(ctx.db, request.body) };
    },
  );

  app.post(
    '/api/v1/staff/users',
    route('Create a staff user; the authenticator enrolment is returned once', {
      body: Obj({
        organisationId: Uuid,
        username: Str(32, { minLength: 1 }),
        displayName: Str(64, { minLength: 1 }),
        password: Type.String({ minLength: 1, maxLength: 128 }),
        roles: Type.Array(RoleName, { maxItems: 20 }),
      }),
      response: { 200: Obj({ user: StaffUser, totp: Totp }) },
    }),
    async (request) => {
      const actor = await authorise(ctx, request, 'staff.manage');
      await limitPasswordRoute(ctx, request, 'staff-create-user');
      return createStaffUser(ctx, metaOf(request), actor, request.body);
    },
  );

  app.put('/api/v1/staff/users/:id/roles', route("Set a staff user's roles", { params: IdParam, body: Obj({ roles: Type.Array(RoleName, { maxItems: 20 }) }), response: { 200: StaffUser } }), async (request) => {
    const actor = await authorise(ctx, request, 'staff.manage');
    return setStaffRoles(ctx, metaOf(request), actor, request.params.id, request.body.roles);
  });

  app.post(
    '/api/v1/staff/users/:id/status',
    route('Disable or enable a staff user', {
      params: IdParam,
      body: Obj({ status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]) }),
      response: { 200: StaffUser },
    }),
    async (request) => {
      const actor = await authorise(ctx, request, 'staff.manage');
      return setStaffStatus(ctx, metaOf(request), actor, request.params.id, request.body.status);
    },
  );

  app.post('/api/v1/staff/users/:id/unlock', route('Clear the sign-in throttle of a staff user', { params: IdParam, body: Type.Optional(Obj({})), response: { 200: StaffUser } }), async (request) => {
    const actor = await authorise(ctx, request, 'staff.manage');
    return unlockStaffUser(ctx, metaOf(request), actor, request.params.id);
  });

  app.post('/api/v1/staff/users/:id/totp-reset', route("Replace a staff user's authenticator secret", { params: IdParam, body: Type.Optional(Obj({})), response: { 200: Obj({ totp: Totp }) } }), async (request) => {
    const actor = await authorise(ctx, request, 'staff.manage');
    return resetStaffTotp(ctx, metaOf(request), actor, request.params.id);
  });

  app.post(
    '/api/v1/staff/audit/search',
    route('The audit trail (审计日志), newest first; the filters are in the body, as an object id may be an account number', {
      body: Obj({
        ...Page.properties,
        from: Type.Optional(IsoDate),
        to: Type.Optional(IsoDate),
        actorKind: Type.Optional(Str(20)),
        actorId: Type.Optional(Str(64)),
        action: Type.Optional(Str(80)),
        objectType: Type.Optional(Str(40)),
        objectId: Type.Optional(Str(80)),
      }),
      response: {
        200: Obj({
          items: Type.Array(
            Obj({
              id: Type.String(),
              at: Type.String(),
              actorKind: Type.String(),
              actorId: Type.Union([Type.String(), Type.Null()]),
              actorLabel: Type.Union([Type.String(), Type.Null()]),
              action: Type.String(),
              objectType: Type.Union([Type.String(), Type.Null()]),
              objectId: Type.Union([Type.String(), Type.Null()]),
              ip: Type.Union([Type.String(), Type.Null()]),
              requestId: Type.Union([Type.String(), Type.Null()]),
              details: Type.Record(Type.String(), Type.Unknown()),
            }),
          ),
          total: Type.Integer(),
        }),
      },
    }),
    async (request) => {
      await authorise(ctx, request, 'audit.read');
      const q = request.body;
      const result = await searchAudit(ctx.db, {
        ...pageRequestOf(q),
        from: dateOf(q.from, 'from'),
        to: dateOf(q.to, 'to'),
        actorKind: q.actorKind,
        actorId: q.actorId,
        action: q.action,
        objectType: q.objectType,
        objectId: q.objectId,
      });
      const staffNames = new Map((await listStaffUsers(ctx.db, {})).map((u) => [u.id, `${u.displayName} (${u.username})`]));
      return {
        total: result.total,
        items: result.items.map((e) => ({
          ...e,
          id: String(e.id),
          at: e.at.toISOString(),
          actorLabel: e.actorKind === 'staff' && e.actorId ? (staffNames.get(e.actorId) ?? null) : null,
        })),
      };
    },
  );

  app.get(
    '/api/v1/staff/audit/chain',
    route("Check the audit trail's hash chain end to end (as `clearhall audit verify`): intact, or the first broken link", {
      response: {
        200: Obj({
          ok: Type.Boolean(),
          entries: Type.Integer({ description: 'entries checked' }),
          head: Obj({ seq: Type.String(), hash: Type.String() }),
          firstBreak: Type.Union([
            Obj({
              kind: Type.Union([Type.Literal('edited'), Type.Literal('relinked'), Type.Literal('deleted'), Type.Literal('truncated'), Type.Literal('unlinked')]),
              seq: Type.String({ description: 'the entry at fault: the edited one, the first missing one' }),
              id: Type.Union([Type.String(), Type.Null()]),
              message: Type.String(),
            }),
            Type.Null(),
          ]),
          checkedAt: Type.String(),
        }),
      },
    }),
    async (request) => {
      await authorise(ctx, request, 'audit.read');
      const status = await verifyAuditChainShared(ctx.db);
      if (status.firstBreak) request.log.error({ auditChain: status.firstBreak }, 'the audit chain is broken');
      return { ...status, checkedAt: ctx.clock.now().toISOString() };
    },
  );

  app.get(
    '/api/v1/staff/jobs',
    route('Background jobs (后台任务) with their status and progress', {
      querystring: Obj({
        ...Page.properties,
        status: Type.Optional(Type.Union([Type.Literal('queued'), Type.Literal('running'), Type.Literal('done'), Type.Literal('failed')])),
      }),
      response: {
        200: Obj({
          items: Type.Array(
            Obj({
              id: Type.String(),
              name: Type.String(),
              status: Type.String(),
              attempts: Type.Integer(),
              maxAttempts: Type.Integer(),
              progressDone: Type.Union([Type.Number(), Type.Null()]),
              progressTotal: Type.Union([Type.Number(), Type.Null()]),
              lastError: Type.Union([Type.String(), Type.Null()]),
              createdAt: Type.String(),
              finishedAt: Type.Union([Type.String(), Type.Null()]),
            }),
          ),
          total: Type.Integer(),
        }),
      },
    }),
    async (request) => {
      await authorise(ctx, request, 'jobs.read');
      const q = request.query;
      const result = await listJobs(ctx.db, { status: q.status, ...pageRequestOf(q) });
      return {
        total: result.total,
        items: result.items.map((j) => ({
          id: j.id,
          name: j.name,
          status: j.status,
          attempts: j.attempts,
          maxAttempts: j.maxAttempts,
          progressDone: j.progressDone,
          progressTotal: j.progressTotal,
          lastError: j.lastError,
          createdAt: j.createdAt.toISOString(),
          finishedAt: j.finishedAt?.toISOString() ?? null,
        })),
      };
    },
  );
};
