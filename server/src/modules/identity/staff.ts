import { randomUUID } from 'node:crypto';
import { and, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { Executor } from '../../platform/db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { audit, type Actor, type RequestMeta } from '../../platform/audit/audit.ts';
import { assertPasswordPolicy } from '../../platform/auth/passwords.ts';
import { organisations, staffUserRoles, staffUsers } from './schema.ts';
import { permissionsOf, roleSpec, type OrganisationKind, type Permission } from './roles.ts';
import { accountThrottle, clearAddressFailures, clearSignInThrottle, recordLoginFailure, throttleCheck } from './lockout.ts';
import { newTotpSecret, totpCode, totpEnrolment, totpStep } from './totp.ts';
// Registers this module's error codes (status and messages); without it they answer 500.
import './errors.ts';

type Organisation = typeof organisations.$inferSelect;
type StaffRow = typeof staffUsers.$inferSelect;

export interface StaffView {
  id: string;
  username: string;
  displayName: string;
  organisation: { id: string; kind: OrganisationKind; code: string; name: string };
  roles: string[];
  status: string;
  lockedUntil: string | null;
  createdAt: string;
}

export interface StaffPrincipal {
  kind: 'staff';
  id: string;
  username: string;
  displayName: string;
  organisation: StaffView['organisation'];
  roles: string[];
  permissions: Permission[];
}

const USERNAME = /^[A-Za-z0-9_.-]{3,32}$/;

function organisationView(o: Organisation): StaffView['organisation'] {
  return { id: o.id, kind: o.kind as OrganisationKind, code: o.code, name: o.name };
}

async function rolesOf(ex: Executor, ids: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(ids.map((id) => [id, []]));
  if (!ids.length) return out;
  const rows = await ex.select().from(staffUserRoles).where(inArray(staffUserRoles.staffUserId, ids));
  for (const r of rows) out.get(r.staffUserId)?.push(r.role);
  for (const list of out.values()) list.sort();
  return out;
}

async function views(ex: Executor, users: { user: StaffRow; organisation: Organisation }[]): Promise<StaffView[]> {
  const held = await rolesOf(
    ex,
    users.map((u) => u.user.id),
  );
  return users.map(({ user, organisation }) => ({
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    organisation: organisationView(organisation),
    roles: held.get(user.id) ?? [],
    status: user.status,
    lockedUntil: user.lockedUntil?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
  }));
}

async function loadStaff(ex: Executor, id: string) {
  const [found] = await ex.select({ user: staffUsers, organisation: organisations }).from(staffUsers).innerJoin(organisations, eq(organisations.id, staffUsers.organisationId)).where(eq(staffUsers.id, id));
  if (!found) throw new AppError('STAFF_USER_NOT_FOUND');
  return found;
}

export async function getStaffView(ex: Executor, id: string): Promise<StaffView> {
  return (await views(ex, [await loadStaff(ex, id)]))[0]!;
}

export async function staffPrincipal(ex: Executor, id: string): Promise<StaffPrincipal | null> {
  const found = await loadStaff(ex, id).catch(() => null);
  if (!found || found.user.status !== 'active') return null;
  const [view] = await views(ex, [found]);
  return {
    kind: 'staff',
    id: view!.id,
    username: view!.username,
    displayName: view!.displayName,
    organisation: view!.organisation,
    roles: view!.roles,
    permissions: permissionsOf(view!.roles),
  };
}

export async function listOrganisations(ex: Executor) {
  const rows = await ex.select().from(organisations).orderBy(organisations.kind, organisations.code);
  return rows.map(organisationView);
}

export async function createOrganisation(ctx: AppContext, meta: RequestMeta, actor: Actor, input: { kind: OrganisationKind; code: string; name: string }) {
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const [existing] = await tx.select().from(organisations).where(eq(organisations.code, input.code));
    if (existing) throw new AppError('ORGANISATION_CODE_TAKEN');
    const [row] = await tx.insert(organisations).values({ id: randomUUID(), kind: input.kind, code: input.code, name: input.name.trim(), createdAt: now }).returning();
    await audit(tx, now, meta, { actor, action: 'organisation.created', objectType: 'organisation', objectId: row!.id, details: { kind: input.kind, code: input.code } });
    return organisationView(row!);
  });
}

