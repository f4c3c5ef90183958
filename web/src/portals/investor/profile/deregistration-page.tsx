import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Checkbox, Modal, Result, Steps, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { ApiError } from '../../../api/client.ts';
import { sessionQueryKey, type Session } from '../../../api/session.ts';
import { ErrorAlert } from '../../../ui/desktop/error-alert.tsx';
import { toApiError } from '../../../ui/errors.ts';
import { useDocumentTitle } from '../../../ui/portal.tsx';
import { VerificationPanel } from '../verification/method-panel.tsx';
import { confirmDeregistration, startDeregistration, type StartedFlow } from '../../../domains/profile/api.ts';
import { NOTICE_KEYS } from '../../../domains/profile/deregistration-notice.ts';

/** 用户资料 → 注销用户 (manual 000 §一.2.1.6): 提交注销申请 → 账户注销提示 → 同意并继续 → 认证 → 注销. */
export function DeregistrationPage() {
  const { t } = useTranslation('profile');
  useDocumentTitle(t('deregister.title'));
  const [agreed, setAgreed] = useState(false);
  const [agreeError, setAgreeError] = useState(false);
  const [dialogOpen, setDialogOpen] = useState(false);
  const [flow, setFlow] = useState<StartedFlow | null>(null);
  const [verificationId, setVerificationId] = useState<string | null>(null);
  const [step, setStep] = useState<'notice' | 'verify' | 'confirm' | 'done'>('notice');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
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

  const agreeAndContinue = () =>
    run(async () => {
      const started = await startDeregistration();
      setFlow(started);
      setVerificationId(started.verification.id);
      setDialogOpen(false);
      setStep('verify');
    });

  const confirm = () =>
    run(async () => {
      await confirmDeregistration(flow!.flowId, verificationId!);
      setStep('done');
    });

  const leave = () => {
    queryClient.setQueryData<Session>(sessionQueryKey, (old) => ({ csrfToken: old?.csrfToken ?? '', principal: null }));
    navigate('/login', { replace: true });
  };

  return (
    <Card title={t('deregister.title')} style={{ maxWidth: 760 }} data-testid="deregistration-page">
      <Steps current={{ notice: 0, verify: 1, confirm: 2, done: 3 }[step]} size="small" style={{ marginBottom: 24 }} items={[{ title: t('deregister.submit') }, { title: t('verify.title') }, { title: t('deregister.confirmTitle') }, { title: t('deregister.doneTitle') }]} />
      <ErrorAlert error={error} />
      {step === 'notice' ? (
        <>
          <Typography.Title level={5}>{t('deregister.intro')}</Typography.Title>
          {NOTICE_KEYS.map((key) => (
            <Typography.Paragraph key={key}>{t(`deregister.${key}`)}</Typography.Paragraph>
          ))}
          <Checkbox checked={agreed} onChange={(event) => { setAgreed(event.target.checked); setAgreeError(false); }} data-testid="deregister-agree">
            {t('deregister.agree')}
          </Checkbox>
          {agreeError ? <Typography.Paragraph type="danger" role="alert">{t('deregister.agreeRequired')}</Typography.Paragraph> : null}
          <div style={{ marginTop: 16 }}>
            <Button type="primary" danger onClick={() => (agreed ? setDialogOpen(true) : setAgreeError(true))} data-testid="deregister-submit">
              {t('deregister.submit')}
            </Button>
          </div>
          <Modal
            open={dialogOpen}
            title={t('deregister.dialogTitle')}
            okText={t('deregister.continue')}
            cancelText={t('deregister.cancel')}
            okButtonProps={{ danger: true, loading: busy }}
            onOk={() => void agreeAndContinue()}
            onCancel={() => setDialogOpen(false)}
          >
            <Typography.Paragraph>{t('deregister.dialogText')}</Typography.Paragraph>
          </Modal>
        </>
      ) : null}
      {step === 'verify' && verificationId ? (
        <VerificationPanel
          verificationId={verificationId}
          recommended="user_mobile"
          onPassed={(passed) => {
            setVerificationId(passed.id);
            setStep('confirm');
          }}
          onReselected={(fresh) => setVerificationId(fresh.id)}
        />
      ) : null}
      {step === 'confirm' ? (
        <div data-testid="deregister-confirm">
          <Typography.Paragraph>{t('deregister.confirmText')}</Typography.Paragraph>
          <Button type="primary" danger loading={busy} onClick={() => void confirm()} data-testid="deregister-confirm-submit">
            {t('deregister.confirmSubmit')}
          </Button>
        </div>
      ) : null}
      {step === 'done' ? (
        <Result
          status="success"
          title={<span role="status">{t('deregister.doneTitle')}</span>}
          subTitle={t('deregister.doneText')}
          extra={
            <Button type="primary" onClick={leave} data-testid="deregister-to-login">
              {t('deregister.toLogin')}
            </Button>
          }
        />
      ) : null}
    </Card>
  );
}
