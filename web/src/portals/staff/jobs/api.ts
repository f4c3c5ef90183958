/** Background jobs and their progress (perm `jobs.read`). */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import { queryString, STAFF_QUERY_ROOT } from '../../staff-common/api.ts';

export const JOB_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export interface Job {
  id: string;
  name: string;
  status: JobStatus;
  attempts: number;
  maxAttempts: number;
  progressDone: number | null;
  progressTotal: number | null;
  lastError: string | null;
  createdAt: string;
  finishedAt: string | null;
}

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
    queryFn: () => api.get<{ items: Job[]; total: number }>(`/api/v1/staff/jobs${queryString({ ...query })}`),
    placeholderData: keepPreviousData,
    refetchInterval: autoRefresh ? JOBS_REFRESH_MS : false,
  });
}
