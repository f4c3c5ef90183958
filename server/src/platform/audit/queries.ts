import { and, count, desc, eq, gte, lte, type SQL } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { pageOf } from '../db/pages.ts';
import { auditEntries } from '../db/schema.ts';

export interface AuditFilter {
  from?: Date;
  to?: Date;
  actorKind?: string;
  actorId?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  page: number;
  pageSize: number;
}

export async function searchAudit(ex: Executor, filter: AuditFilter) {
  const conditions: SQL[] = [];
  if (filter.from) conditions.push(gte(auditEntries.at, filter.from));
  if (filter.to) conditions.push(lte(auditEntries.at, filter.to));
  if (filter.actorKind) conditions.push(eq(auditEntries.actorKind, filter.actorKind));
  if (filter.actorId) conditions.push(eq(auditEntries.actorId, filter.actorId));
  if (filter.action) conditions.push(eq(auditEntries.action, filter.action));
  if (filter.objectType) conditions.push(eq(auditEntries.objectType, filter.objectType));
  if (filter.objectId) conditions.push(eq(auditEntries.objectId, filter.objectId));
  const where = conditions.length ? and(...conditions) : undefined;
  const entries = ex.select().from(auditEntries).where(where).orderBy(desc(auditEntries.at), desc(auditEntries.id)).$dynamic();
  return pageOf(entries, ex.select({ n: count() }).from(auditEntries).where(where), filter);
}
