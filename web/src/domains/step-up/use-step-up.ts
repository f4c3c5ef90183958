import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../api/client.ts';
import { toApiError } from '../../ui/errors.ts';
import { useCaptcha } from '../../ui/hooks/use-captcha.ts';
import type { NotificationChannel } from '../profile/api.ts';
import { passStepUp, sendStepUpCode } from './api.ts';
import { codeFormField } from '../profile/contact-errors.ts';

const CHANNELS: NotificationChannel[] = ['sms', 'email'];

interface StepUpForm {
  getFieldValue(name: 'captchaAnswer'): unknown;
  setFieldsValue(values: { captchaAnswer: string }): void;
  setFields(fields: { name: 'code' | 'captchaAnswer'; errors: string[] }[]): void;
}

/**
 * The steps of 二次认证 behind the desktop modal and the mobile popup: the channel
 * (the user's own phone when there is one, else e-mail), the graphic captcha that guards
 * sending a code to it (one attempt per captcha), then the code passes the check. A
 * wrong code or captcha is shown at its field.
 */
export function useStepUp(form: StepUpForm, { hasMobile, hasEmail }: { hasMobile: boolean; hasEmail: boolean }, onPassed: () => Promise<void>) {
  const { t } = useTranslation('profile');
  const captcha = useCaptcha();
  const [channel, setChannel] = useState<NotificationChannel>(hasMobile ? 'sms' : 'email');
  const [error, setError] = useState<ApiError | null>(null);

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

  const check = useMutation({
    mutationFn: async (code: string) => {
      await passStepUp(channel, code);
      await onPassed();
    },
    onMutate: () => setError(null),
    onError: showError,
  });

  return {
    captcha,
    channel,
    setChannel,
    channels: CHANNELS.filter((option) => (option === 'sms' ? hasMobile : hasEmail)).map((option) => ({ value: option, label: t(`notify.${option}`) })),
    codeItem: { label: t(`verify.codeLabel.${channel === 'sms' ? 'own-mobile' : 'own-email'}`), name: 'code', rules: [{ required: true, whitespace: true, message: t('verify.codeRequired') }] },
    send,
    submit: ({ code }: { code: string }) => check.mutate(code.trim()),
    busy: check.isPending,
    error,
    showError,
  };
}
