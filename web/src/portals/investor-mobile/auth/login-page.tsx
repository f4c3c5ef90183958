import { Form, Input } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { MobileCaptchaField } from '../../../ui/mobile/captcha-input.tsx';
import { ErrorNotice } from '../../../ui/mobile/error-notice.tsx';
import { MobilePage } from '../layout/mobile-page.tsx';
import { MobileForm } from '../../../ui/mobile/mobile-form.tsx';
import { useLogin, type LoginValues } from '../../../domains/auth/use-login.ts';

/** 登录 (manual 000 §二.1.2.2). */
export function MobileLoginPage() {
  const { t } = useTranslation('investor');
  const [form] = Form.useForm<LoginValues>();
  const { captcha, submit, busy: submitting, error } = useLogin(form);

  return (
    <MobilePage title={t('mobile.loginTitle')} testId="m-login">
      <ErrorNotice error={error} />
      <MobileForm form={form} name="mlogin" onFinish={submit} submitLabel={t('login.submit')} submitTestId="login-submit" busy={submitting}>
        <Form.Item label={t('login.account')} name="account" rules={[{ required: true, whitespace: true, message: t('login.accountRequired') }]}>
          <Input placeholder={t('login.accountPlaceholder')} autoComplete="username" data-testid="login-account" />
        </Form.Item>
        <Form.Item label={t('login.password')} name="password" rules={[{ required: true, message: t('login.passwordRequired') }]}>
          <Input type="password" placeholder={t('login.passwordPlaceholder')} autoComplete="current-password" data-testid="login-password" />
        </Form.Item>
        <MobileCaptchaField captcha={captcha} />
      </MobileForm>
      <div className="ch-m-center">
        <Link to="/m/register" data-testid="to-register">
          {t('login.toRegister')}
        </Link>
      </div>
      <div style={{ textAlign: 'right', padding: '8px 16px' }}>
        <Link to="/m/recover" data-testid="to-recover">
          {t('profile:recover.mobileLink')}
        </Link>
      </div>
    </MobilePage>
  );
}
