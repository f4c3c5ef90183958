import { createHmac } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import { isSteppedUp, type Session } from '../auth/sessions.ts';
import type { RequestMeta } from '../audit/audit.ts';
import { randomToken } from '../auth/tokens.ts';

export const CSRF_COOKIE = 'ch_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/**
 * The session cookie's name. Over HTTPS it carries the `__Host-` prefix, so the browser
 * takes it only when Secure, for path / and this host alone (no Domain): a sibling
 * subdomain or a plain-HTTP page cannot plant or overwrite a session.
 */
export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-ch_sid' : 'ch_sid';
}

/** The session cookie's name over plain HTTP (demo mode, tests, benchmarks). */
export const SESSION_COOKIE = sessionCookieName(false);

/**
 * The CSRF token of a signed-in session: an HMAC keyed by the session token, so it is
 * bound to that session (a token from before sign-in or from another session is
 * refused), cannot be computed without the HttpOnly session cookie, and reveals nothing of it.
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('clearhall csrf v1').digest('base64url');
}

/** The readable CSRF cookie the web client copies into the x-csrf-token header (decision 0002). */
export function setCsrfCookie(reply: FastifyReply, token: string, secure: boolean): void {
  reply.setCookie(CSRF_COOKIE, token, { path: '/', sameSite: 'strict', secure, httpOnly: false });
}

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

/** Starts a session in the browser, and rotates the CSRF token to the one bound to it. */
export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean): void {
  reply.setCookie(sessionCookieName(secure), token, { path: '/', httpOnly: true, sameSite: 'lax', secure });
  setCsrfCookie(reply, csrfTokenFor(token), secure);
}

/** Ends the session in the browser, and rotates the CSRF token to a fresh signed-out one. */
export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(sessionCookieName(secure), { path: '/', httpOnly: true, sameSite: 'lax', secure });
  setCsrfCookie(reply, randomToken(24), secure);
}
