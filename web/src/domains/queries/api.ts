import type { TFunction } from 'i18next';
/**
 * 查询服务 of a bound investor: the API calls and query keys, shared by the desktop
 * and the mobile hall and by every query page (the account and market choices,
 * paged results, the link to 获取电子凭证).
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';

export type SecurityClass = 'A' | 'B';
export const SECURITY_CLASSES: SecurityClass[] = ['A', 'B'];
export type AccountBinding = 'bound' | 'temporary' | 'unbound';

/** An account in a 证券账户 select: its (masked) number, marked 临时绑定 when this session added it. */
export function accountChoiceLabel(account: { numberMasked: string; binding: AccountBinding }, t: TFunction): string {
  return account.binding === 'temporary' ? `${account.numberMasked} ${t('queries:binding.temporary')}` : account.numberMasked;
}

export interface Paged<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

/**
 * A 证券账户 choice (own-accounts.ts on the server; the same shape for queries, event queries and certificates): the masked
 * number to show, and the opaque reference that requests and URLs carry instead of the number.
 */
export interface QueryAccount {
  ref: string;
  numberMasked: string;
  market: string;
  kind: string;
  status: string;
  binding: AccountBinding;
  unifiedAccountMasked: string;
}

export interface MyUnifiedAccounts {
  fullNumbers: boolean;
  items: {
    unifiedAccountNumber: string;
    bound: boolean;
    boundAt: string | null;
    status: string;
    securitiesAccounts: { number: string; market: string; kind: string; status: string; openingAgent: string; openedOn: string; binding: AccountBinding }[];
  }[];
}

/** What every account query sends: 证券类别, 证券账户 (its reference), 交易市场. */
export interface AccountFilter {
  securityClass: SecurityClass;
  /** the account's opaque reference (`QueryAccount.ref`), never its number */
  account: string;
  market: string;
}

export interface Position {
  code: string;
  name: string;
  market: string;
  tradable: string;
  restricted: string;
  frozen: string;
  pledged: string;
  total: string;
}

export interface Change {
  id: string;
  date: string;
  code: string;
  name: string;
  businessType: string;
  businessTypeZh: string;
  businessTypeEn: string;
  category: string;
  quantity: string;
  balanceAfter: string;
}

export interface Freeze {
  id: string;
  code: string;
  name: string;
  kind: string;
  state: 'active' | 'waiting';
  authority: string;
  caseNumber: string;
  quantity: string;
  frozenQuantity: string;
  queueNo: number | null;
  startOn: string | null;
  endOn: string | null;
}

export interface HoldingHistory {
  code: string;
  name: string;
  points: { date: string; balance: string }[];
  truncated: boolean;
}

const base = '/api/v1/investor/queries';
export const queryKeys = {
  // Under 'investor', so that binding (refreshStanding) refreshes them too.
  all: ['investor', 'queries'] as const,
  accounts: ['investor', 'queries', 'accounts'] as const,
  unifiedAccounts: ['investor', 'queries', 'unified-accounts'] as const,
  result: (kind: string, params: Record<string, string | number>) => ['investor', 'queries', kind, params] as const,
};

/** A query string of the set values, in a stable order. */
export function searchOf(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, String(value));
  return search.toString();
}

export function useQueryAccounts() {
  return useQuery({ queryKey: queryKeys.accounts, queryFn: () => api.get<{ items: QueryAccount[] }>(`${base}/accounts`) });
}

export function useMyUnifiedAccounts() {
  return useQuery({ queryKey: queryKeys.unifiedAccounts, queryFn: () => api.get<MyUnifiedAccounts>(`${base}/unified-accounts`) });
}

export const addTemporaryAccount = (accountNumber: string) => api.post<{ accountMasked: string; accountRef: string; unifiedAccountMasked: string; binding: 'temporary' }>(`${base}/temporary-accounts`, { accountNumber });

/** A paged result of one of the account queries, once a query has been submitted (params set). */
export function usePagedQuery<T>(kind: 'holdings' | 'changes' | 'freezes', params: Record<string, string | number> | null) {
  return useQuery({
    queryKey: queryKeys.result(kind, params ?? {}),
    queryFn: () => api.get<Paged<T>>(`${base}/${kind}?${searchOf(params!)}`),
    enabled: params !== null,
    placeholderData: keepPreviousData,
    retry: false,
  });
}

export function useHoldingHistory(params: Record<string, string> | null) {
  return useQuery({
    queryKey: queryKeys.result('holding-history', params ?? {}),
    queryFn: () => api.get<HoldingHistory>(`${base}/holding-history?${searchOf(params!)}`),
    enabled: params !== null,
    retry: false,
  });
}

export type CertificateKind = 'holding_balance' | 'holding_changes' | 'freezes';

/** The 获取电子凭证 page of the current query (desktop `/query/certificate`, mobile `/m/certificate`). */
export function certificatePath(portal: 'desktop' | 'mobile', kind: CertificateKind, filter: AccountFilter, dates: { date: string } | { from: string; to: string }): string {
  const path = portal === 'desktop' ? '/query/certificate' : '/m/certificate';
  return `${path}?${searchOf({ kind, account: filter.account, market: filter.market, securityClass: filter.securityClass, ...dates })}`;
}

/** Today in Beijing, as the server checks dates (YYYY-MM-DD). */
export function beijingToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** A day `days` before `date` (negative: after). */
export function daysBefore(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}
