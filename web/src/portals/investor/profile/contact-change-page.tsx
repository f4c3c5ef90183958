import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Result, Steps, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import type { ApiError } from '../../../api/client.ts';
import { sessionQueryKey } from '../../../api/session.ts';
import { ErrorAlert } from '../../../ui/desktop/error-alert.tsx';
import { PageSpin } from '../../../ui/desktop/page-spin.tsx';
import { toApiError } from '../../../ui/errors.ts';
import { useDocumentTitle } from '../../../ui/portal.tsx';
import { VerificationPanel } from '../verification/method-panel.tsx';
import { confirmContactChange, contactChange, type ContactKind } from '../../../domains/profile/api.ts';

/** 变更手机号 / 变更电子邮箱 after 下一步: 用户身份认证, then the confirmation page, then done. */
export function ContactChangePage({ kind }: { kind: ContactKind }) {
  const { t } = useTranslation('profile');
  const title = t(`contact.${kind}.changeTitle`);
  useDocumentTitle(title);
  const { flowId = '' } = useParams();
  const flow = useQuery({ queryKey: ['investor', 'contact-change', kind, flowId], queryFn: () => contactChange(kind, flowId), retry: false, staleTime: Infinity });
  const [step, setStep] = useState<'verify' | 'confirm' | 'done'>('verify');
  const [verificationId, setVerificationId] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  const confirm = async () => {
    setSubmitting(true);
    setError(null);
    try {
      await confirmContactChange(kind, flowId, (verificationId ?? flow.data?.verificationId)!);
      setStep('done');
      await queryClient.invalidateQueries({ queryKey: sessionQueryKey });
    } catch (failure) {
      setError(toApiError(failure));
    } finally {
      setSubmitting(false);
    }
  };

  if (flow.isPending) return <PageSpin />;
  const current = { verify: 0, confirm: 1, done: 2 }[step];
  return (
    <Card title={title} style={{ maxWidth: 720 }} data-testid="contact-change-page">
      <Steps current={current} size="small" style={{ marginBottom: 24 }} items={[{ title: t('verify.title') }, { title: t(`contact.${kind}.confirmTitle`) }, { title: t(`contact.${kind}.changed`) }]} />
      {flow.isError ? <ErrorAlert error={toApiError(flow.error)} /> : null}
      {flow.data && step === 'verify' ? (
        <VerificationPanel
          verificationId={verificationId ?? flow.data.verificationId}
          onPassed={(passed) => {
            setVerificationId(passed.id);
            setStep('confirm');
          }}
          onReselected={(fresh) => setVerificationId(fresh.id)}
        />
      ) : null}
      {flow.data && step === 'confirm' ? (
        <div data-testid="contact-confirm">
          <ErrorAlert error={error} />
          <Typography.Title level={5}>{t(`contact.${kind}.confirmTitle`)}</Typography.Title>
          <Typography.Paragraph>
            {t(`contact.${kind}.confirmText`)} <Typography.Text strong data-testid="contact-new-value">{flow.data.newValueMasked}</Typography.Text>
          </Typography.Paragraph>
          <Button type="primary" loading={submitting} onClick={() => void confirm()} data-testid="contact-confirm-submit">
            {t('contact.confirm')}
          </Button>
        </div>
      ) : null}
      {step === 'done' && flow.data ? (
        <Result
          status="success"
          title={<span role="status">{t(`contact.${kind}.changed`)}</span>}
          subTitle={flow.data.newValueMasked}
          extra={
            <Button type="primary" onClick={() => navigate('/user/profile')}>
              {t('contact.backToProfile')}
            </Button>
          }
        />
      ) : null}
    </Card>
  );
}
