import { Dialog, Form, Input, List, Result, Selector } from 'antd-mobile';
import { Button } from '../../../ui/mobile/button.tsx';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { ApiError } from '../../../api/client.ts';
import { toApiError } from '../../../ui/errors.ts';
import { useCaptchaSubmit } from '../../../ui/hooks/use-captcha-submit.ts';
import { MobileCaptchaField } from '../../../ui/mobile/captcha-input.tsx';
import { ErrorNotice } from '../../../ui/mobile/error-notice.tsx';
import { ID_TYPES } from '../../../domains/verification/api.ts';
import {
  chooseRecoveryAccount,
  completeIdentityRecovery,
  deregisterFromIdentityRecovery,
  identityRecoveryAccounts,
  startIdentityRecovery,
  type RecoverableAccount,
} from '../../../domains/recovery/identity-recovery-api.ts';
import { MobilePage } from '../layout/mobile-page.tsx';
import { MobileVerificationPanel } from '../verification/verification-panel.tsx';
import { ApplyDeregistration, PasswordStep } from './recovery-steps.tsx';
import { MobileForm } from '../../../ui/mobile/mobile-form.tsx';
import { RecoveryWayTabs } from './recovery-ways.tsx';

type Step = 'details' | 'unionpay' | 'list' | 'verify' | 'password' | 'done' | 'apply' | 'applied';

/**
 * 通过身份信息找回 (manual 000 §二.3.2): 姓名, 证件类型, 证件号码 and the captcha; only
 * 银联身份认证; then 3.2.1 the error, 3.2.2 the dialog offering 注册, or 3.2.3/3.2.4 the
 * list of the person's accounts; the chosen one proves its own phone (or e-mail) code,
 * then the new password; or 申请注销 (§二.5.2).
 */
export function MobileIdentityRecovery({ onBack }: { onBack: () => void }) {
  const { t } = useTranslation(['idrecovery', 'profile']);
  const navigate = useNavigate();
  const [step, setStep] = useState<Step>('details');
  const [flowToken, setFlowToken] = useState<string | null>(null);
  const [verificationId, setVerificationId] = useState<string | null>(null);
  const [accounts, setAccounts] = useState<RecoverableAccount[]>([]);
  const [chosen, setChosen] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [notRegistered, setNotRegistered] = useState(false);

  const listAccounts = async (passedId: string) => {
    setError(null);
    try {
      setAccounts(await identityRecoveryAccounts(flowToken!, passedId));
      setStep('list');
    } catch (failure) {
      const apiError = toApiError(failure);
      if (apiError.code === 'IDREC_NOT_REGISTERED') setNotRegistered(true);
      else setError(apiError);
    }
  };
  const choose = async (id: string) => {
    setError(null);
    try {
      const verification = await chooseRecoveryAccount(flowToken!, id);
      setChosen(id);
      setVerificationId(verification.id);
      setStep('verify');
    } catch (failure) {
      setError(toApiError(failure));
    }
  };
  const title = step === 'unionpay' ? t('verifyTitle') : step === 'list' ? t('listTitle') : step === 'password' ? t('profile:recover.steps.password') : step.startsWith('apply') ? t('apply') : t('title');

  return (
    <MobilePage title={title} testId="m-identity-recovery">
      <ErrorNotice error={error} testId="identity-recovery-error" />
      {step === 'details' ? (
        <DetailsStep
          onStarted={(token, id) => {
            setFlowToken(token);
            setVerificationId(id);
            setStep('unionpay');
          }}
          onBack={onBack}
        />
      ) : null}
      {step === 'unionpay' && verificationId ? <MobileVerificationPanel verificationId={verificationId} onPassed={(passed) => void listAccounts(passed.id)} onReselected={(fresh) => setVerificationId(fresh.id)} /> : null}
      {step === 'list' ? (
        <List header={t('listIntro')} data-testid="identity-recovery-accounts">
          {accounts.map((a) => (
            <List.Item
              key={a.id}
              clickable
              onClick={() => void choose(a.id)}
              data-testid="identity-recovery-account"
              description={
                <>
                  <div>
                    {t('registeredAt')}：{a.registeredAt.slice(0, 10)}
                  </div>
                  {a.securitiesAccounts.length > 0 ? (
                    <div>
                      {t('linkedAccounts')}：{a.securitiesAccounts.join('、')}
                    </div>
                  ) : null}
                </>
              }
            >
              {t('account')}：{a.account}
            </List.Item>
          ))}
        </List>
      ) : null}
      {step === 'verify' && verificationId ? (
        <>
          <MobileVerificationPanel
            verificationId={verificationId}
            recommended="user_mobile"
            onPassed={(passed) => {
              setVerificationId(passed.id);
              setStep('password');
            }}
            onReselected={(fresh) => setVerificationId(fresh.id)}
          />
          <div className="ch-m-inset ch-m-hint" style={{ textAlign: 'right' }}>
            {t('profile:recover.stuck')}{' '}
            <a className="ch-m-link" role="button" onClick={() => setStep('apply')} data-testid="identity-recovery-apply">
              {t('apply')}
            </a>
          </div>
        </>
      ) : null}
      {step === 'password' && flowToken && verificationId ? <PasswordStep flowToken={flowToken} verificationId={verificationId} complete={completeIdentityRecovery} onDone={() => setStep('done')} /> : null}
      {step === 'apply' && flowToken && chosen ? <ApplyDeregistration flowToken={flowToken} apply={() => deregisterFromIdentityRecovery(flowToken, chosen)} onDone={() => setStep('applied')} /> : null}
      {step === 'done' || step === 'applied' ? (
        <div className="ch-m-inset">
          <Result
            status="success"
            title={<span role="status">{step === 'done' ? t('profile:recover.doneTitle') : t('profile:deregister.doneTitle')}</span>}
            description={step === 'done' ? t('profile:recover.doneText') : t('profile:deregister.doneText')}
          />
          <Button block color="primary" size="large" onClick={() => navigate('/m/login')} style={{ marginTop: 16 }} data-testid="identity-recovery-to-login">
            {t('profile:recover.finishDone')}
          </Button>
        </div>
      ) : null}
      <Dialog
        visible={notRegistered}
        content={<span data-testid="identity-recovery-not-registered">{t('notRegistered')}</span>}
        onClose={() => setNotRegistered(false)}
        actions={[
          [
            { key: 'cancel', text: t('cancel'), onClick: () => setNotRegistered(false) },
            { key: 'register', text: t('register'), bold: true, onClick: () => navigate('/m/register') },
          ],
        ]}
      />
    </MobilePage>
  );
}

