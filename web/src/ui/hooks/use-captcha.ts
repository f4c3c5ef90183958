/**
 * One graphic captcha at a time: fetched on mount, refreshed on demand (click, or after
 * any attempt to use it, right or wrong) and when it expires.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { requestCaptcha, type Captcha } from '../../api/captcha.ts';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../api/client.ts';
import { toApiError } from '../errors.ts';

export interface CaptchaState {
  captchaId: string | null;
  image: string | null;
  loading: boolean;
  error: ApiError | null;
  refresh: () => void;
}

/** What a captcha answer input takes inside a form item (value, onChange and id come from the item). */
export interface CaptchaInputProps {
  captcha: CaptchaState;
  id?: string;
  value?: string;
  onChange?: (value: string) => void;
}

/** The label, name and rules of the `captchaAnswer` form item, in either hall. */
export function useCaptchaField(required: boolean) {
  const { t } = useTranslation();
  return { label: t('captcha.label'), name: 'captchaAnswer', rules: required ? [{ required: true, whitespace: true, message: t('captcha.required') }] : [] };
}

export function useCaptcha(): CaptchaState {
  const [captcha, setCaptcha] = useState<Captcha | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError | null>(null);
  const latest = useRef(0);

  const refresh = useCallback(() => {
    const request = ++latest.current;
    setLoading(true);
    requestCaptcha().then(
      (next) => {
        if (request !== latest.current) return;
        setCaptcha(next);
        setError(null);
        setLoading(false);
      },
      (failure: unknown) => {
        if (request !== latest.current) return;
        setCaptcha(null);
        setError(toApiError(failure));
        setLoading(false);
      },
    );
  }, []);

  // The first captcha is fetched on mount; `loading` starts true, so the flag set there renders nothing new.
  // eslint-disable-next-line react-hooks/set-state-in-effect
  useEffect(refresh, [refresh]);

  useEffect(() => {
    const seconds = captcha?.expiresInSeconds;
    if (!seconds) return;
    const timer = setTimeout(refresh, seconds * 1000);
    return () => clearTimeout(timer);
  }, [captcha, refresh]);

  return { captchaId: captcha?.captchaId ?? null, image: captcha?.image ?? null, loading, error, refresh };
}
