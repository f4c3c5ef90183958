import { Form, Input } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { CaptchaImage } from '../captcha-image.tsx';
import { useCaptchaField, type CaptchaInputProps, type CaptchaState } from '../hooks/use-captcha.ts';

/** The captcha answer beside its image (tap the image for a new one). For antd-mobile Form.Item. */
export function MobileCaptchaInput({ captcha, id, value, onChange }: CaptchaInputProps) {
  const { t } = useTranslation();

  return (
    <div className="ch-m-captcha">
      <Input id={id} value={value} onChange={onChange} placeholder={t('captcha.placeholder')} autoComplete="off" maxLength={8} data-testid="captcha-input" style={{ flex: 1 }} />
      <button type="button" onClick={captcha.refresh} aria-label={t('captcha.refresh')} data-testid="captcha-refresh">
        <CaptchaImage captcha={captcha} />
      </button>
    </div>
  );
}

/** The captcha as a form field (`captchaAnswer`), required unless a later step checks it. */
export function MobileCaptchaField({ captcha, required = true }: { captcha: CaptchaState; required?: boolean }) {
  const field = useCaptchaField(required);
  return (
    <Form.Item {...field}>
      <MobileCaptchaInput captcha={captcha} />
    </Form.Item>
  );
}
