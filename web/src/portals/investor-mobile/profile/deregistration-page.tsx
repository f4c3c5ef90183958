import { Checkbox, Dialog, Result } from 'antd-mobile';
import { Button } from '../../../ui/mobile/button.tsx';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../../ui/mobile/error-notice.tsx';
import { useDeregistration } from '../../../domains/profile/use-deregistration.ts';
import { NOTICE_KEYS } from '../../../domains/profile/deregistration-notice.ts';
import { MobilePage } from '../layout/mobile-page.tsx';
import { MobileVerificationPanel } from '../verification/verification-panel.tsx';

/** 个人基本信息 → 注销用户 (manual 000 §二.2.1.5): 勾选协议, 提交注销申请, 账户注销提示, 同意并继续, 认证, 确认. */
export function MobileDeregistrationPage() {
  const { t } = useTranslation('profile');
  const d = useDeregistration('/m/login', { tickAgreement: true });

  const title = d.step === 'verify' ? t('verify.title') : t('deregister.title');
  return (
    <MobilePage title={title} back={d.step === 'done' ? undefined : '/m/profile'} testId="m-deregistration">
      <ErrorNotice error={d.error} />
      <Dialog
        visible={d.dialogOpen}
        title={t('deregister.dialogTitle')}
        content={t('deregister.dialogText')}
        onClose={d.closeDialog}
        actions={[
          [
            { key: 'cancel', text: t('deregister.cancel'), onClick: d.closeDialog },
            {
              key: 'continue',
              text: t('deregister.continue'),
              bold: true,
              danger: true,
              onClick: () => {
                d.closeDialog();
                d.agreeAndContinue();
              },
            },
          ],
        ]}
      />
      {d.step === 'notice' ? (
        <div className="ch-m-inset">
          <h3>{t('deregister.intro')}</h3>
          {NOTICE_KEYS.map((key) => (
            <p key={key} className="ch-m-hint">
              {t(`deregister.${key}`)}
            </p>
          ))}
          <Checkbox checked={d.agreed} onChange={d.agree} data-testid="deregister-agree" style={{ '--font-size': '14px', margin: '12px 0' }}>
            {t('deregister.agree')}
          </Checkbox>
          {d.agreeError ? (
            <p role="alert" style={{ color: '#cf1322' }}>
              {t('deregister.agreeRequired')}
            </p>
          ) : null}
          <Button block color="danger" size="large" loading={d.busy} onClick={d.submit} data-testid="deregister-submit">
            {t('deregister.submit')}
          </Button>
        </div>
      ) : null}
      {d.step === 'verify' && d.panel ? <MobileVerificationPanel {...d.panel} recommended="user_mobile" /> : null}
      {d.step === 'confirm' ? (
        <div className="ch-m-inset" data-testid="deregister-confirm">
          <p>{t('deregister.confirmText')}</p>
          <Button block color="danger" size="large" loading={d.busy} onClick={d.confirm} data-testid="deregister-confirm-submit">
            {t('deregister.confirmSubmit')}
          </Button>
        </div>
      ) : null}
      {d.step === 'done' ? (
        <div className="ch-m-inset">
          <Result status="success" title={<span role="status">{t('deregister.doneTitle')}</span>} description={t('deregister.doneText')} />
          <Button block color="primary" size="large" onClick={d.leave} style={{ marginTop: 16 }} data-testid="deregister-to-login">
            {t('deregister.toLogin')}
          </Button>
        </div>
      ) : null}
    </MobilePage>
  );
}
