import { useQueryClient } from '@tanstack/react-query';
import { Card, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { signedIn } from '../../../api/session.ts';
import { CaptchaField } from '../../../ui/desktop/captcha-input.tsx';
import { ErrorAlert } from '../../../ui/desktop/error-alert.tsx';
import { useCaptchaSubmit } from '../../../ui/hooks/use-captcha-submit.ts';
import { useDocumentTitle } from '../../../ui/portal.tsx';
import { login } from '../../../domains/auth/api.ts';
import { SubmitButton } from '../../../ui/desktop/submit-button.tsx';

interface LoginValues {
  account: string;
  password: string;
  captchaAnswer: string;
}

/** 投资者服务专区 login box (manual 000 §一.1.2.2). */
export function LoginPage() {
  const { t } = useTranslation(['investor', 'idrecovery']);
  useDocumentTitle(t('login.documentTitle'));
  const [form] = Form.useForm<LoginValues>();
  const queryClient = useQueryClient();
  const { captcha, submit, busy: submitting, error } = useCaptchaSubmit<LoginValues>(form, async (values, proof) => {
    const { principal } = await login({ account: values.account.trim(), password: values.password, ...proof });
    // GuestOnly sends the signed-in investor on to the page asked for.
    void signedIn(queryClient, principal);
  });

  return (
    <Card title={t('login.title')} data-testid="login-box">
      <ErrorAlert error={error} />
      <Form form={form} name="login" layout="vertical" size="large" requiredMark={false} onFinish={submit}>
        <Form.Item label={t('login.account')} name="account" rules={[{ required: true, whitespace: true, message: t('login.accountRequired') }]}>
          <Input placeholder={t('login.accountPlaceholder')} autoComplete="username" data-testid="login-account" />
        </Form.Item>
        <Form.Item label={t('login.password')} name="password" rules={[{ required: true, message: t('login.passwordRequired') }]}>
          <Input.Password placeholder={t('login.passwordPlaceholder')} autoComplete="current-password" data-testid="login-password" />
        </Form.Item>
        <CaptchaField captcha={captcha} />
        <SubmitButton busy={submitting} testId="login-submit">{t('login.submit')}</SubmitButton>
      </Form>
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