function DetailsStep({ onStarted, onBack }: { onStarted: (flowToken: string, verificationId: string) => void; onBack: () => void }) {
  const { t } = useTranslation(['idrecovery', 'verification', 'investor']);
  const [form] = Form.useForm<{ name: string; idNumber: string; captchaAnswer: string }>();
  const [idType, setIdType] = useState('resident_id');
  const { captcha, submit, busy, error } = useCaptchaSubmit<{ name: string; idNumber: string; captchaAnswer: string }>(form, async (values, proof) => {
    const started = await startIdentityRecovery({ name: values.name.trim(), idType, idNumber: values.idNumber.trim(), ...proof });
    onStarted(started.flowToken, started.verification.id);
  });

  return (
    <>
      <RecoveryWayTabs active="identity" onChange={(way) => way === 'phone' && onBack()} />
      <ErrorNotice error={error} />
      <MobileForm form={form} name="midentity-recovery" onFinish={submit} submitLabel={t('next')} submitTestId="identity-recovery-next" busy={busy}>
        <Form.Item label={t('name')} name="name" rules={[{ required: true, whitespace: true, message: t('nameRequired') }]}>
          <Input placeholder={t('name')} data-testid="identity-recovery-name" />
        </Form.Item>
        <Form.Item label={t('idType')}>
          <Selector
            columns={1}
            value={[idType]}
            onChange={(v) => v[0] && setIdType(v[0])}
            options={ID_TYPES.filter((type) => type !== 'unified_social_credit_code').map((type) => ({ value: type, label: t(`verification:idTypes.${type}`) }))}
          />
        </Form.Item>
        <Form.Item label={t('idNumber')} name="idNumber" rules={[{ required: true, whitespace: true, message: t('idNumberRequired') }]}>
          <Input placeholder={t('idNumber')} data-testid="identity-recovery-id-number" />
        </Form.Item>
        <MobileCaptchaField captcha={captcha} />
      </MobileForm>
    </>
  );
}
