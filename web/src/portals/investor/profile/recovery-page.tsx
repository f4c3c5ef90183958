import { Card, Form, Input, Result, Steps } from 'antd';
import { Button } from '../../../ui/button.tsx';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { CaptchaForm } from '../../../ui/desktop/captcha-form.tsx';
import { ErrorAlert } from '../../../ui/desktop/error-alert.tsx';
import { useCaptchaSubmit } from '../../../ui/hooks/use-captcha-submit.ts';
import { useDocumentTitle } from '../../../ui/portal.tsx';
import { VerificationPanel } from '../verification/method-panel.tsx';
import { startRecovery, useCompleteRecovery, type RecoveryStarted } from '../../../domains/recovery/api.ts';
import { NewPasswordFields } from '../shared/new-password-fields.tsx';
import { useRecoverySteps } from '../../../domains/recovery/use-recovery-steps.ts';
import { RecoveryIdentityStep } from './recovery-identity.tsx';
import { SubmitButton } from '../../../ui/desktop/submit-button.tsx';

/**
 * 找回密码 (manual 000 §一.3): the account and captcha; a real-name verified user then
 * gives the identity details (§一.3.2–3.3); then 用户身份认证 with the methods the
 * user's standing allows, 重新选择其他验证方式; then the new password.
 */
export function RecoveryPage() {
  const { t } = useTranslation('profile');
  useDocumentTitle(t('recover.title'));
  const { step, setStep, flowToken, verificationId, started, identified, passed, reselected } = useRecoverySteps();
  const navigate = useNavigate();

  return (
    <Card title={t('recover.title')} data-testid="recovery-page" className={step === 'verify' ? 'ih-auth-card-wide' : 'ih-auth-card'}>
      <Steps
        current={{ account: 0, identity: 1, verify: 1, password: 2, done: 3 }[step]}
        size="small"
        style={{ marginBottom: 24 }}
        items={[{ title: t('recover.steps.account') }, { title: t('recover.steps.verify') }, { title: t('recover.steps.password') }, { title: t('recover.steps.done') }]}
      />
      {step === 'account' ? <AccountStep onStarted={started} /> : null}
      {step === 'identity' && flowToken ? <RecoveryIdentityStep flowToken={flowToken} onVerification={identified} /> : null}
      {step === 'verify' && verificationId ? <VerificationPanel verificationId={verificationId} onPassed={passed} onReselected={reselected} /> : null}
      {step === 'password' && flowToken && verificationId ? <PasswordStep flowToken={flowToken} verificationId={verificationId} onDone={() => setStep('done')} /> : null}
      {step === 'done' ? (
        <Result
          status="success"
          title={<span role="status">{t('recover.doneTitle')}</span>}
          subTitle={t('recover.doneText')}
          extra={
            <Button type="primary" onClick={() => navigate('/login')} data-testid="recovery-to-login">
              {t('recover.toLogin')}
            </Button>
          }
        />
      ) : null}
      {step !== 'done' ? (
        <div className="ih-auth-below">
          <Link to="/login">{t('recover.backToLogin')}</Link>
        </div>
      ) : null}
    </Card>
  );
}

function AccountStep({ onStarted }: { onStarted: (started: RecoveryStarted) => void }) {
  const { t } = useTranslation('profile');
  const [form] = Form.useForm<{ account: string; captchaAnswer: string }>();
  const { captcha, submit, busy, error } = useCaptchaSubmit<{ account: string; captchaAnswer: string }>(form, async ({ account }, proof) => onStarted(await startRecovery({ account: account.trim(), ...proof })));

  return (
    <>
      <ErrorAlert error={error} />
      <CaptchaForm form={form} name="recovery" onFinish={submit} captcha={captcha} submitLabel={t('recover.next')} submitTestId="recovery-next" busy={busy}>
        <Form.Item label={t('recover.account')} name="account" rules={[{ required: true, whitespace: true, message: t('recover.accountRequired') }]}>
          <Input placeholder={t('recover.accountPlaceholder')} autoComplete="username" data-testid="recovery-account" />
        </Form.Item>
      </CaptchaForm>
    </>
  );
}

function PasswordStep({ flowToken, verificationId, onDone }: { flowToken: string; verificationId: string; onDone: () => void }) {
  const { t } = useTranslation('profile');
  const [form] = Form.useForm<{ newPassword: string; confirm: string }>();
  const completion = useCompleteRecovery(form, onDone);

  return (
    <>
      <ErrorAlert error={completion.formError} />
      <Form form={form} name="recovery-password" layout="vertical" requiredMark={false} onFinish={({ newPassword }) => completion.mutate({ flowToken, verificationId, newPassword })}>
        <NewPasswordFields form="recovery" />
        <SubmitButton busy={completion.isPending} testId="recovery-finish">
          {t('recover.finish')}
        </SubmitButton>
      </Form>
    </>
  );
}
