import { Form, Popup, Radio, Space } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { MobileCaptchaField } from '../../../ui/mobile/captcha-input.tsx';
import { ErrorNotice } from '../../../ui/mobile/error-notice.tsx';
import { MobileSmsCodeInput } from '../../../ui/mobile/sms-code-input.tsx';
import type { NotificationChannel } from '../../../domains/profile/api.ts';
import { useStepUp } from '../../../domains/step-up/use-step-up.ts';
import { MobileForm } from '../../../ui/mobile/mobile-form.tsx';

/** 二次认证 in the mobile hall (认证信息): captcha, then a code to the user's own phone or e-mail, 确认. */
export function MobileStepUpPopup({
  visible,
  hasMobile,
  hasEmail,
  intro,
  onClose,
  onPassed,
}: {
  visible: boolean;
  hasMobile: boolean;
  hasEmail: boolean;
  intro: string;
  onClose: () => void;
  onPassed: () => Promise<void>;
}) {
  const { t } = useTranslation('profile');
  const [form] = Form.useForm<{ captchaAnswer: string; code: string }>();
  const { captcha, channel, setChannel, channels, codeItem, send, submit, busy, error, showError } = useStepUp(form, { hasMobile, hasEmail }, onPassed);

  return (
    <Popup visible={visible} onMaskClick={onClose} destroyOnClose bodyStyle={{ borderTopLeftRadius: 12, borderTopRightRadius: 12, padding: 12 }}>
      <div data-testid="step-up-popup">
        <h3 style={{ margin: '4px 0 8px' }}>{t('notify.stepUpTitle')}</h3>
        <p className="ch-m-hint">{intro}</p>
        <ErrorNotice error={error} />
        <MobileForm form={form} onFinish={submit} name="m-step-up" submitLabel={t('notify.stepUpSubmit')} submitTestId="step-up-submit" busy={busy}>
          <Form.Item label={t('notify.stepUpChannel')}>
            <Radio.Group value={channel} onChange={(value) => setChannel(value as NotificationChannel)}>
              <Space>
                {channels.map((option) => (
                  <Radio key={option.value} value={option.value}>
                    {option.label}
                  </Radio>
                ))}
              </Space>
            </Radio.Group>
          </Form.Item>
          <MobileCaptchaField captcha={captcha} required={false} />
          <Form.Item {...codeItem}>
            <MobileSmsCodeInput channel={channel} send={send} onError={showError} />
          </Form.Item>
        </MobileForm>
      </div>
    </Popup>
  );
}
