/** Errors the manual shows as a pop-up (“手机号已被绑定，请确认”, “电子邮箱已被绑定，请确认”) rather than beside a field. */
import { ApiError } from '../../api/client.ts';

const POP_UP = new Set(['PROFILE_MOBILE_BOUND', 'PROFILE_EMAIL_BOUND']);
const CODE_FIELD = new Set(['CODE_INVALID', 'CODE_EXPIRED', 'CODE_RESEND_TOO_SOON', 'CODE_DAILY_LIMIT']);
const VALUE_FIELD = new Set(['MOBILE_INVALID', 'PROFILE_EMAIL_INVALID']);

export function isPopUpError(error: unknown): boolean {
  return error instanceof ApiError && POP_UP.has(error.code);
}

/** Which field of a code form a server error belongs to, if any. */
export function codeFormField(error: unknown): 'value' | 'code' | null {
  if (!(error instanceof ApiError)) return null;
  if (CODE_FIELD.has(error.code)) return 'code';
  if (VALUE_FIELD.has(error.code)) return 'value';
  return null;
}
