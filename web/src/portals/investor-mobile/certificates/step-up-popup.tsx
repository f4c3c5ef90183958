import { Button, Form, Popup, Radio, Space } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../api/client.ts';
import { toApiError } from '../../../ui/errors.ts';
import { useCaptcha } from '../../../ui/hooks/use-captcha.ts';
import { MobileCaptchaInput } from '../../../ui/mobile/captcha-input.tsx';
import { ErrorNotice } from '../../../ui/mobile/error-notice.tsx';
import { MobileSmsCodeInput } from '../../../ui/mobile/sms-code-input.tsx';
import { passStepUp, sendStepUpCode, type NotificationChannel } from '../../investor/profile/api.ts';
import { codeFormField } from '../../investor/profile/bound.ts';

/** 二次认证 in the mobile hall (认证信息): captcha, then a code to the user's own phone or e-mail, 确认. */
export function MobileStepUpPopup({ visible, hasMobile, hasEmail, intro, onClose, onPassed }: { visible: boolean; hasMobile: boolean; hasEmail: boolean; intro: string; onClose: () => void; onPassed: () => Promise<void> }) {
  const { t } = useTranslation('profile');
  const [form] = Form.useForm<{ captchaAnswer: string; code: string }>();
  const captcha = useCaptcha();
  const [channel, setChannel] = useState<NotificationChannel>(hasMobile ? 'sms' : 'email');
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

  return (
    <Popup visible={visible} onMaskClick={onClose} destroyOnClose bodyStyle={{ borderTopLeftRadius: 12, borderTopRightRadius: 12, padding: 12 }}>
      <div data-testid="step-up-popup">
        <h3 style={{ margin: '4px 0 8px' }}>{t('notify.stepUpTitle')}</h3>
        <p className="ch-m-hint">{intro}</p>
        <ErrorNotice error={error} />
        <Form
          form={form}
          layout="vertical"
          requiredMarkStyle="none"
          onFinish={submit}
          name="m-step-up"
          footer={
            <Button block type="submit" color="primary" size="large" loading={busy} data-testid="step-up-submit">
              {t('notify.stepUpSubmit')}
            </Button>
          }
        >
          <Form.Item label={t('notify.stepUpChannel')}>
            <Radio.Group value={channel} onChange={(value) => setChannel(value as NotificationChannel)}>
              <Space>
                {hasMobile ? <Radio value="sms">{t('notify.sms')}</Radio> : null}
                {hasEmail ? <Radio value="email">{t('notify.email')}</Radio> : null}
              </Space>
            </Radio.Group>
          </Form.Item>
          <Form.Item label={t('investor:captchaLabel')} name="captchaAnswer">
            <MobileCaptchaInput captcha={captcha} />
          </Form.Item>
          <Form.Item label={t(`verify.codeLabel.${channel === 'sms' ? 'own-mobile' : 'own-email'}`)} name="code" rules={[{ required: true, whitespace: true, message: t('verify.codeRequired') }]}>
            <MobileSmsCodeInput send={send} onError={showError} />
          </Form.Item>
        </Form>
      </div>
    </Popup>
  );
}
