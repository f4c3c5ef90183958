import { Card, Modal, Result, Steps, Typography } from 'antd';
import { Button } from '../../../ui/button.tsx';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../ui/desktop/error-alert.tsx';
import { useDocumentTitle } from '../../../ui/portal.tsx';
import { VerificationPanel } from '../verification/method-panel.tsx';
import { useDeregistration } from '../../../domains/profile/use-deregistration.ts';
import { NOTICE_KEYS } from '../../../domains/profile/deregistration-notice.ts';

/**
 * 用户资料 → 注销用户 (manual 000 §一.2.1.6): the 用户注销须知 on the page, 提交注销申请 straight to
 * 账户注销提示 (nothing to tick, unlike the mobile hall), 同意并继续 → 认证 → 注销.
 */
export function DeregistrationPage() {
  const { t } = useTranslation('profile');
  useDocumentTitle(t('deregister.title'));
  const d = useDeregistration('/login', { tickAgreement: false });

  return (
    <Card title={t('deregister.title')} style={{ maxWidth: 760 }} data-testid="deregistration-page">
      <Steps
        current={{ notice: 0, verify: 1, confirm: 2, done: 3 }[d.step]}
        size="small"
        style={{ marginBottom: 24 }}
        items={[{ title: t('deregister.submit') }, { title: t('verify.title') }, { title: t('deregister.confirmTitle') }, { title: t('deregister.doneTitle') }]}
      />
      <ErrorAlert error={d.error} />
      {d.step === 'notice' ? (
        <>
          <Typography.Title level={5}>{t('deregister.intro')}</Typography.Title>
          {NOTICE_KEYS.map((key) => (
            <Typography.Paragraph key={key}>{t(`deregister.${key}`)}</Typography.Paragraph>
          ))}
          <div style={{ marginTop: 16 }}>
            <Button type="primary" danger onClick={d.submit} data-testid="deregister-submit">
              {t('deregister.submit')}
            </Button>
          </div>
          <Modal
            open={d.dialogOpen}
            title={t('deregister.dialogTitle')}
            okText={t('deregister.continue')}
            cancelText={t('deregister.cancel')}
            okButtonProps={{ danger: true, loading: d.busy }}
            onOk={d.agreeAndContinue}
            onCancel={d.closeDialog}
          >
            <Typography.Paragraph>{t('deregister.dialogText')}</Typography.Paragraph>
          </Modal>
        </>
      ) : null}
      {d.step === 'verify' && d.panel ? <VerificationPanel {...d.panel} recommended="user_mobile" /> : null}
      {d.step === 'confirm' ? (
        <div data-testid="deregister-confirm">
          <Typography.Paragraph>{t('deregister.confirmText')}</Typography.Paragraph>
          <Button type="primary" danger loading={d.busy} onClick={d.confirm} data-testid="deregister-confirm-submit">
            {t('deregister.confirmSubmit')}
          </Button>
        </div>
      ) : null}
      {d.step === 'done' ? (
        <Result
          status="success"
          title={<span role="status">{t('deregister.doneTitle')}</span>}
          subTitle={t('deregister.doneText')}
          extra={
            <Button type="primary" onClick={d.leave} data-testid="deregister-to-login">
              {t('deregister.toLogin')}
            </Button>
          }
        />
      ) : null}
    </Card>
  );
}
