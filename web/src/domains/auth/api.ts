/** The investor identity API (docs/api-draft.md), used by the desktop and the mobile hall. */
import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { InvestorPrincipal } from '../../api/session.ts';
import type { ApiBody, ApiResponse } from '../../api/typed.ts';

export type PasswordPolicy = ApiResponse<'/api/v1/investor/password-policy', 'get'>;
export type CodeSent = ApiResponse<'/api/v1/investor/register/code', 'post'>;
export type RegisterInput = ApiBody<'/api/v1/investor/register', 'post'>;
export type LoginInput = ApiBody<'/api/v1/investor/login', 'post'>;
export type PasswordChange = ApiBody<'/api/v1/investor/password', 'post'>;
// TODO(api-types): the server declares the principal as an open object; the session's own type says what it holds.
type SignedIn = { principal: InvestorPrincipal };

export const investorKeys = {
  passwordPolicy: ['investor', 'password-policy'] as const,
};

export function usePasswordPolicy() {
  return useQuery({
    queryKey: investorKeys.passwordPolicy,
    queryFn: () => api.get<PasswordPolicy>('/api/v1/investor/password-policy'),
    staleTime: Infinity,
  });
}

export function sendRegisterCode(mobile: string): Promise<CodeSent> {
  return api.post<CodeSent>('/api/v1/investor/register/code', { mobile });
}

export function register(input: RegisterInput): Promise<SignedIn> {
  return api.post('/api/v1/investor/register', input);
}

export function login(input: LoginInput): Promise<SignedIn> {
  return api.post('/api/v1/investor/login', input);
}

export function changePassword(input: PasswordChange): Promise<void> {
  return api.post<void>('/api/v1/investor/password', input);
}

export const useChangePassword = () => useMutation({ mutationFn: changePassword });
export const useRegister = () => useMutation({ mutationFn: register });
