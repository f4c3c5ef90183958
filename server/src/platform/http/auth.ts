import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import { isSteppedUp, type Session } from '../auth/sessions.ts';
import type { RequestMeta } from '../audit/audit.ts';

export const SESSION_COOKIE = 'ch_sid';
export const CSRF_COOKIE = 'ch_csrf';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    session: Session | null;
    /** Permissions of a signed-in staff user, loaded by requireStaff. */
    staffPermissions?: readonly string[];
  }
}

export function metaOf(request: FastifyRequest): RequestMeta {
  return { ip: request.ip, requestId: request.id, userAgent: request.headers['user-agent'] ?? null };
}

export function requireSession(request: FastifyRequest, kind: Session['principalKind']): Session {
  const session = request.session;
  if (!session || session.principalKind !== kind) throw new AppError('UNAUTHENTICATED');
  return session;
}

export function requireStepUp(request: FastifyRequest, now: Date): Session {
  const session = requireSession(request, 'investor');
  if (!isSteppedUp(session, now)) throw new AppError('STEP_UP_REQUIRED');
  return session;
}

export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure });
}
