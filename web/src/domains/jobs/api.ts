/** Background jobs and their progress (perm `jobs.read`). */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { queryString } from '../../api/query-string.ts';
import type { ApiResponse } from '../../api/typed.ts';
import { STAFF_QUERY_ROOT } from '../staff-keys.ts';

const JOBS = '/api/v1/staff/jobs';

export const JOB_STATUSES = ['queued', 'running', 'done', 'failed', 'parked'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
export type Job = ApiResponse<typeof JOBS, 'get'>['items'][number];

export interface JobQuery {
  status?: JobStatus;
  page: number;
  pageSize: number;
}

export const jobKeys = {
  all: [STAFF_QUERY_ROOT, 'jobs'] as const,
  list: (query: JobQuery) => [...jobKeys.all, query] as const,
};

export const JOBS_REFRESH_MS = 3000;

export function useJobs(query: JobQuery, autoRefresh: boolean) {
  return useQuery({
    queryKey: jobKeys.list(query),
    queryFn: () => api.get<ApiResponse<typeof JOBS, 'get'>>(`${JOBS}${queryString({ ...query })}`),
    placeholderData: keepPreviousData,
    refetchInterval: autoRefresh ? JOBS_REFRESH_MS : false,
  });
}
