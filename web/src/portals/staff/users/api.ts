/** Staff users: list, create, roles, status, unlock, authenticator reset (perm `staff.manage`). */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import { queryString, STAFF_QUERY_ROOT, type Organisation, type OrganisationKind } from '../../staff-common/api.ts';

export interface StaffUser {
  id: string;
  username: string;
  displayName: string;
  organisation: Organisation;
  roles: string[];
  status: 'active' | 'disabled';
  lockedUntil: string | null;
  createdAt: string;
}

export interface TotpEnrolment {
  secret: string;
  otpauthUri: string;
  qrDataUrl: string;
}

export interface RoleSpec {
  role: string;
  organisationKind: OrganisationKind;
  permissions: string[];
}

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
    queryFn: () => api.get<{ items: StaffUser[] }>(`/api/v1/staff/users${queryString({ ...filter })}`).then((answer) => answer.items),
    placeholderData: keepPreviousData,
  });
}

export function useRoleSpecs() {
  return useQuery({
    queryKey: userKeys.roles,
    queryFn: () => api.get<{ items: RoleSpec[] }>('/api/v1/staff/roles').then((answer) => answer.items),
    staleTime: Infinity,
  });
}

export interface NewStaffUser {
  organisationId: string;
  username: string;
  displayName: string;
  password: string;
  roles: string[];
}

export function createStaffUser(input: NewStaffUser): Promise<{ user: StaffUser; totp: TotpEnrolment }> {
  return api.post('/api/v1/staff/users', input);
}

export function setStaffUserRoles(id: string, roles: string[]): Promise<StaffUser> {
  return api.put(`/api/v1/staff/users/${encodeURIComponent(id)}/roles`, { roles });
}

export function setStaffUserStatus(id: string, status: StaffUser['status']): Promise<StaffUser> {
  return api.post(`/api/v1/staff/users/${encodeURIComponent(id)}/status`, { status });
}

export function unlockStaffUser(id: string): Promise<StaffUser> {
  return api.post(`/api/v1/staff/users/${encodeURIComponent(id)}/unlock`, {});
}

export function resetStaffUserTotp(id: string): Promise<{ totp: TotpEnrolment }> {
  return api.post(`/api/v1/staff/users/${encodeURIComponent(id)}/totp-reset`, {});
}

/** Locked now, by the clock of this browser (the server decides; this only picks what to offer). */
export function isLocked(user: StaffUser, now = Date.now()): boolean {
  return user.lockedUntil !== null && new Date(user.lockedUntil).getTime() > now;
}
