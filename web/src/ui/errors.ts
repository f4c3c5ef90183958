import { ApiError } from '../api/client.ts';
import i18n from '../i18n/index.ts';

/** Anything thrown, as an ApiError with a message fit to show. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(0, 'CLIENT_ERROR', i18n.t('common:errors.unexpected'));
}

/** Seconds to wait, when the server said so (`CODE_RESEND_TOO_SOON`, `RATE_LIMITED`). */
export function retryAfterSeconds(error: unknown): number | null {
  if (!(error instanceof ApiError)) return null;
  const value = error.details.retryAfterSeconds;
  return typeof value === 'number' && value > 0 ? Math.ceil(value) : null;
}
