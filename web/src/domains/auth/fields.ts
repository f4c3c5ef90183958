/** Which form field a server error belongs to; other errors are shown for the whole form. */
import { ApiError } from '../../api/client.ts';

/** Mainland mobile number format (DOMAIN.md); the server checks it as well. */
export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;

/** E-mail address format; the server checks it as well. */
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

export type RegisterField = 'mobile' | 'password' | 'smsCode' | 'agreements';
export type PasswordField = 'oldPassword' | 'newPassword';

const registerFields: Record<string, RegisterField> = {
  MOBILE_INVALID: 'mobile',
  MOBILE_TAKEN: 'mobile',
  PASSWORD_POLICY: 'password',
  CODE_INVALID: 'smsCode',
  CODE_EXPIRED: 'smsCode',
  CODE_RESEND_TOO_SOON: 'smsCode',
  AGREEMENTS_REQUIRED: 'agreements',
};

const passwordFields: Record<string, PasswordField> = {
  OLD_PASSWORD_WRONG: 'oldPassword',
  PASSWORD_POLICY: 'newPassword',
  PASSWORD_SAME: 'newPassword',
};

export function registerErrorField(error: unknown): RegisterField | null {
  return error instanceof ApiError ? (registerFields[error.code] ?? null) : null;
}

export function passwordErrorField(error: unknown): PasswordField | null {
  return error instanceof ApiError ? (passwordFields[error.code] ?? null) : null;
}
