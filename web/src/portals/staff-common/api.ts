/** Sign-in for staff of every kind of organisation (docs/api-draft.md, Staff). */
import { api } from '../../api/client.ts';
import type { Principal, StaffPrincipal } from '../../api/session.ts';

export type Organisation = StaffPrincipal['organisation'];
export type OrganisationKind = Organisation['kind'];
export const ORGANISATION_KINDS: readonly OrganisationKind[] = ['depository', 'broker', 'futures'];

/** Root of every query key of the staff consoles, so signing out can drop them together. */
export const STAFF_QUERY_ROOT = 'staff';

export interface StaffLoginInput {
  username: string;
  password: string;
  totpCode: string;
}

export function staffLogin(input: StaffLoginInput): Promise<{ principal: Principal }> {
  return api.post<{ principal: Principal }>('/api/v1/staff/login', input);
}

/** `?a=1&b=x`, leaving out empty values; empty string when nothing is left. */
export function queryString(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
