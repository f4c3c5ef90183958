/**
 * The registry (登记簿) for depository staff: settlement imports (perm `registry.import`)
 * and the book of record's queries (perm `registry.read`). Quantities stay decimal strings.
 */
import { keepPreviousData, useQuery, type UseQueryResult } from '@tanstack/react-query';
import { ApiError, api, apiErrorOf, csrfToken, networkError } from '../../api/client.ts';
import { queryString } from '../../api/query-string.ts';
import type { ApiResponse } from '../../api/typed.ts';
import i18n from '../../i18n/index.ts';
import { STAFF_QUERY_ROOT } from '../staff-keys.ts';

const REGISTRY = '/api/v1/staff/registry';

export const BATCH_ID_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;
export const ACCOUNT_NUMBER_PATTERN = /^[A-Z0-9]{10}$/;
export const SECURITY_CODE_PATTERN = /^\d{6}$/;
export const MARKETS = ['SH', 'SZ', 'BJ'] as const;
export type Market = (typeof MARKETS)[number];

/** The columns of a daily closing-price file (收盘价), in order. */
export const CLOSING_PRICE_COLUMNS = ['market', 'trading_day', 'security_code', 'close_price'] as const;

/** The columns of a settlement file, in order (the last, reference, may be left out). */
export const SETTLEMENT_COLUMNS = ['account_number', 'market', 'security_code', 'business_type', 'category', 'quantity', 'effective_on', 'reference'] as const;

// ---- settlement imports ----

export type ImportStatus = 'queued' | 'running' | 'done' | 'failed' | 'parked';

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
  | { status: 'rejected'; code: 'BATCH_FILE_INVALID'; reason?: string }
  | { status: 'rejected'; code: 'LINE_TOO_LONG'; line: number; maxBytes: number };

/** An import as listed, with the status and result the server's job writes. */
export type SettlementImport = Omit<ApiResponse<'/api/v1/staff/registry/settlement-imports', 'get'>['items'][number], 'status' | 'result'> & {
  status: ImportStatus;
  result: ImportResult | null;
};
type SettlementImports = { items: SettlementImport[]; total: number };

export const registryKeys = {
  all: [STAFF_QUERY_ROOT, 'registry'] as const,
  imports: (page: { page: number; pageSize: number }) => [...registryKeys.all, 'imports', page] as const,
  priceImports: (page: { page: number; pageSize: number }) => [...registryKeys.all, 'imports', 'closing-prices', page] as const,
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
    queryFn: () => api.get<SettlementImports>(`${REGISTRY}/settlement-imports${queryString(page)}`),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data?.items.some(inProgress) ? IMPORTS_REFRESH_MS : false),
  });
}

/** Closing-price imports (an event-import kind), listed like the settlement ones. */
export function useClosingPriceImports(page: { page: number; pageSize: number }) {
  return useQuery({
    queryKey: registryKeys.priceImports(page),
    queryFn: () => api.get<SettlementImports>(`${REGISTRY}/event-imports${queryString({ kind: 'closing-prices', ...page })}`),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data?.items.some(inProgress) ? IMPORTS_REFRESH_MS : false),
  });
}

export interface UploadProgress {
  loaded: number;
  total: number;
}

type UploadAnswer = ApiResponse<'/api/v1/staff/registry/settlement-batches/{batchId}', 'put'>;

function putFile(url: string, file: File, csrf: string, onProgress: (progress: UploadProgress) => void, signal?: AbortSignal): Promise<UploadAnswer> {
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
          resolve(JSON.parse(xhr.responseText) as UploadAnswer);
        } catch {
          reject(apiErrorOf(xhr.status, ''));
        }
      } else reject(apiErrorOf(xhr.status, xhr.responseText));
    };
    xhr.onerror = () => reject(networkError());
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
export function uploadSettlementFile(batchId: string, file: File, onProgress: (progress: UploadProgress) => void, signal?: AbortSignal): Promise<UploadAnswer> {
  return uploadCsv(`${REGISTRY}/settlement-batches/${encodeURIComponent(batchId)}`, file, onProgress, signal);
}

/** Uploads a daily closing-price file (`PUT …/event-imports/closing-prices/:batchId`), like a settlement file. */
export function uploadClosingPriceFile(batchId: string, file: File, onProgress: (progress: UploadProgress) => void, signal?: AbortSignal): Promise<UploadAnswer> {
  return uploadCsv(`${REGISTRY}/event-imports/closing-prices/${encodeURIComponent(batchId)}`, file, onProgress, signal);
}

async function uploadCsv(path: string, file: File, onProgress: (progress: UploadProgress) => void, signal?: AbortSignal): Promise<UploadAnswer> {
  const url = `${path}${queryString({ fileName: file.name.slice(0, 200) })}`;
  try {
    return await putFile(url, file, await csrfToken(false), onProgress, signal);
  } catch (error) {
    if (!(error instanceof ApiError && error.code === 'CSRF_FAILED')) throw error;
    return putFile(url, file, await csrfToken(true), onProgress, signal);
  }
}

// ---- queries of the book of record ----

