import { Form, Modal, Radio, Typography } from 'antd';
import { Button } from '../../../ui/button.tsx';
import { useTranslation } from 'react-i18next';
import { CaptchaField } from '../../../ui/desktop/captcha-input.tsx';
import { ErrorAlert } from '../../../ui/desktop/error-alert.tsx';
import { SmsCodeInput } from '../../../ui/desktop/sms-code-input.tsx';
import type { NotificationChannel } from '../../../domains/profile/api.ts';
import { useStepUp } from '../../../domains/step-up/use-step-up.ts';

/**
 * 二次认证 (step-up check): graphic captcha, then a code to the user's own phone
 * or e-mail. Any page whose request answers STEP_UP_REQUIRED opens it and, once
 * passed, sends its request again.
 */
export function StepUpModal({ open, hasMobile, hasEmail, intro, onCancel, onPassed }: { open: boolean; hasMobile: boolean; hasEmail: boolean; intro?: string; onCancel: () => void; onPassed: () => Promise<void> }) {
  const { t } = useTranslation('profile');
  const [form] = Form.useForm<{ captchaAnswer: string; code: string }>();
  const { captcha, channel, setChannel, channels, codeItem, send, submit, busy, error, showError } = useStepUp(form, { hasMobile, hasEmail }, onPassed);

  return (
    <Modal open={open} title={t('notify.stepUpTitle')} footer={null} onCancel={onCancel} destroyOnClose>
      <Typography.Paragraph>{intro ?? t('notify.stepUpIntro')}</Typography.Paragraph>
      <ErrorAlert error={error} />
      <Form form={form} layout="vertical" requiredMark={false} onFinish={submit} name="step-up">
        <Form.Item label={t('notify.stepUpChannel')}>
          <Radio.Group options={channels} value={channel} onChange={(event) => setChannel(event.target.value as NotificationChannel)} />
        </Form.Item>
        <CaptchaField captcha={captcha} required={false} />
        <Form.Item {...codeItem}>
          <SmsCodeInput channel={channel} send={send} onError={showError} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="step-up-submit">
          {t('notify.stepUpSubmit')}
        </Button>
      </Form>
    </Modal>
  );
}
