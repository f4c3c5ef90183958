import { Alert, Card, Form, Input } from 'antd';
import { Button } from '../../../ui/button.tsx';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../api/client.ts';
import { ErrorAlert } from '../../../ui/desktop/error-alert.tsx';
import { toApiError } from '../../../ui/errors.ts';
import { useDocumentTitle } from '../../../ui/portal.tsx';
import { useChangePassword, usePasswordPolicy } from '../../../domains/auth/api.ts';
import { passwordErrorField } from '../../../domains/auth/fields.ts';
import { NewPasswordFields } from '../shared/new-password-fields.tsx';

interface PasswordValues {
  oldPassword: string;
  newPassword: string;
  confirm: string;
}

/** 用户中心 → 登录密码 (manual 000 §一.2.1.3). */
export function PasswordPage() {
  const { t } = useTranslation('investor');
  useDocumentTitle(t('password.title'));
  const [form] = Form.useForm<PasswordValues>();
  const policy = usePasswordPolicy();
  const change = useChangePassword();
  const formError = change.error && !passwordErrorField(change.error) ? toApiError(change.error) : null;

  const submit = (values: PasswordValues) =>
    change.mutate(
      { oldPassword: values.oldPassword, newPassword: values.newPassword },
      {
        onSuccess: () => form.resetFields(),
        onError: (failure) => {
          const field = passwordErrorField(failure);
          if (field) form.setFields([{ name: field, errors: [toApiError(failure).message] }]);
        },
      },
    );

  return (
    <Card title={t('password.title')} data-testid="password-page" style={{ maxWidth: 640 }}>
      {change.isSuccess ? <Alert type="success" showIcon message={t('password.changed')} role="status" data-testid="password-changed" style={{ marginBottom: 16 }} /> : null}
      <ErrorAlert error={formError ?? (policy.error as ApiError | null)} />
      <Form form={form} name="password" layout="vertical" requiredMark={false} onFinish={submit} onValuesChange={() => change.isSuccess && change.reset()}>
        <Form.Item label={t('password.old')} name="oldPassword" rules={[{ required: true, message: t('password.oldRequired') }]}>
          <Input.Password autoComplete="current-password" data-testid="password-old" />
        </Form.Item>
        <NewPasswordFields form="password" />
        <Button type="primary" htmlType="submit" loading={change.isPending} data-testid="password-submit">
          {t('password.submit')}
        </Button>
      </Form>
    </Card>
  );
}
