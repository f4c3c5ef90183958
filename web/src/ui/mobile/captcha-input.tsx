import { Form, Input } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import type { CaptchaState } from '../hooks/use-captcha.ts';

interface Props {
  captcha: CaptchaState;
  id?: string;
  value?: string;
  onChange?: (value: string) => void;
}

/** The captcha answer beside its image (tap the image for a new one). For antd-mobile Form.Item. */
export function MobileCaptchaInput({ captcha, id, value, onChange }: Props) {
  const { t } = useTranslation();
  const { captchaId, image, loading, error, refresh } = captcha;

  return (
    <div className="ch-m-captcha">
      <Input id={id} value={value} onChange={onChange} placeholder={t('captcha.placeholder')} autoComplete="off" maxLength={8} data-testid="captcha-input" style={{ flex: 1 }} />
      <button type="button" onClick={refresh} aria-label={t('captcha.refresh')} data-testid="captcha-refresh">
        {image ? (
          <img src={image} alt={t('captcha.alt')} data-testid="captcha-image" data-captcha-id={captchaId ?? ''} />
        ) : (
          <span style={{ fontSize: 12, color: error ? '#cf1322' : '#666666' }}>{loading ? t('captcha.loading') : t('captcha.failed')}</span>
        )}
      </button>
    </div>
  );
}

/** The captcha as a form field (`captchaAnswer`), required unless a later step checks it. */
export function MobileCaptchaField({ captcha, required = true }: { captcha: CaptchaState; required?: boolean }) {
  const { t } = useTranslation();
  return (
    <Form.Item label={t('captcha.label')} name="captchaAnswer" rules={required ? [{ required: true, whitespace: true, message: t('captcha.required') }] : []}>
      <MobileCaptchaInput captcha={captcha} />
    </Form.Item>
  );
}
