import { useQueryClient } from '@tanstack/react-query';
import { Button, Checkbox, Dialog, Result } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { ApiError } from '../../../api/client.ts';
import { sessionQueryKey, type Session } from '../../../api/session.ts';
import { toApiError } from '../../../ui/errors.ts';
import { ErrorNotice } from '../../../ui/mobile/error-notice.tsx';
import { confirmDeregistration, startDeregistration, type StartedFlow } from '../../../domains/profile/api.ts';
import { NOTICE_KEYS } from '../../../domains/profile/deregistration-notice.ts';
import { MobilePage } from '../layout/mobile-page.tsx';
import { MobileVerificationPanel } from '../verification/verification-panel.tsx';

/** 个人基本信息 → 注销用户 (manual 000 §二.2.1.5): 勾选协议, 提交注销申请, 账户注销提示, 同意并继续, 认证, 确认. */
export function MobileDeregistrationPage() {
  const { t } = useTranslation('profile');
  const [agreed, setAgreed] = useState(false);
  const [agreeError, setAgreeError] = useState(false);
  const [flow, setFlow] = useState<StartedFlow | null>(null);
  const [verificationId, setVerificationId] = useState<string | null>(null);
  const [step, setStep] = useState<'notice' | 'verify' | 'confirm' | 'done'>('notice');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [dialogOpen, setDialogOpen] = useState(false);
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (failure) {
      setError(toApiError(failure));
    } finally {
      setBusy(false);
    }
  };

  const submit = () => (agreed ? setDialogOpen(true) : setAgreeError(true));

  const agreeAndContinue = () =>
    run(async () => {
      setDialogOpen(false);
      setFlow(await startDeregistration());
      setStep('verify');
    });

  const leave = () => {
    queryClient.setQueryData<Session>(sessionQueryKey, (old) => ({ csrfToken: old?.csrfToken ?? '', principal: null }));
    navigate('/m/login', { replace: true });
  };

  const title = step === 'verify' ? t('verify.title') : t('deregister.title');
  return (
    <MobilePage title={title} back={step === 'done' ? undefined : '/m/profile'} testId="m-deregistration">
      <ErrorNotice error={error} />
      <Dialog
        visible={dialogOpen}
        title={t('deregister.dialogTitle')}
        content={t('deregister.dialogText')}
        onClose={() => setDialogOpen(false)}
        actions={[[{ key: 'cancel', text: t('deregister.cancel'), onClick: () => setDialogOpen(false) }, { key: 'continue', text: t('deregister.continue'), bold: true, danger: true, onClick: () => void agreeAndContinue() }]]}
      />
      {step === 'notice' ? (
        <div className="ch-m-inset">
          <h3>{t('deregister.intro')}</h3>
          {NOTICE_KEYS.map((key) => (
            <p key={key} className="ch-m-hint">
              {t(`deregister.${key}`)}
            </p>
          ))}
          <Checkbox checked={agreed} onChange={(checked) => { setAgreed(checked); setAgreeError(false); }} data-testid="deregister-agree" style={{ '--font-size': '14px', margin: '12px 0' }}>
            {t('deregister.agree')}
          </Checkbox>
          {agreeError ? <p role="alert" style={{ color: '#cf1322' }}>{t('deregister.agreeRequired')}</p> : null}
          <Button block color="danger" size="large" loading={busy} onClick={submit} data-testid="deregister-submit">
            {t('deregister.submit')}
          </Button>
        </div>
      ) : null}
      {step === 'verify' && flow ? (
        <MobileVerificationPanel
          verificationId={verificationId ?? flow.verification.id}
          recommended="user_mobile"
          onPassed={(passed) => {
            setVerificationId(passed.id);
            setStep('confirm');
          }}
          onReselected={(fresh) => setVerificationId(fresh.id)}
        />
      ) : null}
      {step === 'confirm' && flow ? (
        <div className="ch-m-inset" data-testid="deregister-confirm">
          <p>{t('deregister.confirmText')}</p>
          <Button block color="danger" size="large" loading={busy} onClick={() => void run(async () => { await confirmDeregistration(flow.flowId, verificationId ?? flow.verification.id); setStep('done'); })} data-testid="deregister-confirm-submit">
            {t('deregister.confirmSubmit')}
          </Button>
        </div>
      ) : null}
      {step === 'done' ? (
        <div className="ch-m-inset">
          <Result status="success" title={<span role="status">{t('deregister.doneTitle')}</span>} description={t('deregister.doneText')} />
          <Button block color="primary" size="large" onClick={leave} style={{ marginTop: 16 }} data-testid="deregister-to-login">
            {t('deregister.toLogin')}
          </Button>
        </div>
      ) : null}
    </MobilePage>
  );
}
