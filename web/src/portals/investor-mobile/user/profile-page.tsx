import { useQueryClient } from '@tanstack/react-query';
import { Avatar, List, Toast } from 'antd-mobile';
import { Button } from '../../../ui/mobile/button.tsx';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { logout } from '../../../api/session.ts';
import { toApiError } from '../../../ui/errors.ts';
import { displayName, useInvestor } from '../../../domains/session/use-investor.ts';
import { MobilePage } from '../layout/mobile-page.tsx';

/** 个人基本信息 (manual 000 §二.2.1.2–3). */
export function MobileProfilePage() {
  const { t } = useTranslation('investor');
  const { t: tv } = useTranslation('verification');
  const { investor } = useInvestor();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [leaving, setLeaving] = useState(false);
  if (!investor) return null;
  const notSet = t('home.notSet');

  const signOut = async () => {
    setLeaving(true);
    try {
      await logout(queryClient);
    } catch (error) {
      Toast.show({ content: toApiError(error).message });
    }
    navigate('/m/login', { replace: true });
  };

  return (
    <MobilePage title={t('mobile.profileTitle')} back="/m/" testId="m-profile">
      <List mode="card">
        <List.Item prefix={<Avatar src="" style={{ '--size': '44px', '--border-radius': '50%' }} />} description={investor.realNameVerified ? t('status.verified') : t('status.unverified')}>
          {displayName(investor)}
        </List.Item>
      </List>
      <List mode="card">
        <List.Item extra={<span data-testid="profile-mobile">{investor.mobileMasked ?? notSet}</span>} onClick={() => navigate('/m/mobile')} data-testid="open-mobile">
          {t('profile:profile.mobileItem')}
        </List.Item>
        <List.Item extra={<span data-testid="profile-email">{investor.emailMasked ?? notSet}</span>} onClick={() => navigate('/m/email')} data-testid="open-email">
          {t('home.email')}
        </List.Item>
        {investor.username ? <List.Item extra={investor.username}>{t('home.username')}</List.Item> : null}
        <List.Item extra={<span data-testid="real-name-status">{investor.realNameVerified ? t('status.verified') : t('status.unverified')}</span>}>{t('home.realName')}</List.Item>
      </List>
      <List mode="card">
        <List.Item onClick={() => navigate('/m/real-name')} data-testid="open-real-name">
          {tv('myVerification')}
        </List.Item>
        <List.Item onClick={() => navigate('/m/password')} data-testid="open-password">
          {t('mobile.changePassword')}
        </List.Item>
        <List.Item onClick={() => navigate('/m/deregister')} data-testid="open-deregister">
          {t('profile:profile.deregister')}
        </List.Item>
      </List>
      <div style={{ padding: '0 12px' }}>
        <Button block color="danger" fill="outline" size="large" loading={leaving} onClick={() => void signOut()} data-testid="logout">
          {t('nav.logout')}
        </Button>
      </div>
    </MobilePage>
  );
}
