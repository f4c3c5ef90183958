import { Avatar, Card, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { displayName, useInvestor } from '../../../domains/session/use-investor.ts';
import { MobilePage } from '../layout/mobile-page.tsx';
import { MobileHomeEntries } from '../verification/pages.tsx';
import { MobileEventEntries } from '../event-queries/pages.tsx';

/** The mobile hall's home: the user at top left (→ 个人基本信息) and a welcome. */
export function MobileHomePage() {
  const { t } = useTranslation('investor');
  const { investor } = useInvestor();
  if (!investor) return null;
  const name = displayName(investor);
  return (
    <MobilePage
      title={t('mobile.hallName')}
      testId="m-home"
      left={
        <Link to="/m/profile" aria-label={t('mobile.profileTitle')} data-testid="open-profile" style={{ display: 'flex', alignItems: 'center', gap: 6, color: 'inherit', textDecoration: 'none' }}>
          <Avatar src="" style={{ '--size': '28px', '--border-radius': '50%' }} />
          <span style={{ fontSize: 13, maxWidth: 96, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{name}</span>
        </Link>
      }
    >
      <Card className="ch-m-inset" title={t('mobile.welcome')} data-testid="home-welcome">
        <p className="ch-m-hint" style={{ margin: 0 }}>
          {t('mobile.homeIntro')}
        </p>
        <div style={{ marginTop: 12, display: 'flex', alignItems: 'center', gap: 8 }}>
          <span>{name}</span>
          <Tag color={investor.realNameVerified ? 'success' : 'warning'} fill="outline" data-testid="real-name-status">
            {investor.realNameVerified ? t('status.verified') : t('status.unverified')}
          </Tag>
        </div>
      </Card>
      <MobileHomeEntries />
      <MobileEventEntries />
    </MobilePage>
  );
}
