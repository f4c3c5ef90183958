import { Card, Descriptions, Space } from 'antd';
import { Button } from '../../../ui/button.tsx';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useDocumentTitle } from '../../../ui/portal.tsx';
import { useInvestor } from '../../../domains/session/use-investor.ts';
import { RealNameCard } from '../verification/profile-page.tsx';

/** 用户中心 → 用户资料 (manual 000 §一.2.1): who the user is, and 账户与安全. */
export function ProfilePage() {
  const { t } = useTranslation('profile');
  useDocumentTitle(t('profile.title'));
  const { investor } = useInvestor();
  const navigate = useNavigate();
  if (!investor) return null;
  const notSet = t('profile.notSet');
  const action = (has: boolean, path: string, testId: string) => (
    <Button type="link" size="small" onClick={() => navigate(path)} data-testid={testId}>
      {has ? t('profile.change') : t('profile.supplement')}
    </Button>
  );

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%', maxWidth: 760 }} data-testid="profile-page">
      <Card title={t('profile.title')}>
        <Descriptions column={1} bordered size="middle">
          <Descriptions.Item label={t('profile.username')}>{investor.username ?? notSet}</Descriptions.Item>
          <Descriptions.Item label={t('profile.mobile')}>
            <span data-testid="profile-mobile">{investor.mobileMasked ?? notSet}</span> {action(investor.mobileMasked !== null, '/user/mobile', 'profile-mobile-action')}
          </Descriptions.Item>
          <Descriptions.Item label={t('profile.email')}>
            <span data-testid="profile-email">{investor.emailMasked ?? notSet}</span> {action(investor.emailMasked !== null, '/user/email', 'profile-email-action')}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <RealNameCard />
      <Card title={t('profile.security')}>
        <Descriptions column={1} size="middle">
          <Descriptions.Item label={t('profile.loginPassword')}>
            <Button type="link" size="small" onClick={() => navigate('/user/password')}>
              {t('profile.modify')}
            </Button>
          </Descriptions.Item>
          <Descriptions.Item label={t('profile.notifications')}>
            <Button type="link" size="small" onClick={() => navigate('/user/notifications')}>
              {t('profile.modify')}
            </Button>
          </Descriptions.Item>
          <Descriptions.Item label={t('profile.deregisterHint')}>
            <Button type="link" size="small" danger onClick={() => navigate('/user/deregister')} data-testid="profile-deregister">
              {t('profile.deregister')}
            </Button>
          </Descriptions.Item>
        </Descriptions>
      </Card>
    </Space>
  );
}
