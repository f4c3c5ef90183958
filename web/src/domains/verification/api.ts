/**
 * Identity verification (身份认证), real-name verification and account binding:
 * the API calls and query keys, shared by the desktop and the mobile hall.
 */
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { sessionQueryKey } from '../../api/session.ts';

export type VerificationMethod = 'user_mobile' | 'user_email' | 'reserved_phone' | 'unionpay' | 'trading' | 'counter';

export interface Verification {
  id: string;
  purpose: string;
  status: 'open' | 'pending' | 'passed' | 'failed' | 'abandoned' | 'consumed' | 'expired';
  methods: VerificationMethod[];
  method: VerificationMethod | null;
  remainingAttempts: number;
  expiresAt: string;
  resultExpiresAt: string | null;
  details: Partial<
    Record<'mobileMasked' | 'emailMasked' | 'ownMobileMasked' | 'ownEmailMasked' | 'cardMasked' | 'tradingCode' | 'tradingPrice' | 'securityCodeSH' | 'securityCodeSZ' | 'counterDecision' | 'sandboxTerminal', string>
  >;
}

export interface CardElements {
  name: string;
  idNumber: string;
  cardNumber: string;
  mobile: string;
}

export interface CodeSent {
  view: Verification;
  expiresInSeconds: number;
  resendAfterSeconds: number;
}

export interface Standing {
  verified: boolean;
  verifiedIdentity?: { name: string; idType: string; idNumberMasked: string };
  boundUnifiedAccounts: { unifiedAccountNumber: string; boundAt: string; method: string }[];
  bound: boolean;
}

export interface QuickBindingOptions {
  name: string;
  idType: string;
  idNumberMasked: string;
  unifiedAccounts: { number: string; status: string; openedOn: string; bound: boolean }[];
}

export interface DirectBindingInput {
  userType: 'person' | 'institution';
  name: string;
  idType: string;
  idNumber: string;
  securitiesAccountNumber?: string;
}

export interface BindingPreview {
  name: string;
  userType: string;
  idType: string;
  idNumberMasked: string;
  unifiedAccountNumber: string;
  method: string;
}

/** ID types the registry knows, in the order the forms offer them. */
export const ID_TYPES = ['resident_id', 'residence_permit_hmt', 'travel_permit_hk_macao', 'travel_permit_taiwan', 'passport', 'foreign_permanent_residence', 'unified_social_credit_code'] as const;

export const verificationKeys = {
  one: (id: string) => ['verification', id] as const,
  standing: ['investor', 'standing'] as const,
  quick: ['investor', 'binding', 'quick'] as const,
  preview: (id: string) => ['investor', 'binding', 'preview', id] as const,
};

const v = (id: string, step = '') => `/api/v1/verifications/${encodeURIComponent(id)}${step}`;

/**
 * A password recovery has no session: its verifications are reached with the
 * recovery's flow token (x-flow-token). The pages register it for the ids they show.
 */
const flowTokens = new Map<string, string>();
export const registerFlowToken = (verificationId: string, flowToken: string) => flowTokens.set(verificationId, flowToken);
const access = (id: string) => {
  const token = flowTokens.get(id);
  return token ? { headers: { 'x-flow-token': token } } : undefined;
};
const post = <T>(id: string, step: string, body: unknown = {}) => api.post<T>(v(id, step), body, access(id));

/** A verification; while a marked order or a counter is awaited it is polled. */
export function useVerification(id: string) {
  return useQuery({
    queryKey: verificationKeys.one(id),
    queryFn: () => api.get<Verification>(v(id), access(id)),
    refetchInterval: (query) => (query.state.data?.status === 'pending' ? 2000 : false),
  });
}

export async function reselect(id: string) {
  const fresh = await post<Verification>(id, '/reselect');
  const token = flowTokens.get(id);
  if (token) flowTokens.set(fresh.id, token);
  return fresh;
}
const ownPath = (method: 'user_mobile' | 'user_email') => (method === 'user_mobile' ? '/own-mobile' : '/own-email');
export const sendOwnCode = (id: string, method: 'user_mobile' | 'user_email') => post<CodeSent>(id, `${ownPath(method)}/code`);
export const confirmOwnCode = (id: string, method: 'user_mobile' | 'user_email', code: string) => post<Verification>(id, ownPath(method), { code });
export const sendReservedPhoneCode = (id: string) => post<CodeSent>(id, '/reserved-phone/code');
export const confirmReservedPhone = (id: string, code: string) => post<Verification>(id, '/reserved-phone', { code });
export const requestUnionPayCode = (id: string, card: CardElements) => post<CodeSent>(id, '/unionpay/code', card);
export const confirmUnionPay = (id: string, card: CardElements, code: string) => post<Verification>(id, '/unionpay', { ...card, code });
export const startTrading = (id: string) => post<Verification>(id, '/trading');
export const requestCounter = (id: string) => post<Verification>(id, '/counter');

export const startRealName = () => api.post<Verification>('/api/v1/investor/real-name/start', {});
export const completeRealName = (verificationId: string) => api.post<{ name: string; idType: string; idNumberMasked: string }>('/api/v1/investor/real-name', { verificationId });

export function useStanding() {
  return useQuery({ queryKey: verificationKeys.standing, queryFn: () => api.get<Standing>('/api/v1/investor/standing') });
}

export function useQuickBindingOptions(enabled = true) {
  return useQuery({ queryKey: verificationKeys.quick, queryFn: () => api.get<QuickBindingOptions>('/api/v1/investor/binding/quick'), enabled, retry: false });
}

export const quickBind = (unifiedAccountNumber?: string) => api.post<{ unifiedAccountNumber: string }>('/api/v1/investor/binding/quick', unifiedAccountNumber ? { unifiedAccountNumber } : {});
export const startDirectBinding = (input: DirectBindingInput) => api.post<Verification>('/api/v1/investor/binding/direct', input);
export const confirmBinding = (verificationId: string) => api.post<{ unifiedAccountNumber: string }>('/api/v1/investor/binding/confirm', { verificationId });

export function useBindingPreview(id: string) {
  return useQuery({ queryKey: verificationKeys.preview(id), queryFn: () => api.get<BindingPreview>(`/api/v1/investor/binding/verifications/${encodeURIComponent(id)}`), retry: false });
}

/** After real-name or binding: the session (实名 tag) and the standing change. */
export async function refreshStanding(queryClient: QueryClient) {
  await Promise.all([queryClient.invalidateQueries({ queryKey: sessionQueryKey }), queryClient.invalidateQueries({ queryKey: ['investor'] })]);
}
