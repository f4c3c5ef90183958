/**
 * The registry (登记簿) for depository staff: settlement imports (perm `registry.import`)
 * and the book of record's queries (perm `registry.read`). Quantities stay decimal strings.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ApiError, api } from '../../../api/client.ts';
import { fetchSession } from '../../../api/session.ts';
import i18n from '../../../i18n/index.ts';
import { queryString, STAFF_QUERY_ROOT } from '../../staff-common/api.ts';

export const BATCH_ID_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;
export const ACCOUNT_NUMBER_PATTERN = /^[A-Z0-9]{10}$/;
export const SECURITY_CODE_PATTERN = /^\d{6}$/;
export const MARKETS = ['SH', 'SZ', 'BJ'] as const;
export type Market = (typeof MARKETS)[number];

/** The columns of a settlement file, in order (the last, reference, may be left out). */
export const SETTLEMENT_COLUMNS = ['account_number', 'market', 'security_code', 'business_type', 'category', 'quantity', 'effective_on', 'reference'] as const;

// ---- settlement imports ----

export type ImportStatus = 'queued' | 'running' | 'done' | 'failed';

export interface LineError {
  line: number;
  reason: string;
  detail?: string;
}

/** What a finished import job answered (`result`). */
export type ImportResult =
  | { status: 'applied'; batchId: string; rows: number }
  | { status: 'already_applied'; batchId: string; rows: number }
  | { status: 'rejected'; code: 'BATCH_REJECTED'; errors: LineError[] }
  | { status: 'rejected'; code: 'BATCH_ID_REUSED'; batchId?: string }
  | { status: 'rejected'; code: 'BATCH_FILE_INVALID'; reason?: string };

export interface SettlementImport {
  jobId: string;
  batchId: string;
  fileName: string;
  bytes: number;
  status: ImportStatus;
  progressDone: number | null;
  progressTotal: number | null;
  result: ImportResult | null;
  lastError: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export const registryKeys = {
  all: [STAFF_QUERY_ROOT, 'registry'] as const,
  imports: (page: { page: number; pageSize: number }) => [...registryKeys.all, 'imports', page] as const,
  holdings: (account: string, date: string) => [...registryKeys.all, 'holdings', account, date] as const,
  changes: (query: ChangesQuery) => [...registryKeys.all, 'changes', query] as const,
  freezes: (account: string, date: string) => [...registryKeys.all, 'freezes', account, date] as const,
  register: (query: RegisterQuery) => [...registryKeys.all, 'register', query] as const,
};

/** While an import waits or runs, the list refreshes this often. */
export const IMPORTS_REFRESH_MS = 2000;

const inProgress = (item: SettlementImport) => item.status === 'queued' || item.status === 'running';

export function useSettlementImports(page: { page: number; pageSize: number }) {
  return useQuery({
    queryKey: registryKeys.imports(page),
    queryFn: () => api.get<{ items: SettlementImport[]; total: number }>(`/api/v1/staff/registry/settlement-imports${queryString(page)}`),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data?.items.some(inProgress) ? IMPORTS_REFRESH_MS : false),
  });
}

export interface UploadProgress {
  loaded: number;
  total: number;
}

const CSRF_COOKIE = 'ch_csrf';

function csrfCookie(): string | null {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === CSRF_COOKIE) return decodeURIComponent(rest.join('='));
  }
  return null;
}

/** An answer of the API as an ApiError, the way the shared client makes them. */
function apiErrorOf(status: number, text: string): ApiError {
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (typeof body === 'object' && body !== null && typeof (body as { code?: unknown }).code === 'string') {
    const { code, message, details } = body as { code: string; message?: string; details?: Record<string, unknown> };
    return new ApiError(status, code, message ?? i18n.t('common:errors.http', { status }), details ?? {});
  }
  return new ApiError(status, 'HTTP_ERROR', i18n.t('common:errors.http', { status }));
}

function putFile(url: string, file: File, csrf: string, onProgress: (progress: UploadProgress) => void, signal?: AbortSignal): Promise<{ jobId: string; bytes: number }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Content-Type', 'text/csv');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', i18n.language || 'zh-CN');
    xhr.setRequestHeader('x-csrf-token', csrf);
    xhr.upload.onprogress = (event) => onProgress({ loaded: event.loaded, total: event.lengthComputable ? event.total : file.size });
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as { jobId: string; bytes: number });
        } catch {
          reject(apiErrorOf(xhr.status, ''));
        }
      } else reject(apiErrorOf(xhr.status, xhr.responseText));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK_ERROR', i18n.t('common:errors.network')));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}

