import { api } from './client.ts';

export interface Captcha {
  captchaId: string;
  /** `data:image/svg+xml;base64,...` */
  image: string;
  expiresInSeconds?: number;
}

/** A new single-use graphic captcha. */
export function requestCaptcha(): Promise<Captcha> {
  return api.post<Captcha>('/api/v1/captcha', {});
}
