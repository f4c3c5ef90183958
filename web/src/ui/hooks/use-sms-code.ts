/**
 * The state of a "获取验证码" button: sending, then a countdown from the server's
 * `resendAfterSeconds` (or `retryAfterSeconds` when asked too soon).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { retryAfterSeconds } from '../errors.ts';
import { useCountdown } from './use-countdown.ts';

export interface SmsCodeSent {
  resendAfterSeconds: number;
}

export interface SmsCodeOptions {
  /** Validates what the code needs (the phone number) and asks the server to send it. */
  send: () => Promise<SmsCodeSent | null>;
  onError?: (error: unknown) => void;
}

/** What a code input with its send button takes inside a form item. */
export interface SmsCodeInputProps extends SmsCodeOptions {
  /** Where the code goes; its placeholder says 短信验证码 or 邮箱验证码. */
  channel?: 'sms' | 'email';
  id?: string;
  value?: string;
  onChange?: (value: string) => void;
}

export function useSmsCode({ send, onError }: SmsCodeOptions) {
  const { t } = useTranslation();
  const { remaining, start } = useCountdown();
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState(false);

  const trigger = async () => {
    if (sending || remaining > 0) return;
    setSending(true);
    try {
      const result = await send();
      if (result) {
        setSent(true);
        start(result.resendAfterSeconds);
      }
    } catch (error) {
      const wait = retryAfterSeconds(error);
      if (wait) start(wait);
      onError?.(error);
    } finally {
      setSending(false);
    }
  };

  const label = remaining > 0 ? t('sms.resendIn', { seconds: remaining }) : t(sent ? 'sms.resend' : 'sms.get');
  return { label, sending, disabled: remaining > 0, trigger };
}
