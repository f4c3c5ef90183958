/** Staff users: list, create, roles, status, unlock, authenticator reset (perm `staff.manage`). */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { ApiBody, ApiResponse } from '../../api/typed.ts';
import { STAFF_QUERY_ROOT } from '../staff-keys.ts';

const USERS = '/api/v1/staff/users';
/** A POST: the search text may be a name, which no URL carries. */
const USER_SEARCH = '/api/v1/staff/users/search';
const userPath = (id: string) => `${USERS}/${encodeURIComponent(id)}`;

export type StaffUser = ApiResponse<typeof USERS, 'get'>['items'][number];
export type StaffUserStatus = ApiBody<'/api/v1/staff/users/{id}/status', 'post'>['status'];
export type TotpEnrolment = ApiResponse<'/api/v1/staff/users/{id}/totp-reset', 'post'>['totp'];
export type RoleSpec = ApiResponse<'/api/v1/staff/roles', 'get'>['items'][number];
export type NewStaffUser = ApiBody<typeof USERS, 'post'>;

export interface UserFilter {
  organisationId?: string;
  q?: string;
}

export const userKeys = {
  all: [STAFF_QUERY_ROOT, 'users'] as const,
  list: (filter: UserFilter) => [...userKeys.all, filter] as const,
  roles: [STAFF_QUERY_ROOT, 'roles'] as const,
};

export function useStaffUsers(filter: UserFilter) {
  return useQuery({
    queryKey: userKeys.list(filter),
    queryFn: () => api.post<ApiResponse<typeof USER_SEARCH, 'post'>>(USER_SEARCH, { ...filter }).then((answer) => answer.items),
    placeholderData: keepPreviousData,
  });
}

export function useRoleSpecs() {
  return useQuery({
    queryKey: userKeys.roles,
    queryFn: () => api.get<ApiResponse<'/api/v1/staff/roles', 'get'>>('/api/v1/staff/roles').then((answer) => answer.items),
    staleTime: Infinity,
  });
}

export function createStaffUser(input: NewStaffUser): Promise<ApiResponse<typeof USERS, 'post'>> {
  return api.post(USERS, input);
}

export function setStaffUserRoles(id: string, roles: string[]): Promise<StaffUser> {
  return api.put<ApiResponse<'/api/v1/staff/users/{id}/roles', 'put'>>(`${userPath(id)}/roles`, { roles });
}

export function setStaffUserStatus(id: string, status: StaffUserStatus): Promise<StaffUser> {
  return api.post<ApiResponse<'/api/v1/staff/users/{id}/status', 'post'>>(`${userPath(id)}/status`, { status });
}

export function unlockStaffUser(id: string): Promise<StaffUser> {
  return api.post<ApiResponse<'/api/v1/staff/users/{id}/unlock', 'post'>>(`${userPath(id)}/unlock`, {});
}

export function resetStaffUserTotp(id: string): Promise<{ totp: TotpEnrolment }> {
  return api.post<ApiResponse<'/api/v1/staff/users/{id}/totp-reset', 'post'>>(`${userPath(id)}/totp-reset`, {});
}

/** Locked now, by the clock of this browser (the server decides; this only picks what to offer). */
export function isLocked(user: StaffUser, now = Date.now()): boolean {
  return user.lockedUntil !== null && new Date(user.lockedUntil).getTime() > now;
}
