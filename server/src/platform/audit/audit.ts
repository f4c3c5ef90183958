import type { Executor } from '../db/client.ts';
import { auditEntries } from '../db/schema.ts';

export interface Actor {
  kind: 'investor' | 'staff' | 'system' | 'anonymous';
  id?: string | null;
}

/** Where a request came from; passed from the HTTP layer into use cases. */
export interface RequestMeta {
  ip?: string | null;
  requestId?: string | null;
  userAgent?: string | null;
}

export interface AuditEvent {
  actor: Actor;
  action: string;
  objectType?: string;
  objectId?: string | null;
  details?: Record<string, unknown>;
}

/**
 * Appends to the audit trail. Call it with the transaction that makes the change,
 * so the change and its record stand or fall together. Never put secrets or
 * clear personal data in details.
 */
export async function audit(ex: Executor, at: Date, meta: RequestMeta, event: AuditEvent): Promise<void> {
  await ex.insert(auditEntries).values({
    at,
    actorKind: event.actor.kind,
    actorId: event.actor.id ?? null,
    action: event.action,
    objectType: event.objectType ?? null,
    objectId: event.objectId ?? null,
    ip: meta.ip ?? null,
    requestId: meta.requestId ?? null,
    details: event.details ?? {},
  });
}
