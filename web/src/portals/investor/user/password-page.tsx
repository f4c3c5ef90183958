import { Alert, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../api/client.ts';
import { ErrorAlert } from '../../../ui/desktop/error-alert.tsx';
import { toApiError } from '../../../ui/errors.ts';
import { useDocumentTitle } from '../../../ui/portal.tsx';
import { changePassword, usePasswordPolicy } from '../../../domains/auth/api.ts';
import { passwordErrorField } from '../../../domains/auth/fields.ts';
import { describePolicy, policyProblem } from '../../../domains/auth/password-policy.ts';

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
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState(false);
  const [submitting, setSubmitting] = useState(false);

  const submit = async (values: PasswordValues) => {
    setSubmitting(true);
    setError(null);
    setDone(false);
    try {
      await changePassword({ oldPassword: values.oldPassword, newPassword: values.newPassword });
      form.resetFields();
      setDone(true);
    } catch (failure) {
      const apiError = toApiError(failure);
      const field = passwordErrorField(apiError);
      if (field) form.setFields([{ name: field, errors: [apiError.message] }]);
      else setError(apiError);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Card title={t('password.title')} data-testid="password-page" style={{ maxWidth: 640 }}>
      {done ? <Alert type="success" showIcon message={t('password.changed')} role="status" data-testid="password-changed" style={{ marginBottom: 16 }} /> : null}
      <ErrorAlert error={error ?? (policy.error as ApiError | null)} />
      <Form form={form} name="password" layout="vertical" requiredMark={false} onFinish={submit} onValuesChange={() => setDone(false)}>
        <Form.Item label={t('password.old')} name="oldPassword" rules={[{ required: true, message: t('password.oldRequired') }]}>
          <Input.Password autoComplete="current-password" data-testid="password-old" />
        </Form.Item>
        <Form.Item
          label={t('password.new')}
          name="newPassword"
          extra={policy.data ? <span data-testid="password-policy">{describePolicy(policy.data, t)}</span> : null}
          rules={[
            { required: true, message: t('password.newRequired') },
            {
              validator: async (_, value: string | undefined) => {
                const problem = policyProblem(policy.data, value ?? '', t);
                if (problem) throw new Error(problem);
              },
            },
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="password-new" />
        </Form.Item>
        <Form.Item
          label={t('password.confirm')}
          name="confirm"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('password.confirmRequired') },
            ({ getFieldValue }) => ({
              validator: async (_, value: string | undefined) => {
                if (value && value !== getFieldValue('newPassword')) throw new Error(t('register.confirmMismatch'));
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="password-confirm" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={submitting} data-testid="password-submit">
          {t('password.submit')}
        </Button>
      </Form>
    </Card>
  );
}
