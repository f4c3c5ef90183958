/** Staff sign-in: user name, password and the 6-digit code of an authenticator app. */
import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { Card, Form, Input, Typography } from 'antd';
import { Button } from '../button.tsx';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { signedIn, staffLogin, type StaffLoginInput } from '../../api/session.ts';
import { ErrorAlert } from '../desktop/error-alert.tsx';
import { LanguageSwitcher } from '../desktop/language-switcher.tsx';
import { toApiError } from '../errors.ts';
import { useTranslation } from 'react-i18next';

export function StaffLoginPage({ portalTitle }: { portalTitle: string }) {
  const { t } = useTranslation('staff');
  const queryClient = useQueryClient();
  const [form] = Form.useForm<StaffLoginInput>();
  const login = useMutation({
    mutationFn: staffLogin,
    onSuccess: ({ principal }) => signedIn(queryClient, principal),
    // A code is good for one use and a short time: after a failure the next try needs a fresh one.
    onError: () => form.setFieldValue('totpCode', ''),
  });

  return (
    <div className="ch-staff-login" style={pageStyle}>
      <div style={{ position: 'absolute', top: 16, right: 24 }}>
        <LanguageSwitcher />
      </div>
      <Card style={{ width: 400 }} data-testid="staff-login">
        <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
          {t('login.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{portalTitle}</Typography.Paragraph>
        <ErrorAlert error={login.error ? toApiError(login.error) : null} testId="staff-login-error" />
        <Form<StaffLoginInput> form={form} name="staffLogin" layout="vertical" requiredMark={false} disabled={login.isPending} onFinish={(values) => login.mutate({ ...values, username: values.username.trim() })}>
          <Form.Item label={t('login.username')} name="username" rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="staff-login-username" />
          </Form.Item>
          <Form.Item label={t('login.password')} name="password" rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="staff-login-password" />
          </Form.Item>
          <Form.Item
            label={t('login.totpCode')}
            name="totpCode"
            extra={t('login.totpCodeHelp')}
            rules={[
              { required: true, message: t('login.totpCodeRequired') },
              { pattern: /^\d{6}$/, message: t('login.totpCodeFormat') },
            ]}
            normalize={(value: string) => value.replace(/\D/g, '').slice(0, 6)}
          >
            <Input prefix={<SafetyOutlined />} inputMode="numeric" autoComplete="one-time-code" maxLength={6} data-testid="staff-login-totp" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={login.isPending} data-testid="staff-login-submit">
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}

const pageStyle = {
  position: 'relative',
  minHeight: '100vh',
  display: 'flex',
  alignItems: 'center',
  justifyContent: 'center',
  background: 'linear-gradient(180deg, #e8eef7 0%, #f5f7fa 100%)',
} as const;
