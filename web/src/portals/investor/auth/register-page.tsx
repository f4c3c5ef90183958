import { Card, Form, Input, type FormInstance } from 'antd';
import { Button } from '../../../ui/button.tsx';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { ApiError } from '../../../api/client.ts';
import { ErrorAlert } from '../../../ui/desktop/error-alert.tsx';
import { SmsCodeInput } from '../../../ui/desktop/sms-code-input.tsx';
import { toApiError } from '../../../ui/errors.ts';
import { useDocumentTitle } from '../../../ui/portal.tsx';
import { sendRegisterCode, usePasswordPolicy, useRegister } from '../../../domains/auth/api.ts';
import { MOBILE_MAX_LENGTH, mobileRule, registerErrorField } from '../../../domains/auth/fields.ts';
import { NewPasswordFields } from '../shared/new-password-fields.tsx';
import { AgreementsCheckbox } from './agreements-checkbox.tsx';

interface RegisterValues {
  mobile: string;
  password: string;
  confirm: string;
  smsCode: string;
  agreements: boolean;
}

/** Account registration (manual 000 §一.1.1). */
export function RegisterPage() {
  const { t } = useTranslation('investor');
  useDocumentTitle(t('register.documentTitle'));
  const [form] = Form.useForm<RegisterValues>();
  const policy = usePasswordPolicy();
  const [error, setError] = useState<ApiError | null>(null);
  const registration = useRegister();
  const navigate = useNavigate();

  const showError = (failure: unknown) => {
    const apiError = toApiError(failure);
    const field = registerErrorField(apiError);
    if (field) {
      form.setFields([{ name: field, errors: [apiError.message] }]);
      setError(null);
    } else {
      setError(apiError);
    }
  };

  const sendCode = async () => {
    setError(null);
    const mobile = await validMobile(form);
    return mobile ? sendRegisterCode(mobile) : null;
  };

  const submit = (values: RegisterValues) => {
    setError(null);
    registration.mutate(
      { mobile: values.mobile.trim(), password: values.password, smsCode: values.smsCode.trim(), agreementsAccepted: true },
      {
        // The session is shown as signed in only when “直接登录” is pressed: switching it
        // here would make this guest-only page leave for the hall before the success page.
        onSuccess: ({ principal }) => void navigate('/register/success', { replace: true, state: { principal } }),
        onError: showError,
      },
    );
  };

  return (
    <Card title={t('register.title')} data-testid="register-box">
      <ErrorAlert error={error ?? (policy.error as ApiError | null)} />
      <Form form={form} name="register" layout="vertical" requiredMark={false} onFinish={submit}>
        <Form.Item label={t('register.mobile')} name="mobile" rules={[{ required: true, whitespace: true, message: t('register.mobileRequired') }, mobileRule(t('register.mobileFormat'))]}>
          <Input placeholder={t('register.mobilePlaceholder')} inputMode="numeric" autoComplete="tel" maxLength={MOBILE_MAX_LENGTH} data-testid="register-mobile" />
        </Form.Item>
        <NewPasswordFields form="register" withPlaceholders />
        <Form.Item label={t('register.smsCode')} name="smsCode" rules={[{ required: true, whitespace: true, message: t('register.smsCodeRequired') }]}>
          <SmsCodeInput send={sendCode} onError={showError} />
        </Form.Item>
        <Form.Item
          name="agreements"
          valuePropName="checked"
          rules={[
            {
              validator: async (_, value: boolean | undefined) => {
                if (!value) throw new Error(t('register.agreementsRequired'));
              },
            },
          ]}
        >
          <AgreementsCheckbox />
        </Form.Item>
        <Button type="primary" htmlType="submit" size="large" block loading={registration.isPending} data-testid="register-submit">
          {t('register.submit')}
        </Button>
      </Form>
      <div className="ih-auth-below">
        <Link to="/login" data-testid="to-login">
          {t('register.toLogin')}
        </Link>
      </div>
    </Card>
  );
}

/** The phone number when its field is valid (its error shows otherwise). */
async function validMobile(form: FormInstance<RegisterValues>): Promise<string | null> {
  try {
    const { mobile } = await form.validateFields(['mobile']);
    return mobile.trim();
  } catch {
    return null;
  }
}
