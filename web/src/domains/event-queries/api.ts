/**
 * The corporate-event queries (新股配号中签情况, 股息红利个人所得税, 放弃认购数据,
 * 风险揭示书签署日期) and 授权管理: API calls, shared by the desktop and the mobile hall.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { QueryAccount } from '../queries/api.ts';

export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Filters {
  accounts: QueryAccount[];
  businesses: string[];
}

export type InvalidReason = 'DUPLICATE_INVESTOR' | 'DUPLICATE_ACCOUNT' | 'ABOVE_QUOTA';

export interface Allotment {
  id: string;
  /** the securities account, masked */
  accountMasked: string;
  accountRef: string;
  market: string;
  securityCode: string;
  securityName: string;
  issuePrice: string;
  subscriptionDate: string;
  subscribedQuantity: string;
  /** false: 无效申购, no allotment numbers; invalidReason says why */
  valid: boolean;
  invalidReason: InvalidReason | null;
  quota: string | null;
  firstNumber: string | null;
  numberCount: string;
  drawn: boolean;
  winningCount: string | null;
  winningQuantity: string | null;
  winningNumbers: string[];
  winningNumbersTruncated: boolean;
  payment: { result: string; paidQuantity: string; reportedOn: string } | null;
}

export interface Abandonment {
  id: string;
  /** the securities account, masked */
  accountMasked: string;
  accountRef: string;
  market: string;
  productType: string;
  securityCode: string;
  securityName: string;
  winningQuantity: string;
  abandonedQuantity: string;
  reportedOn: string;
}

export interface MarketStanding {
  market: string;
  eligible: boolean;
  barredFrom: string | null;
  barredTo: string | null;
}

export interface Signing {
  /** the securities account, masked */
  accountMasked: string;
  accountRef: string;
  disclosureType: string;
  typeNameZh: string;
  typeNameEn: string;
  signedOn: string;
  broker: string;
}

export interface TaxLine {
  /** the record's key: one sale of one lot may give several records */
  id: string;
  market: string;
  code: string;
  name: string;
  /** the securities account, masked */
  accountMasked: string;
  accountRef: string;
  recordOn: string;
  quantity: string;
  acquiredOn: string;
  soldOn: string;
  band: string;
  dividendAmount: string;
  taxableAmount: string;
  taxAmount: string;
}

export interface Authorisation {
  authorisationNumber: string;
  /** the securities account, masked */
  accountMasked: string;
  accountRef: string;
  business: string;
  authorisedParty: string;
  validFrom: string;
  validTo: string;
  status: 'active' | 'expired' | 'revoked';
  revokedOn: string | null;
}

/** The query kinds, their API path and result shape. */
export interface QueryResults {
  'ipo-allotments': Paged<Allotment>;
  abandonments: Paged<Abandonment> & { markets: MarketStanding[] };
  'risk-disclosures': Paged<Signing>;
  'dividend-tax': Paged<TaxLine>;
  authorisations: Paged<Authorisation>;
}
export type QueryKind = keyof QueryResults;

export type QueryParams = Record<string, string | number | undefined>;

const search = (params: QueryParams) => {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') s.set(k, String(v));
  const text = s.toString();
  return text ? `?${text}` : '';
};

export function useQueryFilters(enabled: boolean) {
  return useQuery({ queryKey: ['investor', 'event-query-filters'], queryFn: () => api.get<Filters>('/api/v1/investor/event-queries/filters'), enabled });
}

/** Runs a query once it has been asked for (params not null), keeping the last page while the next loads. */
export function useEventQuery<K extends QueryKind>(kind: K, params: QueryParams | null) {
  return useQuery({
    queryKey: ['investor', 'event-query', kind, params],
    queryFn: () => api.get<QueryResults[K]>(`/api/v1/investor/${kind}${search(params ?? {})}`),
    enabled: params !== null,
    placeholderData: keepPreviousData,
  });
}
