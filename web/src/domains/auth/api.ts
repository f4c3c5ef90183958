/** The investor identity API (docs/api-draft.md), used by the desktop and the mobile hall. */
import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { InvestorPrincipal } from '../../api/session.ts';

export interface PasswordPolicy {
  minLength: number;
  maxLength: number;
  requireLetter: boolean;
  requireDigit: boolean;
  forbidSpaces: boolean;
}

export interface CodeSent {
  expiresInSeconds: number;
  resendAfterSeconds: number;
}

export interface RegisterInput {
  mobile: string;
  password: string;
  smsCode: string;
  agreementsAccepted: true;
}

export interface LoginInput {
  account: string;
  password: string;
  captchaId: string;
  captchaAnswer: string;
}

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

export function register(input: RegisterInput): Promise<{ principal: InvestorPrincipal }> {
  return api.post('/api/v1/investor/register', input);
}

export function login(input: LoginInput): Promise<{ principal: InvestorPrincipal }> {
  return api.post('/api/v1/investor/login', input);
}

export function changePassword(input: { oldPassword: string; newPassword: string }): Promise<void> {
  return api.post<void>('/api/v1/investor/password', input);
}

export const useChangePassword = () => useMutation({ mutationFn: changePassword });
export const useRegister = () => useMutation({ mutationFn: register });
