/** Review cases (perm `cases.read`, actions `cases.review`): the queue, one case, and the actions its table allows. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { queryString } from '../../api/query-string.ts';
import type { ApiBody, ApiResponse } from '../../api/typed.ts';
import { STAFF_QUERY_ROOT } from '../staff-keys.ts';

const CASE_TYPES = '/api/v1/staff/case-types';
const CASES = '/api/v1/staff/cases';
type CasePath = '/api/v1/staff/cases/{id}';
type CaseActionsPath = '/api/v1/staff/cases/{id}/actions';

export type CaseType = ApiResponse<typeof CASE_TYPES, 'get'>['items'][number];
export type CaseSummary = ApiResponse<typeof CASES, 'get'>['items'][number];
export type CaseDetail = ApiResponse<CasePath, 'get'>;
export type CaseAttachment = CaseDetail['case']['attachments'][number];
export type CaseHistoryEntry = CaseDetail['history'][number];

export type AssigneeFilter = 'me' | 'none';

export interface CaseQuery {
  type?: string;
  state?: string;
  assignee?: AssigneeFilter;
  overdue?: boolean;
  olderThanDays?: number;
  page: number;
  pageSize: number;
}

/** Claim, release and comment keep the state; the others are moves of the case type's table. */
export const HOUSEKEEPING = ['claim', 'release', 'comment'] as const;
export type Housekeeping = (typeof HOUSEKEEPING)[number];
export const isHousekeeping = (action: string): action is Housekeeping => (HOUSEKEEPING as readonly string[]).includes(action);

export const caseKeys = {
  all: [STAFF_QUERY_ROOT, 'cases'] as const,
  types: () => [...caseKeys.all, 'types'] as const,
  list: (query: CaseQuery) => [...caseKeys.all, 'list', query] as const,
  detail: (id: string) => [...caseKeys.all, 'detail', id] as const,
};

export function useCaseTypes() {
  return useQuery({ queryKey: caseKeys.types(), queryFn: () => api.get<ApiResponse<typeof CASE_TYPES, 'get'>>(CASE_TYPES) });
}

export function useCases(query: CaseQuery) {
  const { overdue, ...rest } = query;
  return useQuery({
    queryKey: caseKeys.list(query),
    queryFn: () => api.get<ApiResponse<typeof CASES, 'get'>>(`${CASES}${queryString({ ...rest, overdue: overdue ? 'true' : undefined })}`),
    placeholderData: keepPreviousData,
  });
}

export function useCase(id: string) {
  return useQuery({ queryKey: caseKeys.detail(id), queryFn: () => api.get<CaseDetail>(`/api/v1/staff/cases/${id}`) });
}

export type CaseActionInput = ApiBody<CaseActionsPath, 'post'>;

/** Takes an action on a case; the answer is the case as it now stands, and the queue is refreshed. */
export function useCaseAction(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ action, ...body }: CaseActionInput) =>
      isHousekeeping(action)
        ? api.post<CaseDetail>(`/api/v1/staff/cases/${id}/${action}`, { version: body.version, ...(body.comment ? { comment: body.comment } : {}) })
        : api.post<CaseDetail>(`/api/v1/staff/cases/${id}/actions`, { action, ...body }),
    onSuccess: async (detail) => {
      queryClient.setQueryData(caseKeys.detail(id), detail);
      await queryClient.invalidateQueries({ queryKey: [...caseKeys.all, 'list'] });
    },
  });
}