/**
 * Uploads a settlement file as the body of `PUT …/settlement-batches/:batchId` (text/csv),
 * reporting the bytes sent. The server stores it and answers at once; a job imports it.
 * Carries the CSRF token like the shared client, and retries once on `CSRF_FAILED`.
 */
export async function uploadSettlementFile(
  batchId: string,
  file: File,
  onProgress: (progress: UploadProgress) => void,
  signal?: AbortSignal,
): Promise<{ jobId: string; bytes: number }> {
  const url = `/api/v1/staff/registry/settlement-batches/${encodeURIComponent(batchId)}${queryString({ fileName: file.name.slice(0, 200) })}`;
  const token = csrfCookie() ?? (await fetchSession()).csrfToken;
  try {
    return await putFile(url, file, token, onProgress, signal);
  } catch (error) {
    if (!(error instanceof ApiError && error.code === 'CSRF_FAILED')) throw error;
    return putFile(url, file, (await fetchSession()).csrfToken, onProgress, signal);
  }
}

// ---- queries of the book of record ----

export interface Holding {
  market: string;
  code: string;
  name: string;
  securityClass: string;
  tradable: string;
  restricted: string;
  frozen: string;
  pledged: string;
}

export interface JournalEntry {
  id: string;
  market: string;
  code: string;
  name: string;
  businessType: string;
  category: string;
  quantity: string;
  balanceAfter: string;
  effectiveOn: string;
  batchId: string;
}

export interface Freeze {
  id: string;
  code: string;
  name: string;
  kind: string;
  status: 'active' | 'waiting' | string;
  authority: string;
  caseNumber: string;
  quantity: string;
  frozenQuantity: string;
  queueNo: number | null;
  startOn: string | null;
  endOn: string | null;
}

export interface RegisterLine {
  rank: number;
  accountNumber: string;
  holderName: string;
  holderKind: string;
  holderCategory: string;
  tradable: string;
  restricted: string;
  frozen: string;
  pledged: string;
  total: string;
}

export interface ChangesQuery {
  account: string;
  from: string;
  to: string;
  page: number;
  pageSize: number;
}

export interface RegisterQuery {
  market: Market;
  code: string;
  date: string;
  limit: number;
}

const accountPath = (account: string) => `/api/v1/staff/registry/accounts/${encodeURIComponent(account)}`;

export function useHoldings(lookup: { account: string; date: string } | null) {
  return useQuery({
    queryKey: registryKeys.holdings(lookup?.account ?? '', lookup?.date ?? ''),
    queryFn: () => api.get<{ items: Holding[] }>(`${accountPath(lookup!.account)}/holdings${queryString({ date: lookup!.date })}`).then((answer) => answer.items),
    enabled: lookup !== null,
  });
}

export function useChanges(query: ChangesQuery | null) {
  return useQuery({
    queryKey: registryKeys.changes(query ?? { account: '', from: '', to: '', page: 0, pageSize: 0 }),
    queryFn: () => {
      const { account, ...rest } = query!;
      return api.get<{ items: JournalEntry[] }>(`${accountPath(account)}/changes${queryString({ ...rest })}`).then((answer) => answer.items);
    },
    enabled: query !== null,
    placeholderData: keepPreviousData,
  });
}

export function useFreezes(lookup: { account: string; date: string } | null) {
  return useQuery({
    queryKey: registryKeys.freezes(lookup?.account ?? '', lookup?.date ?? ''),
    queryFn: () => api.get<{ items: Freeze[] }>(`${accountPath(lookup!.account)}/freezes${queryString({ date: lookup!.date })}`).then((answer) => answer.items),
    enabled: lookup !== null,
  });
}

export function useRegister(query: RegisterQuery | null) {
  return useQuery({
    queryKey: registryKeys.register(query ?? { market: 'SH', code: '', date: '', limit: 0 }),
    queryFn: () =>
      api
        .get<{
          items: RegisterLine[];
        }>(`/api/v1/staff/registry/securities/${query!.market}/${encodeURIComponent(query!.code)}/register${queryString({ date: query!.date, limit: query!.limit })}`)
        .then((answer) => answer.items),
    enabled: query !== null,
  });
}
