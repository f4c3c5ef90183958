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
import { MOBILE_MAX_LENGTH, mobileRule } from '../../../domains/auth/fields.ts';
import { RecoveryWayTabs } from './recovery-ways.tsx';

/**
 * 忘记用户名/密码 → 通过注册手机号找回 (manual 000 §二.3.1.1–3.1.3; the other way, 通过身份信息找回,
 * is a tab away): the number and captcha; a real-name verified user then gives the identity
 * details; then the verification with the methods the standing allows; then the new
 * password. 申请注销 or 注销账号并重新注册 (§二.5.1 (3)–(5)) go straight to the code sent to
 * the registered number, then 申请注销说明页; re-registering then leads to 账户注册 with the number.
 */
export function MobileRecoveryPage() {
  const { t } = useTranslation(['profile', 'idrecovery']);
  const { step, setStep, flowToken, verificationId, started, identified, passed, reselected } = useRecoverySteps<'apply-verify' | 'apply-notice' | 'applied'>();
  const [byIdentity, setByIdentity] = useState(false);
  const [applyId, setApplyId] = useState<string | null>(null);
  const [account, setAccount] = useState('');
  const [reRegister, setReRegister] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const apply = async (thenRegister: boolean) => {
    setError(null);
    setReRegister(thenRegister);
    try {
      setApplyId((await startRecoveryDeregistration(flowToken!)).id);
      setStep('apply-verify');
    } catch (failure) {
      setError(toApiError(failure));
    }
  };
  const navigate = useNavigate();
  const applying = step.startsWith('apply');
  const applyTitle = reRegister ? t('recover.reRegister') : t('recover.apply');
  const title = step === 'identity' ? t('recovery:identityTitle') : step === 'verify' ? t('verify.title') : step === 'password' ? t('recover.steps.password') : applying ? applyTitle : t('recover.title');

  if (byIdentity) return <MobileIdentityRecovery onBack={() => setByIdentity(false)} />;
  return (
    <MobilePage title={title} back={step === 'done' || step === 'applied' ? undefined : '/m/login'} testId="m-recovery">
      {step === 'account' ? (
        <>
          <RecoveryWayTabs active="phone" onChange={(way) => setByIdentity(way === 'identity')} />
          <AccountStep
            onStarted={(begun, typed) => {
              setAccount(typed);
              started(begun);
            }}
          />
        </>
      ) : null}
      {step === 'identity' && flowToken ? <MobileRecoveryIdentityStep flowToken={flowToken} onVerification={identified} /> : null}
      {step === 'verify' && verificationId ? (
        <>
          <MobileVerificationPanel verificationId={verificationId} onPassed={passed} onReselected={reselected} />
          <ErrorNotice error={error} />
          <div className="ch-m-inset ch-m-hint" style={{ textAlign: 'right' }}>
            {t('recover.stuck')}{' '}
            <a className="ch-m-link" role="button" onClick={() => void apply(false)} data-testid="recovery-apply">
              {t('recover.apply')}
            </a>{' '}
            <a className="ch-m-link" role="button" onClick={() => void apply(true)} data-testid="recovery-re-register">
              {t('recover.reRegister')}
            </a>
          </div>
        </>
      ) : null}
      {step === 'apply-verify' && applyId ? (
        <MobileVerificationPanel
          key="apply"
          verificationId={applyId}
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
          <Result status="success" title={<span role="status">{t('deregister.doneTitle')}</span>} description={reRegister ? t('recover.reRegisterDoneText') : t('deregister.doneText')} />
          <Button
            block
            color="primary"
            size="large"
            // 注销账号并重新注册: on to 账户注册 with the number just freed (kept in the history state, never in the URL)
            onClick={() => (reRegister ? navigate('/m/register', { state: { mobile: account } }) : navigate('/m/login'))}
            style={{ marginTop: 16 }}
            data-testid="recovery-applied-done"
          >
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

function AccountStep({ onStarted }: { onStarted: (started: RecoveryStarted, account: string) => void }) {
  const { t } = useTranslation('profile');
  const [form] = Form.useForm<{ account: string; captchaAnswer: string }>();
  const { captcha, submit, busy, error } = useCaptchaSubmit<{ account: string; captchaAnswer: string }>(form, async ({ account }, proof) =>
    onStarted(await startRecovery({ account: account.trim(), ...proof }), account.trim()),
  );

  return (
    <>
      <ErrorNotice error={error} />
      <MobileForm form={form} name="mrecovery" onFinish={submit} submitLabel={t('recover.next')} submitTestId="recovery-next" busy={busy}>
        <Form.Item label={t('recover.mobile')} name="account" rules={[{ required: true, whitespace: true, message: t('recover.mobileRequired') }, mobileRule(t('recover.mobileFormat'))]}>
          <Input placeholder={t('recover.mobilePlaceholder')} inputMode="numeric" maxLength={MOBILE_MAX_LENGTH} data-testid="recovery-account" />
        </Form.Item>
        <MobileCaptchaField captcha={captcha} />
      </MobileForm>
    </>
  );
}
