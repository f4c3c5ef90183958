import { Button, Form, Input, Result } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { ApiError } from '../../../api/client.ts';
import { toApiError } from '../../../ui/errors.ts';
import { useCaptcha } from '../../../ui/hooks/use-captcha.ts';
import { MobileCaptchaInput } from '../../../ui/mobile/captcha-input.tsx';
import { ErrorNotice } from '../../../ui/mobile/error-notice.tsx';
import { completeRecovery, recoveryVerification, startRecovery, type MethodOption } from '../../investor/profile/api.ts';
import { usePasswordPolicy } from '../../investor/shared/api.ts';
import { describePolicy, policyProblem } from '../../investor/shared/password-policy.ts';
import { MobilePage } from '../layout/mobile-page.tsx';
import { MobileVerificationStep } from './verification-step.tsx';

type Step = 'account' | 'verify' | 'password' | 'done';

/** 找回密码 for users not yet real-name verified (manual 000 §二.3.1.1). */
export function MobileRecoveryPage() {
  const { t } = useTranslation('profile');
  const [step, setStep] = useState<Step>('account');
  const [flow, setFlow] = useState<{ flowToken: string; methods: MethodOption[] } | null>(null);
  const navigate = useNavigate();
  const title = step === 'verify' ? t('verify.title') : step === 'password' ? t('recover.steps.password') : t('recover.title');

  return (
    <MobilePage title={title} back={step === 'done' ? undefined : '/m/login'} testId="m-recovery">
      {step === 'account' ? <AccountStep onStarted={(started) => { setFlow(started); setStep('verify'); }} /> : null}
      {step === 'verify' && flow ? <MobileVerificationStep port={recoveryVerification(flow.flowToken, flow.methods)} onPassed={() => setStep('password')} /> : null}
      {step === 'password' && flow ? <PasswordStep flowToken={flow.flowToken} onDone={() => setStep('done')} /> : null}
      {step === 'done' ? (
        <div className="ch-m-inset">
          <Result status="success" title={<span role="status">{t('recover.doneTitle')}</span>} description={t('recover.doneText')} />
          <Button block color="primary" size="large" onClick={() => navigate('/m/login')} style={{ marginTop: 16 }} data-testid="recovery-to-login">
            {t('recover.toLogin')}
          </Button>
        </div>
      ) : null}
    </MobilePage>
  );
}

function AccountStep({ onStarted }: { onStarted: (flow: { flowToken: string; methods: MethodOption[] }) => void }) {
  const { t } = useTranslation('profile');
  const [form] = Form.useForm<{ account: string; captchaAnswer: string }>();
  const captcha = useCaptcha();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async ({ account, captchaAnswer }: { account: string; captchaAnswer: string }) => {
    if (!captcha.captchaId) return captcha.refresh();
    setBusy(true);
    setError(null);
    try {
      onStarted(await startRecovery({ account: account.trim(), captchaId: captcha.captchaId, captchaAnswer: captchaAnswer.trim() }));
    } catch (failure) {
      setError(toApiError(failure));
      form.setFieldsValue({ captchaAnswer: '' });
      captcha.refresh();
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <ErrorNotice error={error} />
      <Form
        form={form}
        name="mrecovery"
        layout="vertical"
        mode="card"
        requiredMarkStyle="none"
        onFinish={submit}
        footer={
          <Button block type="submit" color="primary" size="large" loading={busy} data-testid="recovery-next">
            {t('recover.next')}
          </Button>
        }
      >
        <Form.Item label={t('recover.account')} name="account" rules={[{ required: true, whitespace: true, message: t('recover.accountRequired') }]}>
          <Input placeholder={t('recover.accountPlaceholder')} clearable data-testid="recovery-account" />
        </Form.Item>
        <Form.Item label={t('investor:captchaLabel')} name="captchaAnswer" rules={[{ required: true, whitespace: true, message: t('investor:captchaRequired') }]}>
          <MobileCaptchaInput captcha={captcha} />
        </Form.Item>
      </Form>
    </>
  );
}

function PasswordStep({ flowToken, onDone }: { flowToken: string; onDone: () => void }) {
  const { t } = useTranslation('profile');
  const [form] = Form.useForm<{ newPassword: string; confirm: string }>();
  const policy = usePasswordPolicy();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async ({ newPassword }: { newPassword: string }) => {
    setBusy(true);
    setError(null);
    try {
      await completeRecovery(flowToken, newPassword);
      onDone();
    } catch (failure) {
      const apiError = toApiError(failure);
      if (apiError.code === 'PASSWORD_POLICY') form.setFields([{ name: 'newPassword', errors: [apiError.message] }]);
      else setError(apiError);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <ErrorNotice error={error} />
      <Form
        form={form}
        name="mrecovery-password"
        layout="vertical"
        mode="card"
        requiredMarkStyle="none"
        onFinish={submit}
        footer={
          <Button block type="submit" color="primary" size="large" loading={busy} data-testid="recovery-finish">
            {t('recover.next')}
          </Button>
        }
      >
        <Form.Item
          label={t('recover.newPassword')}
          name="newPassword"
          description={policy.data ? <span data-testid="password-policy">{describePolicy(policy.data, t)}</span> : null}
          rules={[
            { required: true, message: t('investor:password.newRequired') },
            {
              validator: async (_, value: string | undefined) => {
                const problem = policyProblem(policy.data, value ?? '', t);
                if (problem) throw new Error(problem);
              },
            },
          ]}
        >
          <Input type="password" autoComplete="new-password" data-testid="recovery-password" />
        </Form.Item>
        <Form.Item
          label={t('recover.confirmPassword')}
          name="confirm"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('investor:password.confirmRequired') },
            ({ getFieldValue }) => ({
              validator: async (_, value: string | undefined) => {
                if (value && value !== getFieldValue('newPassword')) throw new Error(t('investor:register.confirmMismatch'));
              },
            }),
          ]}
        >
          <Input type="password" autoComplete="new-password" data-testid="recovery-confirm" />
        </Form.Item>
      </Form>
    </>
  );
}
