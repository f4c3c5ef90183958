/** The authenticator secret of a staff user, shown once: QR code, secret, and how to use them. */
import { Alert, Descriptions, Modal, Typography } from 'antd';
import { Button } from '../../../ui/button.tsx';
import { useTranslation } from 'react-i18next';
import type { TotpEnrolment } from '../../../domains/staff-users/api.ts';

export interface ShownEnrolment {
  reason: 'created' | 'reset';
  user: { username: string; displayName: string };
  totp: TotpEnrolment;
}

export function TotpEnrolmentModal({ enrolment, onClose }: { enrolment: ShownEnrolment | null; onClose: () => void }) {
  const { t } = useTranslation('staff');
  return (
    <Modal
      open={enrolment !== null}
      title={enrolment?.reason === 'reset' ? t('totp.resetTitle') : t('totp.createdTitle')}
      maskClosable={false}
      keyboard={false}
      onCancel={onClose}
      width={560}
      footer={
        <Button type="primary" onClick={onClose} data-testid="totp-done">
          {t('totp.done')}
        </Button>
      }
    >
      {enrolment && (
        <div data-testid="totp-enrolment">
          <Alert type="warning" showIcon message={t('totp.onceWarning')} style={{ marginBottom: 16 }} />
          <Typography.Paragraph>{t('totp.scanNote')}</Typography.Paragraph>
          <div style={{ textAlign: 'center', marginBottom: 16 }}>
            <img src={enrolment.totp.qrDataUrl} alt={t('totp.qrAlt')} width={200} height={200} data-testid="totp-qr" />
          </div>
          <Descriptions column={1} bordered size="small">
            <Descriptions.Item label={t('totp.user')}>{t('common.nameWithCode', { name: enrolment.user.displayName, code: enrolment.user.username })}</Descriptions.Item>
            <Descriptions.Item label={t('totp.secret')}>
              <Typography.Text code copyable={{ text: enrolment.totp.secret }}>
                <span data-testid="totp-secret">{enrolment.totp.secret}</span>
              </Typography.Text>
            </Descriptions.Item>
          </Descriptions>
        </div>
      )}
    </Modal>
  );
}
