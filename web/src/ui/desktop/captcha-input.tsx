import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { CaptchaImage } from '../captcha-image.tsx';
import { useCaptchaField, type CaptchaInputProps, type CaptchaState } from '../hooks/use-captcha.ts';

/**
 * The answer to a graphic captcha, beside its image; a click on the image fetches a new
 * one. Use inside an antd Form.Item (value, onChange and id come from it); after a failed
 * attempt the page clears the answer and calls `captcha.refresh()`.
 */
export function CaptchaInput({ captcha, id, value, onChange }: CaptchaInputProps) {
  const { t } = useTranslation();

  return (
    <div style={{ display: 'flex', gap: 8, alignItems: 'stretch' }}>
      <Input id={id} value={value} onChange={(event) => onChange?.(event.target.value)} placeholder={t('captcha.placeholder')} autoComplete="off" maxLength={8} data-testid="captcha-input" style={{ flex: 1 }} />
      <button
        type="button"
        onClick={captcha.refresh}
        title={t('captcha.refresh')}
        aria-label={t('captcha.refresh')}
        data-testid="captcha-refresh"
        style={{ width: 120, height: 40, padding: 0, border: '1px solid #d9d9d9', borderRadius: 4, background: '#fff', cursor: 'pointer', flex: 'none' }}
      >
        <CaptchaImage captcha={captcha} fill />
      </button>
    </div>
  );
}

/** The captcha as a form field (`captchaAnswer`), required unless a later step checks it. */
export function CaptchaField({ captcha, required = true }: { captcha: CaptchaState; required?: boolean }) {
  const field = useCaptchaField(required);
  return (
    <Form.Item {...field}>
      <CaptchaInput captcha={captcha} />
    </Form.Item>
  );
}
