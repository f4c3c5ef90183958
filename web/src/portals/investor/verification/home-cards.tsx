import { Card, Col, Row, Typography } from 'antd';
import { Button } from '../../../ui/button.tsx';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useStanding } from '../../../domains/verification/api.ts';
import { QUERY_ENTRIES } from '../queries/routes.tsx';

/**
 * On the hall's home page: “登录并完善客户资料” (real-name, then 快捷绑定一码通)
 * while the investor is not bound, and the 常用功能 query entries.
 */
export function HomeVerificationCards() {
  const { t } = useTranslation(['verification', 'certificates']);
  const navigate = useNavigate();
  const standing = useStanding();
  const s = standing.data;
  return (
    <>
      {s && !s.bound ? (
        <Card style={{ marginBottom: 24 }} data-testid="home-complete-profile">
          <Typography.Paragraph>{t('home.completeProfileHint')}</Typography.Paragraph>
          {s.verified ? (
            <Button type="primary" onClick={() => navigate('/binding/quick')} data-testid="home-quick-bind">
              {t('home.quickBind')}
            </Button>
          ) : (
            <Button type="primary" onClick={() => navigate('/real-name')} data-testid="home-complete">
              {t('home.completeProfile')}
            </Button>
          )}
        </Card>
      ) : null}
      <Card title={t('home.common')} style={{ marginBottom: 24 }} data-testid="home-common">
        <Row gutter={[16, 16]}>
          {QUERY_ENTRIES.filter((e) => e.tile).map((e) => (
            <Col span={6} key={e.path}>
              <Button block size="large" onClick={() => navigate(e.path)} data-testid={`entry-${e.testId}`}>
                {t(e.label)}
              </Button>
            </Col>
          ))}
          <Col span={6}>
            <Button block size="large" onClick={() => navigate('/never-opened-proof')} data-testid="entry-never-opened-proof">
              {t('certificates:proof.title')}
            </Button>
          </Col>
        </Row>
      </Card>
    </>
  );
}
