/** 授权管理 for depository staff: find, record and revoke the authorisations holders signed. */
import { api } from '../../api/client.ts';
import type { ApiBody, ApiResponse } from '../../api/typed.ts';

const AUTHORISATIONS = '/api/v1/staff/investor/authorisations';
const SEARCH = '/api/v1/staff/investor/authorisations/search';

export type StaffAuthorisation = ApiResponse<typeof SEARCH, 'post'>['items'][number];
export type AuthorisationSearch = ApiBody<typeof SEARCH, 'post'>;
export type NewAuthorisation = ApiBody<typeof AUTHORISATIONS, 'post'>;
export type AuthorisationBusiness = NewAuthorisation['business'];
export const AUTHORISATION_BUSINESSES: readonly AuthorisationBusiness[] = ['online_voting', 'securities_query', 'proxy_agency', 'certificate_request', 'meeting_attendance'];

export function searchAuthorisations(search: AuthorisationSearch) {
  return api.post<ApiResponse<typeof SEARCH, 'post'>>(SEARCH, search);
}

export function recordAuthorisation(input: NewAuthorisation): Promise<StaffAuthorisation> {
  return api.post<ApiResponse<typeof AUTHORISATIONS, 'post'>>(AUTHORISATIONS, input);
}

export function revokeAuthorisation(number: string): Promise<StaffAuthorisation> {
  return api.post(`${AUTHORISATIONS}/${encodeURIComponent(number)}/revoke`, {});
}
