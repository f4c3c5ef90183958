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
    await signedOut(queryClient);
  }
}

/** The session ended (退出, 注销): nobody is signed in any more, and nothing of theirs stays cached. */
export async function signedOut(queryClient: QueryClient): Promise<void> {
  queryClient.setQueryData<Session>(sessionQueryKey, (old) => ({ csrfToken: old?.csrfToken ?? '', principal: null }));
  forgetPrincipalData(queryClient);
  await queryClient.invalidateQueries({ queryKey: sessionQueryKey });
}

/** Every cached answer but the session's belongs to the principal who asked for it. */
function forgetPrincipalData(queryClient: QueryClient): void {
  const others = { predicate: (query: { queryKey: readonly unknown[] }) => query.queryKey[0] !== sessionQueryKey[0] };
  void queryClient.cancelQueries(others);
  queryClient.removeQueries(others);
}

/** Who the session names: `undefined` before it is first read, `null` when nobody is signed in. */
function principalOf(session: Session | undefined): string | null | undefined {
  if (!session) return undefined;
  return session.principal ? `${session.principal.kind}:${session.principal.id}` : null;
}

/**
 * Whenever the session comes to name someone else — signed out, deregistered (注销),
 * ended elsewhere, or another user signed in on this tab — the previous principal's
 * cached answers are dropped, so no page shows them to the next person. Returns the
 * unsubscribe function.
 */
export function forgetDataOnPrincipalChange(queryClient: QueryClient): () => void {
  let current = principalOf(queryClient.getQueryData<Session>(sessionQueryKey));
  return queryClient.getQueryCache().subscribe((event) => {
    if (event.type !== 'updated' || event.query.queryKey[0] !== sessionQueryKey[0]) return;
    const next = principalOf(event.query.state.data as Session | undefined);
    if (next === undefined || next === current) return;
    const previous = current;
    current = next;
    if (previous !== undefined) forgetPrincipalData(queryClient);
  });
}

export type StaffLoginInput = ApiBody<'/api/v1/staff/login', 'post'>;

/** Staff of every kind of organisation sign in with user name, password and an authenticator code. */
export function staffLogin(input: StaffLoginInput): Promise<{ principal: Principal }> {
  return api.post<{ principal: Principal }>('/api/v1/staff/login', input);
}
