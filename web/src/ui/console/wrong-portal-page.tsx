/** A signed-in person who does not belong in this console: say so and offer to sign out. */
import { LogoutOutlined } from '@ant-design/icons';
import { Result } from 'antd';
import { Button } from '../button.tsx';
import type { Principal } from '../../api/session.ts';
import { useTranslation } from 'react-i18next';
import { useSignOut } from './use-sign-out.ts';

export function WrongPortalPage({ principal, portalTitle }: { principal: Principal; portalTitle: string }) {
  const { t } = useTranslation('staff');
  const signOut = useSignOut();
  const description =
    principal.kind === 'staff'
      ? t('wrongPortal.description', {
          orgKind: t(`orgKind.${principal.organisation.kind}`),
          orgName: principal.organisation.name,
          portal: portalTitle,
        })
      : t('wrongPortal.investor', { portal: portalTitle });
  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center' }} data-testid="staff-wrong-portal">
      <Result
        status="warning"
        title={t('wrongPortal.title')}
        subTitle={description}
        extra={
          <Button type="primary" icon={<LogoutOutlined />} loading={signOut.isPending} onClick={() => signOut.mutate()} data-testid="staff-logout">
            {t('layout.logout')}
          </Button>
        }
      />
    </div>
  );
}
