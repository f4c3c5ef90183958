/** The audit trail (perm `audit.read`). */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import { queryString, STAFF_QUERY_ROOT } from '../../staff-common/api.ts';

export const ACTOR_KINDS = ['staff', 'investor', 'system', 'anonymous'] as const;

export interface AuditEntry {
  id: string;
  at: string;
  actorKind: string;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  ip: string | null;
  requestId: string | null;
  details: unknown;
}

export interface AuditFilter {
  from?: string;
  to?: string;
  actorKind?: string;
  actorId?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
}

export interface AuditQuery extends AuditFilter {
  page: number;
  pageSize: number;
}

export const auditKeys = {
  all: [STAFF_QUERY_ROOT, 'audit'] as const,
  search: (query: AuditQuery) => [...auditKeys.all, query] as const,
};

export function useAuditEntries(query: AuditQuery) {
  return useQuery({
    queryKey: auditKeys.search(query),
    queryFn: () => api.get<{ items: AuditEntry[]; total: number }>(`/api/v1/staff/audit${queryString({ ...query })}`),
    placeholderData: keepPreviousData,
  });
}
