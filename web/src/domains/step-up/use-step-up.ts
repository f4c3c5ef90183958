import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../api/client.ts';
import { toApiError } from '../../ui/errors.ts';
import { useCaptcha } from '../../ui/hooks/use-captcha.ts';
import type { NotificationChannel } from '../profile/api.ts';
import { passStepUp, sendStepUpCode } from './api.ts';
import { codeFormField } from '../profile/contact-errors.ts';

interface StepUpForm {
  getFieldValue(name: 'captchaAnswer'): unknown;
  setFieldsValue(values: { captchaAnswer: string }): void;
  setFields(fields: { name: 'code' | 'captchaAnswer'; errors: string[] }[]): void;
}

/**
 * The steps of 二次认证 behind the desktop modal and the mobile popup: the graphic
 * captcha guards sending a code to the chosen channel (one attempt per captcha),
 * then the code passes the check. A wrong code or captcha is shown at its field.
 */
export function useStepUp(form: StepUpForm, channel: NotificationChannel, onPassed: () => Promise<void>) {
  const { t } = useTranslation('profile');
  const captcha = useCaptcha();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const showError = (failure: unknown) => {
    const apiError = toApiError(failure);
    if (codeFormField(apiError) === 'code') form.setFields([{ name: 'code', errors: [apiError.message] }]);
    else if (apiError.code === 'CAPTCHA_INVALID') form.setFields([{ name: 'captchaAnswer', errors: [apiError.message] }]);
    else setError(apiError);
  };

  const send = async () => {
    setError(null);
    const answer = ((form.getFieldValue('captchaAnswer') as string | undefined) ?? '').trim();
    if (!answer) {
      form.setFields([{ name: 'captchaAnswer', errors: [t('notify.stepUpCaptchaFirst')] }]);
      return null;
    }
    if (!captcha.captchaId) return null;
    try {
      return await sendStepUpCode({ captchaId: captcha.captchaId, captchaAnswer: answer, channel });
    } finally {
      form.setFieldsValue({ captchaAnswer: '' });
      captcha.refresh();
    }
  };

  const submit = async ({ code }: { code: string }) => {
    setBusy(true);
    setError(null);
    try {
      await passStepUp(channel, code.trim());
      await onPassed();
    } catch (failure) {
      showError(failure);
    } finally {
      setBusy(false);
    }
  };

  return { captcha, send, submit, busy, error, showError };
}
