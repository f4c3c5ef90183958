import { UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Avatar, Menu, Tag, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { logout } from '../../../api/session.ts';
import { LanguageSwitcher } from '../../../ui/desktop/language-switcher.tsx';
import { toApiError } from '../../../ui/errors.ts';
import { displayName, useInvestor } from '../../../domains/session/use-investor.ts';
import { queryMenuItems } from '../queries/routes.tsx';

/** The signed-in hall: header with the menu and the user, then the page. */
export function HallLayout() {
  const { t } = useTranslation('investor');
  const { t: tv } = useTranslation('verification');
  const { investor } = useInvestor();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();

  const signOut = async () => {
    try {
      await logout(queryClient);
    } catch (error) {
      void message.error(toApiError(error).message);
    }
    navigate('/login', { replace: true });
  };

  const items: MenuProps['items'] = [
    { key: '/', label: <span data-testid="nav-home">{t('nav.home')}</span> },
    {
      key: 'query',
      label: <span data-testid="nav-query">{tv('nav.query')}</span>,
      children: queryMenuItems(t),
    },
    {
      key: 'user',
      label: <span data-testid="nav-user-centre">{t('nav.userCentre')}</span>,
      children: [
        { key: '/user/profile', label: <span data-testid="nav-profile">{t('profile:nav.profile')}</span> },
        { key: '/user/password', label: <span data-testid="nav-password">{t('nav.password')}</span> },
        { key: '/user/mobile', label: <span data-testid="nav-mobile">{t('profile:nav.mobile')}</span> },
        { key: '/user/email', label: <span data-testid="nav-email">{t('profile:nav.email')}</span> },
        { key: '/user/notifications', label: <span data-testid="nav-notifications">{t('profile:nav.notifications')}</span> },
        { key: '/user/authorisations', label: <span data-testid="nav-authorisations">{t('event-queries:nav.authorisations')}</span> },
        { key: 'logout', label: <span data-testid="nav-logout">{t('nav.logout')}</span> },
      ],
    },
  ];

  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'logout') void signOut();
    else navigate(key);
  };

  return (
    <div className="ih-page">
      <header className="ih-header">
        <Link to="/" className="ih-brand">
          <span className="ih-logo" aria-hidden="true" />
          <span className="ih-brand-text">{t('hall.name')}</span>
        </Link>
        <Menu mode="horizontal" className="ih-header-menu" items={items} selectedKeys={[location.pathname]} onClick={onClick} />
        <div className="ih-header-right">
          {investor ? (
            <span className="ih-user" data-testid="hall-user">
              <Avatar size="small" icon={<UserOutlined />} style={{ background: '#1d4f91' }} />
              <span data-testid="hall-user-name">{displayName(investor)}</span>
              {investor.realNameVerified ? (
                <Tag color="success" data-testid="real-name-status">
                  {t('status.verified')}
                </Tag>
              ) : (
                <Tag color="warning" data-testid="real-name-status" style={{ cursor: 'pointer' }} onClick={() => navigate('/real-name')}>
                  {t('status.unverified')}
                </Tag>
              )}
            </span>
          ) : null}
          <LanguageSwitcher />
        </div>
      </header>
      <main className="ih-content">
        <Outlet />
      </main>
      <footer className="ih-footer">{t('hall.footer')}</footer>
    </div>
  );
}
