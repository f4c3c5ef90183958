import { useTranslation } from 'react-i18next';
import type { CaptchaState } from './hooks/use-captcha.ts';

/** The captcha's image inside its refresh button, or why there is none (loading, failed). `fill` stretches it over the button. */
export function CaptchaImage({ captcha, fill = false }: { captcha: CaptchaState; fill?: boolean }) {
  const { t } = useTranslation();
  const { captchaId, image, loading, error } = captcha;
  if (!image) return <span style={{ fontSize: 12, color: error ? '#cf1322' : '#666666' }}>{loading ? t('captcha.loading') : t('captcha.failed')}</span>;
  return <img src={image} alt={t('captcha.alt')} data-testid="captcha-image" data-captcha-id={captchaId ?? ''} style={fill ? { width: '100%', height: '100%', display: 'block' } : undefined} />;
}
