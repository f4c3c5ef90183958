/** The audit trail (perm `audit.read`). */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { ApiBody, ApiResponse } from '../../api/typed.ts';
import { STAFF_QUERY_ROOT } from '../staff-keys.ts';

/** A POST: an object id may be an account number, which no URL carries. */
const AUDIT_SEARCH = '/api/v1/staff/audit/search';
const CHAIN = '/api/v1/staff/audit/chain';

export const ACTOR_KINDS = ['staff', 'investor', 'system', 'anonymous'] as const;

type AuditAnswer = ApiResponse<typeof AUDIT_SEARCH, 'post'>;
export type AuditEntry = AuditAnswer['items'][number];
export type AuditFilter = Omit<ApiBody<typeof AUDIT_SEARCH, 'post'>, 'page' | 'pageSize'>;
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
    queryFn: () => api.post<AuditAnswer>(AUDIT_SEARCH, { ...query, page: String(query.page), pageSize: String(query.pageSize) }),
    placeholderData: keepPreviousData,
  });
}
