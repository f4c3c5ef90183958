/** Organisations whose staff use the consoles: the depository, brokers, futures companies. */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { ApiBody, ApiResponse } from '../../api/typed.ts';
import { STAFF_QUERY_ROOT } from '../staff-keys.ts';

const ORGANISATIONS = '/api/v1/staff/organisations';

export type Organisation = ApiResponse<typeof ORGANISATIONS, 'get'>['items'][number];
export type OrganisationKind = Organisation['kind'];
export const ORGANISATION_KINDS: readonly OrganisationKind[] = ['depository', 'broker', 'futures'];
export type NewOrganisation = ApiBody<typeof ORGANISATIONS, 'post'>;

export const organisationKeys = {
  all: [STAFF_QUERY_ROOT, 'organisations'] as const,
};

export function useOrganisations() {
  return useQuery({
    queryKey: organisationKeys.all,
    queryFn: () => api.get<ApiResponse<typeof ORGANISATIONS, 'get'>>(ORGANISATIONS).then((answer) => answer.items),
  });
}

export function createOrganisation(input: NewOrganisation): Promise<Organisation> {
  return api.post<ApiResponse<typeof ORGANISATIONS, 'post'>>(ORGANISATIONS, input);
}
