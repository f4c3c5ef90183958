import { Button, Form, Input, Result } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { ApiError } from '../../../api/client.ts';
import { toApiError } from '../../../ui/errors.ts';
import { ErrorNotice } from '../../../ui/mobile/error-notice.tsx';
import { changePassword, usePasswordPolicy } from '../../../domains/auth/api.ts';
import { passwordErrorField } from '../../../domains/auth/fields.ts';
import { describePolicy, policyProblem } from '../../../domains/auth/password-policy.ts';
import { MobilePage } from '../layout/mobile-page.tsx';

interface PasswordValues {
  oldPassword: string;
  newPassword: string;
  confirm: string;
}

/** 修改登录密码 (manual 000 §二.2.1.3). */
export function MobilePasswordPage() {
  const { t } = useTranslation('investor');
  const [form] = Form.useForm<PasswordValues>();
  const policy = usePasswordPolicy();
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const navigate = useNavigate();

  const submit = async (values: PasswordValues) => {
    setSubmitting(true);
    setError(null);
    try {
      await changePassword({ oldPassword: values.oldPassword, newPassword: values.newPassword });
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
    <MobilePage title={t('mobile.changePassword')} back="/m/profile" testId="m-password">
      {done ? (
        <div className="ch-m-inset" data-testid="password-changed">
          <Result status="success" title={t('mobile.passwordChangedTitle')} description={t('password.changed')} />
          <Button block color="primary" size="large" onClick={() => navigate('/m/profile')} style={{ marginTop: 16 }}>
            {t('mobile.backToProfile')}
          </Button>
        </div>
      ) : (
        <>
          <ErrorNotice error={error ?? (policy.error as ApiError | null)} />
          <Form
            form={form}
            name="mpassword"
            layout="vertical"
            mode="card"
            requiredMarkStyle="none"
            onFinish={submit}
            footer={
              <Button block type="submit" color="primary" size="large" loading={submitting} data-testid="password-submit">
                {t('mobile.submit')}
              </Button>
            }
          >
            <Form.Item label={t('password.old')} name="oldPassword" rules={[{ required: true, message: t('password.oldRequired') }]}>
              <Input type="password" autoComplete="current-password" placeholder={t('password.oldPlaceholder')} data-testid="password-old" />
            </Form.Item>
            <Form.Item
              label={t('password.new')}
              name="newPassword"
              description={policy.data ? <span data-testid="password-policy">{describePolicy(policy.data, t)}</span> : null}
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
              <Input type="password" autoComplete="new-password" placeholder={t('password.newPlaceholder')} data-testid="password-new" />
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
              <Input type="password" autoComplete="new-password" placeholder={t('password.confirmPlaceholder')} data-testid="password-confirm" />
            </Form.Item>
          </Form>
        </>
      )}
    </MobilePage>
  );
}
