import { Button, Dialog, Form, Input, Result } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { ApiError } from '../../../api/client.ts';
import { toApiError } from '../../../ui/errors.ts';
import { useCaptcha } from '../../../ui/hooks/use-captcha.ts';
import { MobileCaptchaInput } from '../../../ui/mobile/captcha-input.tsx';
import { ErrorNotice } from '../../../ui/mobile/error-notice.tsx';
import { completeRecovery, deregisterFromRecovery, recoveryVerification, startRecovery, type MethodOption } from '../../investor/profile/api.ts';
import { NOTICE_KEYS } from '../../investor/profile/notice.ts';
import { usePasswordPolicy } from '../../investor/shared/api.ts';
import { describePolicy, policyProblem } from '../../investor/shared/password-policy.ts';
import { MobilePage } from '../layout/mobile-page.tsx';
import { MobileVerificationStep } from './verification-step.tsx';

type Step = 'account' | 'verify' | 'password' | 'done' | 'apply-verify' | 'apply-notice' | 'applied';

/** 找回密码 for users not yet real-name verified (manual 000 §二.3.1.1). */
export function MobileRecoveryPage() {
  const { t } = useTranslation('profile');
  const [step, setStep] = useState<Step>('account');
  const [flow, setFlow] = useState<{ flowToken: string; methods: MethodOption[] } | null>(null);
  const navigate = useNavigate();
  const applying = step.startsWith('apply');
  const title = step === 'verify' ? t('verify.title') : step === 'password' ? t('recover.steps.password') : applying ? t('recover.apply') : t('recover.title');

  return (
    <MobilePage title={title} back={step === 'done' || step === 'applied' ? undefined : '/m/login'} testId="m-recovery">
      {step === 'account' ? <AccountStep onStarted={(started) => { setFlow(started); setStep('verify'); }} /> : null}
      {step === 'verify' && flow ? (
        <>
          <MobileVerificationStep port={recoveryVerification(flow.flowToken, flow.methods)} onPassed={() => setStep('password')} />
          <div className="ch-m-inset ch-m-hint" style={{ textAlign: 'right' }}>
            {t('recover.stuck')}{' '}
            <a className="ch-m-link" role="button" onClick={() => setStep('apply-verify')} data-testid="recovery-apply">
              {t('recover.apply')}
            </a>
          </div>
        </>
      ) : null}
      {step === 'apply-verify' && flow ? <MobileVerificationStep key="apply" port={recoveryVerification(flow.flowToken, flow.methods, 'deregistration')} onPassed={() => setStep('apply-notice')} recommend="own-mobile" /> : null}
      {step === 'apply-notice' && flow ? <ApplyDeregistration flowToken={flow.flowToken} onDone={() => setStep('applied')} /> : null}
      {step === 'applied' ? (
        <div className="ch-m-inset">
          <Result status="success" title={<span role="status">{t('deregister.doneTitle')}</span>} description={t('deregister.doneText')} />
          <Button block color="primary" size="large" onClick={() => navigate('/m/login')} style={{ marginTop: 16 }}>
            {t('recover.finishDone')}
          </Button>
        </div>
      ) : null}
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

/** 申请注销说明页: 提交注销申请 → the notice → 确认并申请 (mobile manual §二.5.1). */
function ApplyDeregistration({ flowToken, onDone }: { flowToken: string; onDone: () => void }) {
  const { t } = useTranslation('profile');
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const apply = async () => {
    setOpen(false);
    setBusy(true);
    setError(null);
    try {
      await deregisterFromRecovery(flowToken);
      onDone();
    } catch (failure) {
      setError(toApiError(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="ch-m-inset">
      <ErrorNotice error={error} />
      <h3>{t('deregister.intro')}</h3>
      {NOTICE_KEYS.map((key) => (
        <p key={key} className="ch-m-hint">
          {t(`deregister.${key}`)}
        </p>
      ))}
      <Button block color="danger" size="large" loading={busy} onClick={() => setOpen(true)} data-testid="recovery-apply-submit">
        {t('deregister.submit')}
      </Button>
      <Dialog
        visible={open}
        title={t('deregister.dialogTitle')}
        content={t('deregister.dialogText')}
        onClose={() => setOpen(false)}
        actions={[[{ key: 'cancel', text: t('deregister.cancel'), onClick: () => setOpen(false) }, { key: 'apply', text: t('recover.confirmApply'), bold: true, danger: true, onClick: () => void apply() }]]}
      />
    </div>
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
