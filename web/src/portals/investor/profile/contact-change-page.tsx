import { Card, Result, Steps, Typography } from 'antd';
import { Button } from '../../../ui/button.tsx';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { ErrorAlert } from '../../../ui/desktop/error-alert.tsx';
import { PageSpin } from '../../../ui/desktop/page-spin.tsx';
import { toApiError } from '../../../ui/errors.ts';
import { useDocumentTitle } from '../../../ui/portal.tsx';
import { VerificationPanel } from '../verification/method-panel.tsx';
import type { ContactKind } from '../../../domains/profile/api.ts';
import { useContactChange } from '../../../domains/profile/use-contact-change.ts';

/** 变更手机号 / 变更电子邮箱 after 下一步: 用户身份认证, then the confirmation page, then done. */
export function ContactChangePage({ kind }: { kind: ContactKind }) {
  const { t } = useTranslation('profile');
  const title = t(`contact.${kind}.changeTitle`);
  useDocumentTitle(title);
  const { flowId = '' } = useParams();
  const { flow, step, panel, confirm, confirming, error } = useContactChange(kind, flowId);
  const navigate = useNavigate();

  if (flow.isPending) return <PageSpin />;
  const current = { verify: 0, confirm: 1, done: 2 }[step];
  return (
    <Card title={title} style={{ maxWidth: 720 }} data-testid="contact-change-page">
      <Steps current={current} size="small" style={{ marginBottom: 24 }} items={[{ title: t('verify.title') }, { title: t(`contact.${kind}.confirmTitle`) }, { title: t(`contact.${kind}.changed`) }]} />
      {flow.isError ? <ErrorAlert error={toApiError(flow.error)} /> : null}
      {panel && step === 'verify' ? <VerificationPanel {...panel} /> : null}
      {flow.data && step === 'confirm' ? (
        <div data-testid="contact-confirm">
          <ErrorAlert error={error} />
          <Typography.Title level={5}>{t(`contact.${kind}.confirmTitle`)}</Typography.Title>
          <Typography.Paragraph>
            {t(`contact.${kind}.confirmText`)}{' '}
            <Typography.Text strong data-testid="contact-new-value">
              {flow.data.newValueMasked}
            </Typography.Text>
          </Typography.Paragraph>
          <Button type="primary" loading={confirming} onClick={confirm} data-testid="contact-confirm-submit">
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
