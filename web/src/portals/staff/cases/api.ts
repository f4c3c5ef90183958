/** Review cases (perm `cases.read`, actions `cases.review`): the queue, one case, and the actions its table allows. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import { queryString } from '../../../api/query-string.ts';
import { STAFF_QUERY_ROOT } from '../../../domains/staff-keys.ts';

export interface CaseType {
  name: string;
  states: string[];
  actions: string[];
  fields: string[];
}

export interface CaseSummary {
  id: string;
  type: string;
  state: string;
  subjectRef: string;
  subjectLabel: string;
  applicant: { kind: string; id: string };
  assigneeId: string | null;
  assignedToMe: boolean;
  reopenedFields: string[];
  dueAt: string | null;
  overdue: boolean;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  version: number;
}

export interface CaseAttachment {
  fileKey: string;
  filename: string;
  contentType: string;
  field?: string;
}

export interface CaseHistoryEntry {
  at: string;
  actorKind: string;
  actorId: string;
  action: string;
  fromState: string | null;
  toState: string | null;
  comment: string | null;
  fields: string[] | null;
}

export interface CaseDetail {
  case: CaseSummary & { data: Record<string, unknown>; attachments: CaseAttachment[] };
  history: CaseHistoryEntry[];
  actions: string[];
  fields: string[];
}

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
  return useQuery({ queryKey: caseKeys.types(), queryFn: () => api.get<{ items: CaseType[] }>('/api/v1/staff/case-types') });
}

export function useCases(query: CaseQuery) {
  const { overdue, ...rest } = query;
  return useQuery({
    queryKey: caseKeys.list(query),
    queryFn: () => api.get<{ items: CaseSummary[]; total: number }>(`/api/v1/staff/cases${queryString({ ...rest, overdue: overdue ? 'true' : undefined })}`),
    placeholderData: keepPreviousData,
  });
}

export function useCase(id: string) {
  return useQuery({ queryKey: caseKeys.detail(id), queryFn: () => api.get<CaseDetail>(`/api/v1/staff/cases/${id}`) });
}

export interface CaseActionInput {
  action: string;
  version: number;
  comment?: string;
  fields?: string[];
}

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