function assertRolesFit(kind: string, wanted: string[]): void {
  for (const role of wanted) {
    if (roleSpec(role)?.organisationKind !== kind) throw new AppError('ROLE_NOT_FOR_ORGANISATION', { role });
  }
}

export interface NewStaffUser {
  organisationId: string;
  username: string;
  displayName: string;
  password: string;
  roles: string[];
}

/** Creates a staff user with an authenticator secret, shown once to the administrator. */
export async function createStaffUser(ctx: AppContext, meta: RequestMeta, actor: Actor, input: NewStaffUser) {
  if (!USERNAME.test(input.username)) throw new AppError('USERNAME_INVALID');
  assertPasswordPolicy(input.password);
  const [organisation] = await ctx.db.select().from(organisations).where(eq(organisations.id, input.organisationId));
  if (!organisation) throw new AppError('ORGANISATION_NOT_FOUND');
  const wanted = [...new Set(input.roles)];
  assertRolesFit(organisation.kind, wanted);
  const passwordHash = await ctx.passwords.hash(input.password);
  const secret = newTotpSecret();
  const id = await ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const [taken] = await tx
      .select({ id: staffUsers.id })
      .from(staffUsers)
      .where(sql`lower(${staffUsers.username}) = ${input.username.toLowerCase()}`);
    if (taken) throw new AppError('USERNAME_TAKEN');
    const userId = randomUUID();
    await tx.insert(staffUsers).values({
      id: userId,
      organisationId: organisation.id,
      username: input.username,
      displayName: input.displayName.trim(),
      passwordHash,
      totpSecretEnc: ctx.vault.encrypt(secret),
      status: 'active',
      createdAt: now,
    });
    if (wanted.length) await tx.insert(staffUserRoles).values(wanted.map((role) => ({ staffUserId: userId, role })));
    await audit(tx, now, meta, { actor, action: 'staff.created', objectType: 'staff_user', objectId: userId, details: { username: input.username, organisation: organisation.code, roles: wanted } });
    return userId;
  });
  return { user: await getStaffView(ctx.db, id), totp: await totpEnrolment(secret, input.username) };
}

export async function listStaffUsers(ex: Executor, filter: { organisationId?: string; q?: string }) {
  const conditions: SQL[] = [];
  if (filter.organisationId) conditions.push(eq(staffUsers.organisationId, filter.organisationId));
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(staffUsers.username, pattern), ilike(staffUsers.displayName, pattern))!);
  }
  const found = await ex
    .select({ user: staffUsers, organisation: organisations })
    .from(staffUsers)
    .innerJoin(organisations, eq(organisations.id, staffUsers.organisationId))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(organisations.code, staffUsers.username)
    .limit(500);
  return views(ex, found);
}

function guardSelf(actor: Actor, targetId: string, keepsAdmin: boolean) {
  if (actor.id === targetId && !keepsAdmin) throw new AppError('CANNOT_DISABLE_SELF');
}

export async function setStaffRoles(ctx: AppContext, meta: RequestMeta, actor: Actor, id: string, wanted: string[]) {
  const unique = [...new Set(wanted)];
  await ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const { user, organisation } = await loadStaff(tx, id);
    assertRolesFit(organisation.kind, unique);
    guardSelf(actor, user.id, unique.includes('administrator'));
    await tx.delete(staffUserRoles).where(eq(staffUserRoles.staffUserId, id));
    if (unique.length) await tx.insert(staffUserRoles).values(unique.map((role) => ({ staffUserId: id, role })));
    await audit(tx, now, meta, { actor, action: 'staff.roles_set', objectType: 'staff_user', objectId: id, details: { roles: unique } });
  });
  return getStaffView(ctx.db, id);
}

export async function setStaffStatus(ctx: AppContext, meta: RequestMeta, actor: Actor, id: string, status: 'active' | 'disabled') {
  await ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const { user } = await loadStaff(tx, id);
    guardSelf(actor, user.id, status === 'active');
    await tx.update(staffUsers).set({ status }).where(eq(staffUsers.id, id));
    if (status === 'disabled') await ctx.sessions.revokeAll(tx, now, { kind: 'staff', id }, 'disabled');
    await audit(tx, now, meta, { actor, action: status === 'active' ? 'staff.enabled' : 'staff.disabled', objectType: 'staff_user', objectId: id });
  });
  return getStaffView(ctx.db, id);
}

