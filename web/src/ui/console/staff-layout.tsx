/** The frame of a staff console: organisation, user and roles on top, the permitted pages on the left. */
import { HomeOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Layout, Menu, Space, Typography, theme } from 'antd';
import { Button } from '../button.tsx';
import { Link, Outlet, useLocation } from 'react-router-dom';
import type { StaffPrincipal } from '../../api/session.ts';
import { LanguageSwitcher } from '../desktop/language-switcher.tsx';
import { useConsoleRoot } from './console-root.ts';
import { useTranslation } from 'react-i18next';
import type { StaffPage } from './pages.ts';
import { RoleTags } from './roles.tsx';
import { useSignOut } from './use-sign-out.ts';

interface Props {
  principal: StaffPrincipal;
  portalTitle: string;
  pages: readonly StaffPage[];
}

export function StaffLayout({ principal, portalTitle, pages }: Props) {
  const { t } = useTranslation('staff');
  const { token } = theme.useToken();
  const root = useConsoleRoot();
  const { pathname } = useLocation();
  const signOut = useSignOut();

  const home = `${root}/`;
  const items = [
    {
      key: home,
      icon: <HomeOutlined />,
      label: (
        <Link to={home} data-testid="menu-home">
          {t('menu.home')}
        </Link>
      ),
    },
    ...pages.map((page) => ({
      key: `${root}/${page.path}`,
      icon: page.icon,
      label: (
        <Link to={`${root}/${page.path}`} data-testid={`menu-${page.path}`}>
          {t(page.labelKey)}
        </Link>
      ),
    })),
  ];
  const current = items.find((item) => item.key !== home && (pathname === item.key || pathname.startsWith(`${item.key}/`)));
  const selectedKey = current?.key ?? (pathname === root || pathname === home ? home : undefined);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={216} breakpoint="lg" collapsedWidth={64} data-testid="staff-sider">
        <div style={{ padding: '20px 16px', color: '#fff' }}>
          <div style={{ fontSize: 18, fontWeight: 600, letterSpacing: 1 }}>Clearhall</div>
          <div style={{ fontSize: 13, opacity: 0.75, marginTop: 4 }} data-testid="staff-portal-title">
            {portalTitle}
          </div>
        </div>
        <Menu theme="dark" mode="inline" items={items} selectedKeys={selectedKey ? [selectedKey] : []} data-testid="staff-menu" />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: token.colorBgContainer,
            padding: '0 24px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
            gap: 16,
          }}
        >
          <Typography.Text strong style={{ fontSize: 16 }} data-testid="staff-organisation">
            {principal.organisation.name}
          </Typography.Text>
          <Space size="middle" align="center">
            <Space size="small" align="center">
              <UserOutlined />
              <Typography.Text data-testid="staff-display-name">{principal.displayName}</Typography.Text>
            </Space>
            <RoleTags roles={principal.roles} testId="staff-roles" />
            <LanguageSwitcher />
            <Button icon={<LogoutOutlined />} loading={signOut.isPending} onClick={() => signOut.mutate()} data-testid="staff-logout">
              {t('layout.logout')}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
