/** The signed-in principal, from `GET /api/v1/session`, shared by every portal. */
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import type { ApiBody } from './typed.ts';

export interface InvestorPrincipal {
  kind: 'investor';
  id: string;
  username: string | null;
  mobileMasked: string | null;
  emailMasked: string | null;
  realNameVerified: boolean;
  stepUpValidUntil: string | null;
}

export interface StaffPrincipal {
  kind: 'staff';
  id: string;
  username: string;
  displayName: string;
  organisation: { id: string; kind: 'depository' | 'broker' | 'futures'; code: string; name: string };
  roles: string[];
  permissions: string[];
}

export type Principal = InvestorPrincipal | StaffPrincipal;
export type OrganisationKind = StaffPrincipal['organisation']['kind'];

export interface Session {
  csrfToken: string;
  principal: Principal | null;
}

export const sessionQueryKey = ['session'] as const;

export function fetchSession(): Promise<Session> {
  return api.get<Session>('/api/v1/session');
}

export function useSession() {
  return useQuery({ queryKey: sessionQueryKey, queryFn: fetchSession, staleTime: 30_000 });
}

/** After a login or registration: show the new principal at once, then re-read the session. */
export function signedIn(queryClient: QueryClient, principal: Principal): Promise<void> {
  queryClient.setQueryData<Session>(sessionQueryKey, (old) => ({ csrfToken: old?.csrfToken ?? '', principal }));
  return queryClient.invalidateQueries({ queryKey: sessionQueryKey });
}

export async function logout(queryClient: QueryClient): Promise<void> {
  try {
    await api.post<void>('/api/v1/session/logout', {});
  } finally {
    queryClient.setQueryData<Session>(sessionQueryKey, (old) => ({ csrfToken: old?.csrfToken ?? '', principal: null }));
    queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionQueryKey[0] });
    await queryClient.invalidateQueries({ queryKey: sessionQueryKey });
  }
}

export type StaffLoginInput = ApiBody<'/api/v1/staff/login', 'post'>;

/** Staff of every kind of organisation sign in with user name, password and an authenticator code. */
export function staffLogin(input: StaffLoginInput): Promise<{ principal: Principal }> {
  return api.post<{ principal: Principal }>('/api/v1/staff/login', input);
}
