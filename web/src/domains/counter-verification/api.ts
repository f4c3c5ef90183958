/** 临柜身份认证 at a broker counter: the pending requests of the person at the counter, and the clerk's decision. */
import { api } from '../../api/client.ts';
import { queryString } from '../../api/query-string.ts';
import type { ApiBody, ApiQuery, ApiResponse } from '../../api/typed.ts';

const COUNTER = '/api/v1/broker/counter-verifications';

export type CounterSearch = ApiQuery<typeof COUNTER, 'get'>;
export type CounterRequest = ApiResponse<typeof COUNTER, 'get'>['items'][number];
export type CounterDecision = ApiBody<'/api/v1/broker/counter-verifications/{id}/decision', 'post'>['decision'];

export function findCounterRequests(search: CounterSearch): Promise<CounterRequest[]> {
  return api.get<ApiResponse<typeof COUNTER, 'get'>>(`${COUNTER}${queryString({ ...search })}`).then((answer) => answer.items);
}

export function decideCounterRequest(id: string, decision: CounterDecision): Promise<void> {
  return api.post(`${COUNTER}/${encodeURIComponent(id)}/decision`, { decision });
}
