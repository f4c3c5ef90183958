import { Form, Input, Result } from 'antd-mobile';
import { Button } from '../../../ui/mobile/button.tsx';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { ApiError } from '../../../api/client.ts';
import { toApiError } from '../../../ui/errors.ts';
import { useCaptchaSubmit } from '../../../ui/hooks/use-captcha-submit.ts';
import { MobileCaptchaField } from '../../../ui/mobile/captcha-input.tsx';
import { ErrorNotice } from '../../../ui/mobile/error-notice.tsx';
import { startRecovery, startRecoveryDeregistration, type RecoveryStarted } from '../../../domains/recovery/api.ts';
import { MobilePage } from '../layout/mobile-page.tsx';
import { MobileVerificationPanel } from '../verification/verification-panel.tsx';
import { useRecoverySteps } from '../../../domains/recovery/use-recovery-steps.ts';
import { MobileRecoveryIdentityStep } from './recovery-identity.tsx';
import { MobileIdentityRecovery } from './identity-recovery.tsx';
import { ApplyDeregistration, PasswordStep } from './recovery-steps.tsx';
import { MobileForm } from '../../../ui/mobile/mobile-form.tsx';

/**
 * 忘记用户名/密码 → 通过注册手机号找回 (manual 000 §二.3.1.1–3.1.3): the number and captcha;
 * a real-name verified user then gives the identity details; then the verification
 * with the methods the standing allows; then the new password. 申请注销 (§二.5.1)
 * runs its own verification.
 */
export function MobileRecoveryPage() {
  const { t } = useTranslation(['profile', 'idrecovery']);
  const { step, setStep, flowToken, verificationId, started, identified, passed, reselected } = useRecoverySteps<'apply-verify' | 'apply-notice' | 'applied'>();
  const [byIdentity, setByIdentity] = useState(false);
  const [applyId, setApplyId] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const apply = async () => {
    setError(null);
    try {
      setApplyId((await startRecoveryDeregistration(flowToken!)).id);
      setStep('apply-verify');
    } catch (failure) {
      setError(toApiError(failure));
    }
  };
  const navigate = useNavigate();
  const applying = step.startsWith('apply');
  const title = step === 'identity' ? t('recovery:identityTitle') : step === 'verify' ? t('verify.title') : step === 'password' ? t('recover.steps.password') : applying ? t('recover.apply') : t('recover.title');

  if (byIdentity) return <MobileIdentityRecovery onBack={() => setByIdentity(false)} />;
  return (
    <MobilePage title={title} back={step === 'done' || step === 'applied' ? undefined : '/m/login'} testId="m-recovery">
      {step === 'account' ? (
        <>
          <AccountStep onStarted={started} />
          <div className="ch-m-inset" style={{ textAlign: 'center' }}>
            <a className="ch-m-link" role="button" onClick={() => setByIdentity(true)} data-testid="recovery-by-identity">
              {t('idrecovery:switch')}
            </a>
          </div>
        </>
      ) : null}
      {step === 'identity' && flowToken ? <MobileRecoveryIdentityStep flowToken={flowToken} onVerification={identified} /> : null}
      {step === 'verify' && verificationId ? (
        <>
          <MobileVerificationPanel verificationId={verificationId} onPassed={passed} onReselected={reselected} />
          <ErrorNotice error={error} />
          <div className="ch-m-inset ch-m-hint" style={{ textAlign: 'right' }}>
            {t('recover.stuck')}{' '}
            <a className="ch-m-link" role="button" onClick={() => void apply()} data-testid="recovery-apply">
              {t('recover.apply')}
            </a>
          </div>
        </>
      ) : null}
      {step === 'apply-verify' && applyId ? (
        <MobileVerificationPanel
          key="apply"
          verificationId={applyId}
          recommended="user_mobile"
          onPassed={(passed) => {
            setApplyId(passed.id);
            setStep('apply-notice');
          }}
          onReselected={(fresh) => setApplyId(fresh.id)}
        />
      ) : null}
      {step === 'apply-notice' && flowToken && applyId ? <ApplyDeregistration flowToken={flowToken} verificationId={applyId} onDone={() => setStep('applied')} /> : null}
      {step === 'applied' ? (
        <div className="ch-m-inset">
          <Result status="success" title={<span role="status">{t('deregister.doneTitle')}</span>} description={t('deregister.doneText')} />
          <Button block color="primary" size="large" onClick={() => navigate('/m/login')} style={{ marginTop: 16 }}>
            {t('recover.finishDone')}
          </Button>
        </div>
      ) : null}
      {step === 'password' && flowToken && verificationId ? <PasswordStep flowToken={flowToken} verificationId={verificationId} onDone={() => setStep('done')} /> : null}
      {step === 'done' ? (
        <div className="ch-m-inset">
          <Result status="success" title={<span role="status">{t('recover.doneTitle')}</span>} description={t('recover.doneText')} />
          <Button block color="primary" size="large" onClick={() => navigate('/m/login')} style={{ marginTop: 16 }} data-testid="recovery-to-login">
            {t('recover.finishDone')}
          </Button>
        </div>
      ) : null}
    </MobilePage>
  );
}

function AccountStep({ onStarted }: { onStarted: (started: RecoveryStarted) => void }) {
  const { t } = useTranslation('profile');
  const [form] = Form.useForm<{ account: string; captchaAnswer: string }>();
  const { captcha, submit, busy, error } = useCaptchaSubmit<{ account: string; captchaAnswer: string }>(form, async ({ account }, proof) => onStarted(await startRecovery({ account: account.trim(), ...proof })));

  return (
    <>
      <ErrorNotice error={error} />
      <MobileForm form={form} name="mrecovery" onFinish={submit} submitLabel={t('recover.next')} submitTestId="recovery-next" busy={busy}>
        <Form.Item label={t('recover.account')} name="account" rules={[{ required: true, whitespace: true, message: t('recover.accountRequired') }]}>
          <Input placeholder={t('recover.accountPlaceholder')} data-testid="recovery-account" />
        </Form.Item>
        <MobileCaptchaField captcha={captcha} />
      </MobileForm>
    </>
  );
}
