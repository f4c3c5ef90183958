/** The audit trail (perm `audit.read`). */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { queryString } from '../../api/query-string.ts';
import type { ApiQuery, ApiResponse } from '../../api/typed.ts';
import { STAFF_QUERY_ROOT } from '../staff-keys.ts';

const AUDIT = '/api/v1/staff/audit';
const CHAIN = '/api/v1/staff/audit/chain';

export const ACTOR_KINDS = ['staff', 'investor', 'system', 'anonymous'] as const;

export type AuditEntry = ApiResponse<typeof AUDIT, 'get'>['items'][number];
export type AuditFilter = Omit<ApiQuery<typeof AUDIT, 'get'>, 'page' | 'pageSize'>;
export type AuditQuery = AuditFilter & { page: number; pageSize: number };

export const auditKeys = {
  all: [STAFF_QUERY_ROOT, 'audit'] as const,
  search: (query: AuditQuery) => [...auditKeys.all, query] as const,
  chain: () => [...auditKeys.all, 'chain'] as const,
};

export type AuditChainStatus = ApiResponse<typeof CHAIN, 'get'>;

/** The hash chain's verification (the whole trail, recomputed on the server). */
export function useAuditChain() {
  return useQuery({
    queryKey: auditKeys.chain(),
    queryFn: () => api.get<AuditChainStatus>(CHAIN),
  });
}

export function useAuditEntries(query: AuditQuery) {
  return useQuery({
    queryKey: auditKeys.search(query),
    queryFn: () => api.get<ApiResponse<typeof AUDIT, 'get'>>(`${AUDIT}${queryString({ ...query })}`),
    placeholderData: keepPreviousData,
  });
}
