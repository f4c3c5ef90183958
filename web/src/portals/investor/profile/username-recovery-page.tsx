import { useMutation } from '@tanstack/react-query';
import { Card, Form, Input, Result, Steps } from 'antd';
import { Button } from '../../../ui/button.tsx';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { CaptchaForm } from '../../../ui/desktop/captcha-form.tsx';
import { ErrorAlert } from '../../../ui/desktop/error-alert.tsx';
import { toApiError } from '../../../ui/errors.ts';
import { useCaptchaSubmit } from '../../../ui/hooks/use-captcha-submit.ts';
import { useDocumentTitle } from '../../../ui/portal.tsx';
import { VerificationPanel } from '../verification/method-panel.tsx';
import { recoverUsernames, startUsernameRecovery } from '../../../domains/recovery/identity-recovery-api.ts';

type Step = 'details' | 'unionpay' | 'done';

/**
 * 忘记用户名 (manual 000 §一.5.1, 实名用户 only): 姓名, 证件号码 and the captcha → 提交 →
 * 银联身份认证 (银行卡号, 银联预留手机号, 手机验证码) → 下一步 → the user name.
 */
export function UsernameRecoveryPage() {
  const { t } = useTranslation(['idrecovery', 'investor']);
  useDocumentTitle(t('usernameTitle'));
  const navigate = useNavigate();
  const [step, setStep] = useState<Step>('details');
  const [person, setPerson] = useState<{ name: string; idNumber: string } | null>(null);
  const [flow, setFlow] = useState<{ flowToken: string; verificationId: string } | null>(null);
  const [form] = Form.useForm<{ name: string; idNumber: string; captchaAnswer: string }>();
  const details = useCaptchaSubmit<{ name: string; idNumber: string; captchaAnswer: string }>(form, async (values, proof) => {
    const who = { name: values.name.trim(), idNumber: values.idNumber.trim() };
    const started = await startUsernameRecovery({ ...who, ...proof });
    setPerson(who);
    setFlow({ flowToken: started.flowToken, verificationId: started.verification.id });
    setStep('unionpay');
  });

  const recovery = useMutation({ mutationFn: (verificationId: string) => recoverUsernames(flow!.flowToken, verificationId), onSuccess: () => setStep('done') });
  const usernames = recovery.data ?? [];

  return (
    <Card title={t('usernameTitle')} data-testid="username-recovery-page" className={step === 'unionpay' ? 'ih-auth-card-wide' : 'ih-auth-card'}>
      <Steps current={{ details: 0, unionpay: 1, done: 2 }[step]} size="small" style={{ marginBottom: 24 }} items={[{ title: t('usernameTitle') }, { title: t('verifyTitle') }, { title: t('usernameDone') }]} />
      <ErrorAlert error={details.error ?? (recovery.error ? toApiError(recovery.error) : null)} />
      {step === 'details' ? (
        <CaptchaForm form={form} onFinish={details.submit} captcha={details.captcha} submitLabel={t('submit')} submitTestId="username-recovery-submit" busy={details.busy}>
          <p>{t('usernameIntro')}</p>
          <Form.Item label={t('name')} name="name" rules={[{ required: true, whitespace: true, message: t('nameRequired') }]}>
            <Input data-testid="username-recovery-name" />
          </Form.Item>
          <Form.Item label={t('idNumber')} name="idNumber" rules={[{ required: true, whitespace: true, message: t('idNumberRequired') }]}>
            <Input data-testid="username-recovery-id-number" />
          </Form.Item>
        </CaptchaForm>
      ) : null}
      {step === 'unionpay' && flow && person ? (
        <VerificationPanel verificationId={flow.verificationId} cardDefaults={person} onPassed={(passed) => recovery.mutate(passed.id)} onReselected={(fresh) => setFlow({ ...flow, verificationId: fresh.id })} />
      ) : null}
      {step === 'done' ? (
        <Result
          status="success"
          title={<span role="status">{t('usernameDone')}</span>}
          subTitle={
            <span data-testid="username-recovery-result">
              {t('usernameResult')}：{usernames.join('、')}
            </span>
          }
          extra={
            <Button type="primary" onClick={() => navigate('/login')} data-testid="username-recovery-to-login">
              {t('toLogin')}
            </Button>
          }
        />
      ) : null}
    </Card>
  );
}