type AccountAnswers = {
  holdings: ApiResponse<'/api/v1/staff/registry/accounts/{ref}/holdings', 'get'>['items'];
  changes: ApiResponse<'/api/v1/staff/registry/accounts/{ref}/changes', 'get'>['items'];
  freezes: ApiResponse<'/api/v1/staff/registry/accounts/{ref}/freezes', 'get'>['items'];
};
type AccountAnswer<What extends keyof AccountAnswers> = AccountAnswers[What];
type RegisterAnswer = ApiResponse<'/api/v1/staff/registry/securities/{market}/{code}/register', 'get'>;
const ACCOUNT_LOOKUP = `${REGISTRY}/accounts/lookup`;
type AccountFound = ApiResponse<typeof ACCOUNT_LOOKUP, 'post'>;

export type Holding = AccountAnswer<'holdings'>[number];
export type JournalEntry = AccountAnswer<'changes'>[number];
export type Freeze = AccountAnswer<'freezes'>[number];
export type RegisterLine = RegisterAnswer['items'][number];

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

/** What an account query shows: its answer, and the failure of the look-up or of the query. */
export interface AccountQueryState<T> {
  data: T | undefined;
  error: Error | null;
  isFetching: boolean;
}

/**
 * The opaque reference of an account (decision 0040): the number travels only in the body of a POST, and the
 * queries put the reference in their URL. The reference never changes, so one look-up serves the whole session.
 */
function useAccountRef(accountNumber: string | null) {
  return useQuery({
    queryKey: [...registryKeys.all, 'account-ref', accountNumber],
    queryFn: () => api.post<AccountFound>(ACCOUNT_LOOKUP, { number: accountNumber }).then((found) => found.ref),
    enabled: accountNumber !== null,
    staleTime: Infinity,
  });
}

const accountPath = (ref: string) => `${REGISTRY}/accounts/${encodeURIComponent(ref)}`;

function stateOf<T>(ref: UseQueryResult<string>, query: UseQueryResult<T>): AccountQueryState<T> {
  return { data: query.data, error: ref.error ?? query.error, isFetching: ref.isFetching || query.isFetching };
}

/** What an account held, or had frozen, at the end of a date. */
function useAccountAtDate<What extends 'holdings' | 'freezes'>(what: What, lookup: { account: string; date: string } | null) {
  const ref = useAccountRef(lookup?.account ?? null);
  const query = useQuery({
    queryKey: registryKeys[what](lookup?.account ?? '', lookup?.date ?? ''),
    queryFn: () => api.get<{ items: AccountAnswer<What> }>(`${accountPath(ref.data!)}/${what}${queryString({ date: lookup!.date })}`).then((answer) => answer.items),
    enabled: lookup !== null && ref.data !== undefined,
  });
  return stateOf(ref, query);
}

export const useHoldings = (lookup: { account: string; date: string } | null) => useAccountAtDate('holdings', lookup);
export const useFreezes = (lookup: { account: string; date: string } | null) => useAccountAtDate('freezes', lookup);

export function useChanges(query: ChangesQuery | null) {
  const ref = useAccountRef(query?.account ?? null);
  const changes = useQuery({
    queryKey: registryKeys.changes(query ?? { account: '', from: '', to: '', page: 0, pageSize: 0 }),
    queryFn: () => {
      const { account: _account, ...rest } = query!;
      return api.get<{ items: AccountAnswer<'changes'> }>(`${accountPath(ref.data!)}/changes${queryString({ ...rest })}`).then((answer) => answer.items);
    },
    enabled: query !== null && ref.data !== undefined,
    placeholderData: keepPreviousData,
  });
  return stateOf(ref, changes);
}

export function useRegister(query: RegisterQuery | null) {
  return useQuery({
    queryKey: registryKeys.register(query ?? { market: 'SH', code: '', date: '', limit: 0 }),
    queryFn: () => api.get<RegisterAnswer>(`${REGISTRY}/securities/${query!.market}/${encodeURIComponent(query!.code)}/register${queryString({ date: query!.date, limit: query!.limit })}`).then((answer) => answer.items),
    enabled: query !== null,
  });
}

// ---- register exports ----

export type ExportFormat = 'csv' | 'xlsx';
export type RegisterExport = ApiResponse<'/api/v1/staff/registry/register-exports', 'get'>['items'][number];

export const registerExportFile = (id: string) => `${REGISTRY}/register-exports/${encodeURIComponent(id)}/file`;

export function startRegisterExport(query: RegisterQuery, format: ExportFormat) {
  return api.post<ApiResponse<'/api/v1/staff/registry/register-exports', 'post'>>(`${REGISTRY}/register-exports`, { market: query.market, code: query.code, date: query.date, format });
}

/** While an export waits, it is read again this often. */
const EXPORT_REFRESH_MS = 1000;

/** One register export, followed until it is done or failed. */
export function useRegisterExport(exportId: string | null) {
  return useQuery({
    queryKey: [...registryKeys.all, 'register-export', exportId],
    enabled: exportId !== null,
    queryFn: async () => {
      const list = await api.get<ApiResponse<'/api/v1/staff/registry/register-exports', 'get'>>(`${REGISTRY}/register-exports?pageSize=50`);
      return list.items.find((e) => e.id === exportId) ?? null;
    },
    refetchInterval: (query) => (query.state.data?.status === 'queued' || !query.state.data ? EXPORT_REFRESH_MS : false),
  });
}
