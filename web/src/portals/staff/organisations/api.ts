/** Organisations whose staff use the consoles: the depository, brokers, futures companies. */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import { STAFF_QUERY_ROOT, type Organisation, type OrganisationKind } from '../../staff-common/api.ts';

export const organisationKeys = {
  all: [STAFF_QUERY_ROOT, 'organisations'] as const,
};

export function useOrganisations() {
  return useQuery({
    queryKey: organisationKeys.all,
    queryFn: () => api.get<{ items: Organisation[] }>('/api/v1/staff/organisations').then((answer) => answer.items),
  });
}

export interface NewOrganisation {
  kind: OrganisationKind;
  code: string;
  name: string;
}

export function createOrganisation(input: NewOrganisation): Promise<Organisation> {
  return api.post<Organisation>('/api/v1/staff/organisations', input);
}
