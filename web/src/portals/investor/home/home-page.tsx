import { Card, Descriptions, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../../ui/portal.tsx';
import { useInvestor } from '../../../domains/session/use-investor.ts';
import { HomeVerificationCards } from '../verification/home-cards.tsx';

/** 网上营业厅首页: a welcome and the account as the hall knows it. */
export function HomePage() {
  const { t } = useTranslation('investor');
  useDocumentTitle(t('hall.name'));
  const { investor } = useInvestor();
  if (!investor) return null;
  const notSet = t('home.notSet');
  return (
    <>
      <Card className="ih-welcome" data-testid="home-welcome" style={{ marginBottom: 24 }}>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('home.welcome')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('home.intro')}
        </Typography.Paragraph>
      </Card>
      <HomeVerificationCards />
      <Card title={t('home.account')} data-testid="home-account">
        <Descriptions column={1} labelStyle={{ width: 160 }}>
          <Descriptions.Item label={t('home.mobile')}>{investor.mobileMasked ?? notSet}</Descriptions.Item>
          <Descriptions.Item label={t('home.email')}>{investor.emailMasked ?? notSet}</Descriptions.Item>
          <Descriptions.Item label={t('home.username')}>{investor.username ?? notSet}</Descriptions.Item>
          <Descriptions.Item label={t('home.realName')}>{investor.realNameVerified ? <Tag color="success">{t('status.verified')}</Tag> : <Tag color="warning">{t('status.unverified')}</Tag>}</Descriptions.Item>
        </Descriptions>
      </Card>
    </>
  );
}
