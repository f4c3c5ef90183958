/**
 * The sandbox exchange (demo mode): an order placed on its trading-terminal page is reported to
 * the platform through the exchange order-report intake, as the real exchange would report it.
 */
import { useMutation } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { ApiBody, ApiResponse } from '../../api/typed.ts';

const ORDER_REPORTS = '/api/v1/exchange/order-reports';

export type TerminalOrder = Omit<ApiBody<typeof ORDER_REPORTS, 'post'>, 'brokerCode'>;
export type ReportedOrder = ApiResponse<typeof ORDER_REPORTS, 'post'>;

/** The broker the sandbox terminal belongs to (the demo data's broker). */
const TERMINAL_BROKER = 'B01866';

export function usePlaceOrder() {
  return useMutation({
    mutationFn: (order: TerminalOrder) => api.post<ReportedOrder>(ORDER_REPORTS, { ...order, brokerCode: TERMINAL_BROKER }),
  });
}
