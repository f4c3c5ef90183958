/** Which form field a server error belongs to; other errors are shown for the whole form. */
import { ApiError } from '../../api/client.ts';
import { validateMobile } from '../../../../server/src/kernel/identifiers.ts';

/**
 * A mainland mobile number as the server reads it: the shared kernel's rule itself (DOMAIN.md, "Any typed
 * identifier": full-width digits, spaces, +86), for instant feedback only; the server checks it again.
 */
export const mobileRule = (message: string) => ({
  message,
  validator: (_rule: unknown, value: string | undefined) => (!value?.trim() || validateMobile(value).ok ? Promise.resolve() : Promise.reject(new Error(message))),
});

/** The longest a typed mobile may be: '+86 138 0013 8000' in full width included (the server's cap). */
export const MOBILE_MAX_LENGTH = 20;

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
