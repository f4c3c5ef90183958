import { Card, Spin, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../ui/desktop/error-alert.tsx';
import { toApiError } from '../../../ui/errors.ts';
import { useDocumentTitle } from '../../../ui/portal.tsx';
import { useMyUnifiedAccounts } from '../verification/api.ts';

/** 我的一码通 (manual 000 §一.2.2.1): the securities accounts under the bound unified accounts, numbers masked. */
export function MyAccountPage() {
  const { t } = useTranslation('verification');
  useDocumentTitle(t('query.myAccountTitle'));
  const accounts = useMyUnifiedAccounts(true);
  if (accounts.isPending) return <Spin />;
  if (!accounts.data) return <ErrorAlert error={toApiError(accounts.error)} />;
  return (
    <Card title={t('query.myAccountTitle')} data-testid="my-account-page">
      {accounts.data.items.map((u) => (
        <div key={u.unifiedAccountNumber} style={{ marginBottom: 24 }}>
          <Typography.Title level={5}>
            {t('query.unifiedAccount')}：<span data-testid="my-unified-account">{u.unifiedAccountNumber}</span>
          </Typography.Title>
          <Table
            size="small"
            rowKey="numberMasked"
            pagination={false}
            dataSource={u.securitiesAccounts}
            columns={[
              { title: t('query.securitiesAccount'), dataIndex: 'numberMasked' },
              { title: t('query.market'), dataIndex: 'market', render: (m: string) => t(`query.markets.${m}`, { defaultValue: m }) },
              { title: t('query.kind'), dataIndex: 'kind', render: (k: string) => t(`query.kinds.${k}`, { defaultValue: k }) },
              { title: t('query.status'), dataIndex: 'status', render: (s: string) => t(`query.statuses.${s}`, { defaultValue: s }) },
              { title: t('query.agent'), dataIndex: 'openingAgent' },
              { title: t('query.openedOn'), dataIndex: 'openedOn' },
            ]}
          />
        </div>
      ))}
    </Card>
  );
}
