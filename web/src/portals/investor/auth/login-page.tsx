import { Card, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { CaptchaForm } from '../../../ui/desktop/captcha-form.tsx';
import { ErrorAlert } from '../../../ui/desktop/error-alert.tsx';
import { useDocumentTitle } from '../../../ui/portal.tsx';
import { useLogin, type LoginValues } from '../../../domains/auth/use-login.ts';

/** 投资者服务专区 login box (manual 000 §一.1.2.2). */
export function LoginPage() {
  const { t } = useTranslation(['investor', 'idrecovery']);
  useDocumentTitle(t('login.documentTitle'));
  const [form] = Form.useForm<LoginValues>();
  const { captcha, submit, busy: submitting, error } = useLogin(form);

  return (
    <Card title={t('login.title')} data-testid="login-box">
      <ErrorAlert error={error} />
      <CaptchaForm form={form} name="login" size="large" onFinish={submit} captcha={captcha} submitLabel={t('login.submit')} submitTestId="login-submit" busy={submitting}>
        <Form.Item label={t('login.account')} name="account" rules={[{ required: true, whitespace: true, message: t('login.accountRequired') }]}>
          <Input placeholder={t('login.accountPlaceholder')} autoComplete="username" data-testid="login-account" />
        </Form.Item>
        <Form.Item label={t('login.password')} name="password" rules={[{ required: true, message: t('login.passwordRequired') }]}>
          <Input.Password placeholder={t('login.passwordPlaceholder')} autoComplete="current-password" data-testid="login-password" />
        </Form.Item>
      </CaptchaForm>
      <div className="ih-auth-below">
        <Link to="/recover" data-testid="to-recover" style={{ marginRight: 24 }}>
          {t('profile:recover.link')}
        </Link>
        <Link to="/recover-username" data-testid="to-recover-username" style={{ marginRight: 24 }}>
          {t('idrecovery:forgotUsername')}
        </Link>
        <Link to="/register" data-testid="to-register">
          {t('login.toRegister')}
        </Link>
      </div>
    </Card>
  );
}
