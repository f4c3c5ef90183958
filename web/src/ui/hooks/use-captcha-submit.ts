/**
 * A form guarded by the graphic captcha: its submit sends the values with the captcha;
 * a failure is shown, the answer cleared and a new captcha fetched (a captcha serves
 * one attempt, right or wrong). Busy while the request runs. Desktop and mobile forms alike.
 */
import { useState } from 'react';
import type { ApiError } from '../../api/client.ts';
import { toApiError } from '../errors.ts';
import { useCaptcha } from './use-captcha.ts';

export interface CaptchaProof {
  captchaId: string;
  captchaAnswer: string;
}

export function useCaptchaSubmit<V extends { captchaAnswer: string }>(form: { setFieldsValue(values: { captchaAnswer: string }): void }, action: (values: V, captcha: CaptchaProof) => Promise<unknown>) {
  const captcha = useCaptcha();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (values: V) => {
    if (!captcha.captchaId) return captcha.refresh();
    setBusy(true);
    setError(null);
    try {
      await action(values, { captchaId: captcha.captchaId, captchaAnswer: values.captchaAnswer.trim() });
    } catch (failure) {
      setError(toApiError(failure));
      form.setFieldsValue({ captchaAnswer: '' });
      captcha.refresh();
    } finally {
      setBusy(false);
    }
  };

  return { captcha, submit, busy, error };
}