export async function unlockStaffUser(ctx: AppContext, meta: RequestMeta, actor: Actor, id: string) {
  await ctx.db.transaction(async (tx) => {
    await loadStaff(tx, id);
    await tx.update(staffUsers).set({ lockedUntil: null, failedLogins: 0 }).where(eq(staffUsers.id, id));
    await clearSignInThrottle(tx, 'staff', id);
    await audit(tx, ctx.clock.now(), meta, { actor, action: 'staff.unlocked', objectType: 'staff_user', objectId: id });
  });
  return getStaffView(ctx.db, id);
}

export async function resetStaffTotp(ctx: AppContext, meta: RequestMeta, actor: Actor, id: string) {
  const secret = newTotpSecret();
  const username = await ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const { user } = await loadStaff(tx, id);
    await tx
      .update(staffUsers)
      .set({ totpSecretEnc: ctx.vault.encrypt(secret), lastTotpStep: null })
      .where(eq(staffUsers.id, id));
    await ctx.sessions.revokeAll(tx, now, { kind: 'staff', id }, 'totp_reset');
    await audit(tx, now, meta, { actor, action: 'staff.totp_reset', objectType: 'staff_user', objectId: id });
    return user.username;
  });
  return { totp: await totpEnrolment(secret, username) };
}

/** Staff sign-in: password and authenticator code, both right, or it counts as a failure. */
export async function loginStaff(ctx: AppContext, meta: RequestMeta, input: { username: string; password: string; totpCode: string }) {
  const now = ctx.clock.now();
  await throttleCheck(ctx, meta);
  const [user] = await ctx.db
    .select()
    .from(staffUsers)
    .where(sql`lower(${staffUsers.username}) = ${input.username.trim().toLowerCase()}`);
  const target = { kind: 'staff', userId: user?.id ?? null, account: input.username } as const;
  const throttle = await accountThrottle(ctx, meta, target);
  const passwordOk = await ctx.passwords.verify(user?.passwordHash ?? null, input.password);
  const step = user ? totpStep(ctx.vault.decrypt(user.totpSecretEnc), input.totpCode, now) : null;
  const replayed = step !== null && user?.lastTotpStep != null && step <= user.lastTotpStep;
  if (!user || !passwordOk || step === null || replayed) throw await recordLoginFailure(ctx, meta, target);
  if (user.status !== 'active') throw new AppError('ACCOUNT_DISABLED');
  return ctx.db.transaction(async (tx) => {
    await clearAddressFailures(tx, meta, target, throttle);
    await tx.update(staffUsers).set({ failedLogins: 0, lockedUntil: null, lastTotpStep: step }).where(eq(staffUsers.id, user.id));
    const { token, session } = await ctx.sessions.create(tx, now, { kind: 'staff', id: user.id }, meta);
    await audit(tx, now, meta, { actor: { kind: 'staff', id: user.id }, action: 'staff.logged_in', objectType: 'session', objectId: session.id });
    return { token, session, principal: (await staffPrincipal(tx, user.id))! };
  });
}

/** `clearhall admin create`: the depository and its first administrator. */
export async function createFirstAdministrator(ctx: AppContext, input: { username: string; displayName: string; password: string; organisationName: string; organisationCode: string }) {
  const actor: Actor = { kind: 'system' };
  const meta: RequestMeta = { requestId: 'cli' };
  const [depository] = await ctx.db.select().from(organisations).where(eq(organisations.kind, 'depository')).limit(1);
  const organisation = depository ? organisationView(depository) : await createOrganisation(ctx, meta, actor, { kind: 'depository', code: input.organisationCode, name: input.organisationName });
  return createStaffUser(ctx, meta, actor, { organisationId: organisation.id, username: input.username, displayName: input.displayName, password: input.password, roles: ['administrator'] });
}

/** Demo mode only (the dev inbox): each active staff user's current authenticator code. */
export async function currentAuthenticatorCodes(ctx: AppContext) {
  const users = await ctx.db.select().from(staffUsers).where(eq(staffUsers.status, 'active')).orderBy(staffUsers.username).limit(100);
  const now = ctx.clock.now();
  return users.map((u) => ({ username: u.username, code: totpCode(ctx.vault.decrypt(u.totpSecretEnc), now) }));
}
