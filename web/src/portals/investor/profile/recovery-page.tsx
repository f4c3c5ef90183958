import { Card, Descriptions, Form, Input, Result, Space, Steps, Tabs, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '../../../ui/button.tsx';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { CaptchaForm } from '../../../ui/desktop/captcha-form.tsx';
import { ErrorAlert } from '../../../ui/desktop/error-alert.tsx';
import { useCaptchaSubmit } from '../../../ui/hooks/use-captcha-submit.ts';
import { useDocumentTitle } from '../../../ui/portal.tsx';
import { VerificationPanel } from '../verification/method-panel.tsx';
import { completeRecoveryToConfirm, confirmRecovery, startRecovery, useCompleteRecovery, type RecoveryConfirmation, type RecoveryStarted } from '../../../domains/recovery/api.ts';
import { EMAIL_PATTERN, MOBILE_MAX_LENGTH, mobileRule } from '../../../domains/auth/fields.ts';
import { toApiError } from '../../../ui/errors.ts';
import { NewPasswordFields } from '../shared/new-password-fields.tsx';
import { useRecoverySteps } from '../../../domains/recovery/use-recovery-steps.ts';
import { RecoveryIdentityStep } from './recovery-identity.tsx';
import { SubmitButton } from '../../../ui/desktop/submit-button.tsx';

/**
 * 找回密码 (manual 000 §一.3): a way of recovery (by mobile number or by e-mail, §一.3.3 (1)),
 * the number and captcha; a real-name verified user then gives the identity details
 * (§一.3.2–3.3); then 用户身份认证 with the methods the user's standing allows,
 * 重新选择其他验证方式; then the new password; a bound user confirms it on the
 * 找回密码信息确认 page (§一.3.3 (5)) before it takes effect.
 */
export function RecoveryPage() {
  const { t } = useTranslation('profile');
  useDocumentTitle(t('recover.title'));
  const { step, setStep, flowToken, verificationId, started, identified, passed, reselected } = useRecoverySteps<'confirm'>();
  const [confirmation, setConfirmation] = useState<RecoveryConfirmation | null>(null);
  const navigate = useNavigate();

  return (
    <Card title={t('recover.title')} data-testid="recovery-page" className={step === 'verify' ? 'ih-auth-card-wide' : 'ih-auth-card'}>
      <Steps
        current={{ account: 0, identity: 1, verify: 1, password: 2, confirm: 2, done: 3 }[step]}
        size="small"
        style={{ marginBottom: 24 }}
        items={[{ title: t('recover.steps.account') }, { title: t('recover.steps.verify') }, { title: t('recover.steps.password') }, { title: t('recover.steps.done') }]}
      />
      {step === 'account' ? <AccountStep onStarted={started} /> : null}
      {step === 'identity' && flowToken ? <RecoveryIdentityStep flowToken={flowToken} onVerification={identified} /> : null}
      {step === 'verify' && verificationId ? <VerificationPanel verificationId={verificationId} onPassed={passed} onReselected={reselected} /> : null}
      {step === 'password' && flowToken && verificationId ? (
        <PasswordStep
          flowToken={flowToken}
          verificationId={verificationId}
          onDone={(toConfirm) => {
            setConfirmation(toConfirm);
            setStep(toConfirm ? 'confirm' : 'done');
          }}
        />
      ) : null}
      {step === 'confirm' && flowToken && verificationId && confirmation ? (
        <ConfirmationStep flowToken={flowToken} verificationId={verificationId} confirmation={confirmation} onBack={() => setStep('password')} onDone={() => setStep('done')} />
      ) : null}
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

type RecoveryWay = 'mobile' | 'email';

/** 选择一种找回方式，输入对应的号码和图形验证码 (§一.3.3 (1), §一.3.1 (2)). */
function AccountStep({ onStarted }: { onStarted: (started: RecoveryStarted) => void }) {
  const { t } = useTranslation('profile');
  const [way, setWay] = useState<RecoveryWay>('mobile');
  const [form] = Form.useForm<{ account: string; captchaAnswer: string }>();
  const { captcha, submit, busy, error } = useCaptchaSubmit<{ account: string; captchaAnswer: string }>(form, async ({ account }, proof) => onStarted(await startRecovery({ account: account.trim(), ...proof })));
  const accountRules =
    way === 'mobile'
      ? [{ required: true, whitespace: true, message: t('recover.mobileRequired') }, mobileRule(t('recover.mobileFormat'))]
      : [
          { required: true, whitespace: true, message: t('recover.emailRequired') },
          { pattern: EMAIL_PATTERN, message: t('recover.emailFormat') },
        ];

  return (
    <>
      <Tabs
        aria-label={t('recover.waysLabel')}
        activeKey={way}
        onChange={(key) => {
          setWay(key as RecoveryWay);
          form.resetFields(['account']);
        }}
        items={(['mobile', 'email'] as const).map((key) => ({ key, label: t(`recover.ways.${key}`) }))}
        data-testid="recovery-ways"
      />
      <ErrorAlert error={error} />
      <CaptchaForm form={form} name="recovery" onFinish={submit} captcha={captcha} submitLabel={t('recover.next')} submitTestId="recovery-next" busy={busy}>
        <Form.Item key={way} label={t(`recover.${way}`)} name="account" rules={accountRules}>
          <Input
            placeholder={t(`recover.${way}Placeholder`)}
            autoComplete={way === 'mobile' ? 'tel' : 'email'}
            inputMode={way === 'mobile' ? 'numeric' : 'email'}
            maxLength={way === 'mobile' ? MOBILE_MAX_LENGTH : 254}
            data-testid="recovery-account"
          />
        </Form.Item>
      </CaptchaForm>
    </>
  );
}

function PasswordStep({ flowToken, verificationId, onDone }: { flowToken: string; verificationId: string; onDone: (confirmation: RecoveryConfirmation | null) => void }) {
  const { t } = useTranslation('profile');
  const [form] = Form.useForm<{ newPassword: string; confirm: string }>();
  const completion = useCompleteRecovery(form, onDone, completeRecoveryToConfirm);

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

/** 找回密码信息确认 (§一.3.3 (5)): the bound user's account, holder and unified accounts, and the way verified; 确认 sets the new password. */
function ConfirmationStep({ flowToken, verificationId, confirmation, onBack, onDone }: { flowToken: string; verificationId: string; confirmation: RecoveryConfirmation; onBack: () => void; onDone: () => void }) {
  const { t } = useTranslation(['profile', 'verification']);
  const confirming = useMutation({ mutationFn: () => confirmRecovery(flowToken, verificationId), onSuccess: onDone });

  return (
    <div data-testid="recovery-confirmation">
      <Typography.Title level={5}>{t('recover.confirmTitle')}</Typography.Title>
      <Typography.Paragraph>{t('recover.confirmIntro')}</Typography.Paragraph>
      <ErrorAlert error={confirming.error ? toApiError(confirming.error) : null} />
      <Descriptions
        column={1}
        bordered
        size="small"
        style={{ marginBottom: 24 }}
        items={[
          { key: 'account', label: t('recover.confirmAccount'), children: confirmation.account },
          { key: 'name', label: t('recover.confirmName'), children: confirmation.name },
          { key: 'unified', label: t('recover.confirmUnified'), children: confirmation.unifiedAccounts.join('、') },
          { key: 'method', label: t('recover.confirmMethod'), children: t(`verification:methods.${confirmation.method}`) },
        ]}
      />
      <Space>
        <Button onClick={onBack} disabled={confirming.isPending} data-testid="recovery-confirm-back">
          {t('recover.previous')}
        </Button>
        <Button type="primary" loading={confirming.isPending} onClick={() => confirming.mutate()} data-testid="recovery-confirm">
          {t('recover.confirm')}
        </Button>
      </Space>
    </div>
  );
}
