import { useQueryClient } from '@tanstack/react-query';
import { Form, Input, Result, Steps } from 'antd-mobile';
import { Button } from '../../../ui/mobile/button.tsx';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate } from 'react-router-dom';
import type { ApiError } from '../../../api/client.ts';
import { toApiError } from '../../../ui/errors.ts';
import { ErrorNotice } from '../../../ui/mobile/error-notice.tsx';
import { MobileSmsCodeInput } from '../../../ui/mobile/sms-code-input.tsx';
import { enterHall } from '../../../domains/session/enter-hall.ts';
import { sendRegisterCode, usePasswordPolicy, useRegister } from '../../../domains/auth/api.ts';
import { useInvestor } from '../../../domains/session/use-investor.ts';
import { MOBILE_MAX_LENGTH, mobileRule, registerErrorField, type RegisterField } from '../../../domains/auth/fields.ts';
import { MobilePage } from '../layout/mobile-page.tsx';
import { MobileNewPasswordFields } from '../shared/new-password-fields.tsx';
import { MobileAgreementsCheckbox } from './agreements-checkbox.tsx';

interface RegisterValues {
  mobile: string;
  smsCode: string;
  agreements: boolean;
  password: string;
  confirm: string;
}

type Step = 0 | 1 | 2;
const STEP_OF_FIELD: Record<RegisterField, Step> = { mobile: 0, smsCode: 0, agreements: 0, password: 1 };

/**
 * 账户注册 in three steps (manual 000 §二.1.1): the phone and its code, then the password
 * (this is when the server registers), then success. One form keeps the values of all steps.
 */
export function MobileRegisterPage() {
  const { t } = useTranslation('investor');
  const [form] = Form.useForm<RegisterValues>();
  const policy = usePasswordPolicy();
  const [step, setStep] = useState<Step>(0);
  const [error, setError] = useState<ApiError | null>(null);
  const [fieldError, setFieldError] = useState<{ field: RegisterField; message: string } | null>(null);
  const registration = useRegister();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { investor } = useInvestor();
  // 注销账号并重新注册 (§二.5.1) brings the number it freed, in the history state (never the URL)
  const freedMobile = (useLocation().state as { mobile?: string } | null)?.mobile;

  // A server error about an earlier step's field: go back there and show it on the field.
  useEffect(() => {
    if (fieldError && STEP_OF_FIELD[fieldError.field] === step) {
      form.setFields([{ name: fieldError.field, errors: [fieldError.message] }]);
      // Once the step with the field is shown, the error has moved onto the form; clearing it here is the hand-over.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setFieldError(null);
    }
  }, [fieldError, step, form]);

  const showError = (failure: unknown) => {
    const apiError = toApiError(failure);
    const field = registerErrorField(apiError);
    if (field) {
      setError(null);
      setFieldError({ field, message: apiError.message });
      setStep(STEP_OF_FIELD[field]);
    } else {
      setError(apiError);
    }
  };

  const sendCode = async () => {
    setError(null);
    try {
      const { mobile } = await form.validateFields(['mobile']);
      return await sendRegisterCode(mobile.trim());
    } catch (failure) {
      if (isValidationFailure(failure)) return null;
      throw failure;
    }
  };

  // “立即登录”: show the session the server opened at registration, then enter the hall.
  const enter = async () => {
    await enterHall(queryClient, registration.data);
    navigate('/m/', { replace: true });
  };

  const submit = async () => {
    if (step === 0) {
      setError(null);
      setStep(1);
      return;
    }
    const values = form.getFieldsValue(true) as RegisterValues;
    setError(null);
    registration.mutate({ mobile: values.mobile.trim(), password: values.password, smsCode: values.smsCode.trim(), agreementsAccepted: true }, { onSuccess: () => setStep(2), onError: showError });
  };

  // Already signed in: go to the hall.
  if (investor && step !== 2) return <Navigate to="/m/" replace />;

  return (
    <MobilePage title={t('mobile.registerTitle')} testId="m-register">
      <div className="ch-m-inset" style={{ background: '#fff', borderRadius: 8 }}>
        <Steps current={step} style={{ '--title-font-size': '13px' }}>
          <Steps.Step title={t('mobile.stepAccount')} />
          <Steps.Step title={t('mobile.stepPassword')} />
          <Steps.Step title={t('mobile.stepDone')} />
        </Steps>
      </div>
      {step === 2 ? (
        <div className="ch-m-inset" data-testid="register-success">
          <Result status="success" title={t('registerSuccess.title')} description={t('mobile.registered')} />
          <Button block color="primary" size="large" onClick={() => void enter()} data-testid="enter-hall" style={{ marginTop: 16 }}>
            {t('mobile.enterHall')}
          </Button>
        </div>
      ) : (
        <>
          <ErrorNotice error={error ?? (policy.error as ApiError | null)} />
          <Form
            form={form}
            name="mregister"
            initialValues={freedMobile ? { mobile: freedMobile } : undefined}
            layout="vertical"
            mode="card"
            requiredMarkStyle="none"
            onFinish={submit}
            footer={
              <>
                <Button block type="submit" color="primary" size="large" loading={registration.isPending} data-testid={step === 0 ? 'register-next' : 'register-submit'}>
                  {t('mobile.next')}
                </Button>
                {step === 1 ? (
                  <Button block fill="none" onClick={() => setStep(0)} data-testid="register-back" style={{ marginTop: 8 }}>
                    {t('mobile.previous')}
                  </Button>
                ) : null}
              </>
            }
          >
            {step === 0 ? (
              <>
                <Form.Item label={t('register.mobile')} name="mobile" rules={[{ required: true, whitespace: true, message: t('register.mobileRequired') }, mobileRule(t('register.mobileFormat'))]}>
                  <Input placeholder={t('register.mobilePlaceholder')} inputMode="numeric" autoComplete="tel" maxLength={MOBILE_MAX_LENGTH} data-testid="register-mobile" />
                </Form.Item>
                <Form.Item label={t('register.smsCode')} name="smsCode" rules={[{ required: true, whitespace: true, message: t('register.smsCodeRequired') }]}>
                  <MobileSmsCodeInput send={sendCode} onError={showError} />
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
                  <MobileAgreementsCheckbox />
                </Form.Item>
              </>
            ) : (
              <>
                <MobileNewPasswordFields form="register" withPlaceholders />
              </>
            )}
          </Form>
          {step === 0 ? (
            <div className="ch-m-center">
              <Link to="/m/login" data-testid="to-login">
                {t('mobile.toLogin')}
              </Link>
            </div>
          ) : null}
        </>
      )}
    </MobilePage>
  );
}

function isValidationFailure(failure: unknown): boolean {
  return typeof failure === 'object' && failure !== null && 'errorFields' in failure;
}
