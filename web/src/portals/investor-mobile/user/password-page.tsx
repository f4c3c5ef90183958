import { Form, Input, Result } from 'antd-mobile';
import { Button } from '../../../ui/mobile/button.tsx';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { ApiError } from '../../../api/client.ts';
import { toApiError } from '../../../ui/errors.ts';
import { ErrorNotice } from '../../../ui/mobile/error-notice.tsx';
import { useChangePassword, usePasswordPolicy } from '../../../domains/auth/api.ts';
import { passwordErrorField } from '../../../domains/auth/fields.ts';
import { MobilePage } from '../layout/mobile-page.tsx';
import { MobileNewPasswordFields } from '../shared/new-password-fields.tsx';
import { MobileForm } from '../../../ui/mobile/mobile-form.tsx';

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
  const change = useChangePassword();
  const formError = change.error && !passwordErrorField(change.error) ? toApiError(change.error) : null;
  const navigate = useNavigate();

  const submit = (values: PasswordValues) =>
    change.mutate(
      { oldPassword: values.oldPassword, newPassword: values.newPassword },
      {
        onError: (failure) => {
          const field = passwordErrorField(failure);
          if (field) form.setFields([{ name: field, errors: [toApiError(failure).message] }]);
        },
      },
    );

  return (
    <MobilePage title={t('mobile.changePassword')} back="/m/profile" testId="m-password">
      {change.isSuccess ? (
        <div className="ch-m-inset" data-testid="password-changed">
          <Result status="success" title={t('mobile.passwordChangedTitle')} description={t('password.changed')} />
          <Button block color="primary" size="large" onClick={() => navigate('/m/profile')} style={{ marginTop: 16 }}>
            {t('mobile.backToProfile')}
          </Button>
        </div>
      ) : (
        <>
          <ErrorNotice error={formError ?? (policy.error as ApiError | null)} />
          <MobileForm form={form} name="mpassword" onFinish={submit} submitLabel={t('mobile.submit')} submitTestId="password-submit" busy={change.isPending}>
            <Form.Item label={t('password.old')} name="oldPassword" rules={[{ required: true, message: t('password.oldRequired') }]}>
              <Input type="password" autoComplete="current-password" placeholder={t('password.oldPlaceholder')} data-testid="password-old" />
            </Form.Item>
            <MobileNewPasswordFields form="password" withPlaceholders />
          </MobileForm>
        </>
      )}
    </MobilePage>
  );
}
