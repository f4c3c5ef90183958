import { randomUUID } from 'node:crypto';
import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { sessions } from '../db/schema.ts';
import { minutes } from '../clock.ts';
import { randomToken, sha256 } from './tokens.ts';

export type PrincipalKind = 'investor' | 'staff';

export interface SessionPolicy {
  idleMinutes: number;
  absoluteHours: number;
}

export interface Session {
  id: string;
  principalKind: PrincipalKind;
  principalId: string;
  stepUpUntil: Date | null;
  createdAt: Date;
}

/**
 * The look-up every signed-in request makes, built once per database (or transaction) and sent
 * as a named prepared statement: no query building per request, and on PostgreSQL each
 * connection parses and plans it once.
 */
const byTokenHash = (ex: Executor) =>
  ex
    .select()
    .from(sessions)
    .where(eq(sessions.tokenHash, sql.placeholder('tokenHash')))
    .limit(1)
    .prepare('session_by_token_hash');
const preparedLookups = new WeakMap<Executor, ReturnType<typeof byTokenHash>>();

function sessionLookup(ex: Executor): ReturnType<typeof byTokenHash> {
  let lookup = preparedLookups.get(ex);
  if (!lookup) preparedLookups.set(ex, (lookup = byTokenHash(ex)));
  return lookup;
}

/** The session store: rows in the database, the cookie carries a random token whose hash is the key. */
export class SessionStore {
  constructor(private readonly policy: SessionPolicy) {}

  async create(ex: Executor, now: Date, principal: { kind: PrincipalKind; id: string }, meta: { ip?: string | null; userAgent?: string | null }): Promise<{ token: string; session: Session }> {
    const token = randomToken();
    const id = randomUUID();
    await ex.insert(sessions).values({
      id,
      tokenHash: sha256(token),
      principalKind: principal.kind,
      principalId: principal.id,
      createdAt: now,
      lastSeenAt: now,
      idleExpiresAt: new Date(now.getTime() + minutes(this.policy.idleMinutes)),
      absoluteExpiresAt: new Date(now.getTime() + this.policy.absoluteHours * 3_600_000),
      ip: meta.ip ?? null,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
    });
    return { token, session: { id, principalKind: principal.kind, principalId: principal.id, stepUpUntil: null, createdAt: now } };
  }

  /** The live session for a cookie token, sliding its idle expiry; null when absent, ended or expired. */
  async resolve(ex: Executor, now: Date, token: string): Promise<Session | null> {
    const [row] = await sessionLookup(ex).execute({ tokenHash: sha256(token) });
    if (!row || row.revokedAt) return null;
    if (row.idleExpiresAt <= now || row.absoluteExpiresAt <= now) return null;
    // Writing on every request would turn reads into writes; a minute of slack is enough.
    if (now.getTime() - row.lastSeenAt.getTime() > 60_000) {
      await ex
        .update(sessions)
        .set({ lastSeenAt: now, idleExpiresAt: new Date(now.getTime() + minutes(this.policy.idleMinutes)) })
        .where(eq(sessions.id, row.id));
    }
    return {
      id: row.id,
      principalKind: row.principalKind as PrincipalKind,
      principalId: row.principalId,
      stepUpUntil: row.stepUpUntil,
      createdAt: row.createdAt,
    };
  }

  async revoke(ex: Executor, now: Date, sessionId: string, reason: string): Promise<void> {
    await ex
      .update(sessions)
      .set({ revokedAt: now, revokedReason: reason })
      .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
  }

  /** Ends every session of a principal, except the one given (the caller's own). */
  async revokeAll(ex: Executor, now: Date, principal: { kind: PrincipalKind; id: string }, reason: string, exceptSessionId?: string): Promise<void> {
    const conditions = [eq(sessions.principalKind, principal.kind), eq(sessions.principalId, principal.id), isNull(sessions.revokedAt)];
    if (exceptSessionId) conditions.push(ne(sessions.id, exceptSessionId));
    await ex
      .update(sessions)
      .set({ revokedAt: now, revokedReason: reason })
      .where(and(...conditions));
  }

  async markSteppedUp(ex: Executor, sessionId: string, until: Date): Promise<void> {
    await ex.update(sessions).set({ stepUpUntil: until }).where(eq(sessions.id, sessionId));
  }
}

export function isSteppedUp(session: Session, now: Date): boolean {
  return session.stepUpUntil !== null && session.stepUpUntil > now;
}
