/** E-certificates (电子凭证) and the never-opened proof: the investor API, for the desktop and the mobile hall. */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { CodeSent } from '../auth/api.ts';
import type { QueryAccount } from '../queries/api.ts';

export type AccountCertificateKind = 'holding_balance' | 'holding_changes' | 'freezes';
export const ACCOUNT_CERTIFICATE_KINDS: AccountCertificateKind[] = ['holding_balance', 'holding_changes', 'freezes'];
export const MARKETS = ['SH', 'SZ', 'BJ'] as const;
export const SECURITY_CLASSES = ['A', 'B'] as const;

export type CertificateAccount = QueryAccount;

export interface CertificateRequest {
  kind: AccountCertificateKind;
  /** the account's opaque reference (`QueryAccount.ref`), never its number */
  accountRef: string;
  market?: string;
  securityClass?: string;
  date?: string;
  from?: string;
  to?: string;
  email: string;
}

export interface CertificateStatus {
  certificateId: string;
  kind: string;
  status: 'queued' | 'issued' | 'failed';
  verificationCode: string;
  emailMasked: string;
  requestedAt: string;
  issuedAt?: string;
  error?: string;
}

export interface ProofStanding {
  eligible: boolean;
  code?: 'PROOF_OUTSIDE_HOURS' | 'PROOF_NOT_VERIFIED' | 'PROOF_BOUND' | 'PROOF_HAS_ACCOUNTS';
  details?: Record<string, string>;
  subject?: { name: string; idType: string; idNumberMasked: string };
  emailMasked?: string;
}

/** The manual's message for a standing that may not have the proof. */
export function proofMessage(t: (key: string, options?: Record<string, unknown>) => string, standing: Pick<ProofStanding, 'code' | 'details'>): string {
  return t(`proof.messages.${standing.code}`, standing.details ?? {});
}

const base = '/api/v1/investor';
export const certificateKeys = {
  accounts: ['investor', 'certificates', 'accounts'] as const,
  one: (id: string) => ['investor', 'certificates', id] as const,
  proof: ['investor', 'never-opened-proof'] as const,
};

export function useCertificateAccounts() {
  return useQuery({ queryKey: certificateKeys.accounts, queryFn: () => api.get<{ items: CertificateAccount[] }>(`${base}/certificates/accounts`) });
}

export const CERTIFICATE_POLL_MS = 1500;

/**
 * How often a view of certificate requests reads them again: while any one is still
 * 正在出具 (queued), every CERTIFICATE_POLL_MS; once none is, never, so the screen
 * turns to 已出具 by itself and then stops asking.
 */
export function certificatePollInterval(requests: readonly Pick<CertificateStatus, 'status'>[]): number | false {
  return requests.some((request) => request.status === 'queued') ? CERTIFICATE_POLL_MS : false;
}

/** The request's state, polled until the PDF is issued (or failed). */
export function useCertificateStatus(id: string | null) {
  return useQuery({
    queryKey: certificateKeys.one(id ?? ''),
    queryFn: () => api.get<CertificateStatus>(`${base}/certificates/${encodeURIComponent(id!)}`),
    enabled: id !== null,
    refetchInterval: (query) => certificatePollInterval(query.state.data ? [query.state.data] : []),
  });
}

export function useProofStanding() {
  return useQuery({ queryKey: certificateKeys.proof, queryFn: () => api.get<ProofStanding>(`${base}/never-opened-proof`), staleTime: 0 });
}

/** Drops empty optional fields, so the closed schema sees only what was chosen. */
function compact<T extends object>(body: T): T {
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined && v !== '')) as T;
}

export const requestCertificate = (body: CertificateRequest) => api.post<CertificateStatus>(`${base}/certificates`, compact(body));
export const sendProofEmailCode = (email: string) => api.post<CodeSent & { destinationMasked: string }>(`${base}/never-opened-proof/email-code`, { email });
export const requestProof = (body: { email?: string; emailCode?: string }) => api.post<CertificateStatus>(`${base}/never-opened-proof`, compact(body));

/** Reads 获取电子凭证's query parameters as the holdings/changes/freezes pages pass them. */
export function certificateParams(search: URLSearchParams): Partial<CertificateRequest> {
  const kind = search.get('kind');
  const get = (name: string) => search.get(name) ?? undefined;
  return compact({
    kind: ACCOUNT_CERTIFICATE_KINDS.includes(kind as AccountCertificateKind) ? (kind as AccountCertificateKind) : undefined,
    accountRef: get('account'),
    market: get('market'),
    securityClass: get('securityClass'),
    date: get('date'),
    from: get('from'),
    to: get('to'),
  });
}

/** Today in Beijing time, YYYY-MM-DD: the default date of a certificate. */
export function beijingToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
