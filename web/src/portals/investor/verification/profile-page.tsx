import { Card, Descriptions, Space, Spin, Tag } from 'antd';
import { Button } from '../../../ui/button.tsx';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { ErrorAlert } from '../../../ui/desktop/error-alert.tsx';
import { toApiError } from '../../../ui/errors.ts';
import { useStanding } from '../../../domains/verification/api.ts';

/** On 用户中心 → 用户资料: real-name status with “去实名”, and the bound unified accounts. */
export function RealNameCard() {
  const { t } = useTranslation('verification');
  const navigate = useNavigate();
  const standing = useStanding();
  if (standing.isPending) return <Spin />;
  if (!standing.data) return <ErrorAlert error={toApiError(standing.error)} />;
  const s = standing.data;
  return (
    <Card title={t('profile.realName')} data-testid="profile-real-name-card">
      <Descriptions column={1} bordered size="small">
        <Descriptions.Item label={t('profile.realName')}>
          {s.verified ? (
            <Tag color="success" data-testid="profile-real-name">
              {t('status.verified')}
            </Tag>
          ) : (
            <Space>
              <Tag color="warning" data-testid="profile-real-name">
                {t('status.unverified')}
              </Tag>
              <Button type="link" onClick={() => navigate('/real-name')} data-testid="go-real-name">
                {t('status.goRealName')}
              </Button>
            </Space>
          )}
        </Descriptions.Item>
        {s.verifiedIdentity ? (
          <>
            <Descriptions.Item label={t('profile.name')}>{s.verifiedIdentity.name}</Descriptions.Item>
            <Descriptions.Item label={t('profile.idType')}>{t(`idTypes.${s.verifiedIdentity.idType}`)}</Descriptions.Item>
            <Descriptions.Item label={t('profile.idNumber')}>{s.verifiedIdentity.idNumberMasked}</Descriptions.Item>
          </>
        ) : null}
        <Descriptions.Item label={t('profile.boundAccounts')}>
          <span data-testid="profile-bound">{s.boundUnifiedAccounts.map((b) => b.unifiedAccountNumber).join('、') || t('profile.none')}</span>
          {s.verified && !s.bound ? (
            <Button type="link" onClick={() => navigate('/binding/quick')} data-testid="profile-quick-bind">
              {t('home.quickBind')}
            </Button>
          ) : null}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
