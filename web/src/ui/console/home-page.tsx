/** The console's home: who is signed in, for which organisation, with which roles. */
import { Card, Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { allowedPages, type StaffPage } from './pages.ts';
import { useStaffPrincipal } from './principal.ts';
import { RoleTags } from './roles.tsx';

export function StaffHomePage({ pages }: { pages: readonly StaffPage[] }) {
  const { t } = useTranslation('staff');
  const principal = useStaffPrincipal();
  const available = allowedPages(pages, principal.permissions);
  return (
    <Card data-testid="staff-home">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('home.welcome', { name: principal.displayName })}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{available.length > 0 ? t('home.pagesHint') : t('home.noPages')}</Typography.Paragraph>
      <Descriptions title={t('home.profile')} bordered column={1} size="middle" styles={{ label: { width: 180 } }}>
        <Descriptions.Item label={t('home.username')}>
          <span data-testid="home-username">{principal.username}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('home.displayName')}>
          <span data-testid="home-display-name">{principal.displayName}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('home.organisation')}>
          <span data-testid="home-organisation">{principal.organisation.name}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('home.organisationKind')}>{t(`orgKind.${principal.organisation.kind}`)}</Descriptions.Item>
        <Descriptions.Item label={t('home.organisationCode')}>{principal.organisation.code}</Descriptions.Item>
        <Descriptions.Item label={t('home.roles')}>
          <RoleTags roles={principal.roles} testId="home-roles" />
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
