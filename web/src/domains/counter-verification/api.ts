/** 临柜身份认证 at a broker counter: the pending requests of the person at the counter, and the clerk's decision. */
import { api } from '../../api/client.ts';
import type { ApiBody, ApiResponse } from '../../api/typed.ts';

const COUNTER = '/api/v1/broker/counter-verifications';
const LOOKUP = `${COUNTER}/lookup` as const;

/** The person at the counter: sent in a POST body, never in a URL, as it holds an ID number. */
export type CounterSearch = ApiBody<typeof LOOKUP, 'post'>;
export type CounterRequest = ApiResponse<typeof LOOKUP, 'post'>['items'][number];
export type CounterDecision = ApiBody<'/api/v1/broker/counter-verifications/{id}/decision', 'post'>['decision'];

export function findCounterRequests(search: CounterSearch): Promise<CounterRequest[]> {
  return api.post<ApiResponse<typeof LOOKUP, 'post'>>(LOOKUP, { ...search }).then((answer) => answer.items);
}

export function decideCounterRequest(id: string, decision: CounterDecision): Promise<void> {
  return api.post(`${COUNTER}/${encodeURIComponent(id)}/decision`, { decision });
}
