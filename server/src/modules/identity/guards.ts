import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../platform/errors.ts';
import type { Actor } from '../../platform/audit/audit.ts';
import { requireSession } from '../../platform/http/auth.ts';
import { isPermission, type Permission } from './roles.ts';
import { staffPrincipal } from './staff.ts';

/** Every staff route: a signed-in, active staff user holding the permission. Returns the audit actor. */
export async function authorise(ctx: AppContext, request: FastifyRequest, permission: Permission): Promise<Actor> {
  if (!isPermission(permission)) throw new Error(`permission ${permission} is declared by no module`);
  const session = requireSession(request, 'staff');
  const principal = await staffPrincipal(ctx.db, session.principalId);
  if (!principal) throw new AppError('UNAUTHENTICATED');
  if (!principal.permissions.includes(permission)) throw new AppError('FORBIDDEN');
  return { kind: 'staff', id: principal.id };
}
