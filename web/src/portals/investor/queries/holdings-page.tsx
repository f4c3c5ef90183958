import { Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../../ui/portal.tsx';
import { beijingToday, type AccountFilter, type Position } from '../../../domains/queries/api.ts';
import { CertificateButton } from './shared/certificate-button.tsx';
import { DateItem, QueryForm } from './shared/query-form.tsx';
import { QueryTable } from './shared/query-table.tsx';
import { useAccountQuery } from '../../../domains/queries/use-account-query.ts';

type Values = AccountFilter & { date: string };

/** 证券持有余额 (manual 000 §一.2.2.2): positions of an account at the end of a date, by category. */
export function HoldingsPage() {
  const { t } = useTranslation('queries');
  useDocumentTitle(t('holdings.title'));
  const query = useAccountQuery<Position, Values>('holdings');
  const s = query.submitted;
  return (
    <Card title={t('holdings.title')} extra={<CertificateButton kind="holding_balance" filter={s} dates={s ? { date: s.date } : null} />} data-testid="holdings-page">
      <QueryForm<Values> initial={{ date: beijingToday() }} onSubmit={query.submit} testId="holdings-form">
        <DateItem name="date" label={t('filter.date')} testId="filter-date" />
      </QueryForm>
      <QueryTable<Position>
        testId="holdings-table"
        {...query.list}
        rowKey="code"
        emptyText={t('empty.holdings')}
        columns={[
          { title: t('holdings.code'), dataIndex: 'code' },
          { title: t('holdings.name'), dataIndex: 'name' },
          { title: t('holdings.total'), dataIndex: 'total', align: 'right' },
          { title: t('holdings.tradable'), dataIndex: 'tradable', align: 'right' },
          { title: t('holdings.restricted'), dataIndex: 'restricted', align: 'right' },
          { title: t('holdings.frozen'), dataIndex: 'frozen', align: 'right' },
          { title: t('holdings.pledged'), dataIndex: 'pledged', align: 'right' },
        ]}
      />
    </Card>
  );
}
