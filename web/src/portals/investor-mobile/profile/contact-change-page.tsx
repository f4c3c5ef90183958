import { Result } from 'antd-mobile';
import { Button } from '../../../ui/mobile/button.tsx';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { toApiError } from '../../../ui/errors.ts';
import { ErrorNotice } from '../../../ui/mobile/error-notice.tsx';
import { MobilePageLoading } from '../../../ui/mobile/page-loading.tsx';
import type { ContactKind } from '../../../domains/profile/api.ts';
import { useContactChange } from '../../../domains/profile/use-contact-change.ts';
import { MobilePage } from '../layout/mobile-page.tsx';
import { MobileVerificationPanel } from '../verification/verification-panel.tsx';

/** After 提交: 用户身份认证, then 修改手机号信息确认, then done (manual 000 §二.2.1.4). */
export function MobileContactChangePage({ kind }: { kind: ContactKind }) {
  const { t } = useTranslation('profile');
  const { flowId = '' } = useParams();
  const { flow, step, panel, confirm, confirming, error } = useContactChange(kind, flowId);
  const navigate = useNavigate();

  const title = step === 'verify' ? t('verify.title') : t(`contact.${kind}.confirmTitle`);
  return (
    <MobilePage title={title} back="/m/profile" testId="m-contact-change">
      {flow.isPending ? <MobilePageLoading /> : null}
      {flow.isError ? <ErrorNotice error={toApiError(flow.error)} /> : null}
      {panel && step === 'verify' ? <MobileVerificationPanel {...panel} /> : null}
      {flow.data && step === 'confirm' ? (
        <div className="ch-m-inset" data-testid="contact-confirm">
          <ErrorNotice error={error} />
          <p>
            {t(`contact.${kind}.confirmText`)} <strong data-testid="contact-new-value">{flow.data.newValueMasked}</strong>
          </p>
          <Button block color="primary" size="large" loading={confirming} onClick={confirm} data-testid="contact-confirm-submit">
            {t('contact.confirm')}
          </Button>
        </div>
      ) : null}
      {flow.data && step === 'done' ? (
        <div className="ch-m-inset">
          <Result status="success" title={<span role="status">{t(`contact.${kind}.changed`)}</span>} description={flow.data.newValueMasked} />
          <Button block color="primary" size="large" onClick={() => navigate('/m/profile')} style={{ marginTop: 16 }}>
            {t('contact.backToProfile')}
          </Button>
        </div>
      ) : null}
    </MobilePage>
  );
}
