import { Card, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../../ui/portal.tsx';
import { beijingToday, type AccountFilter, type Freeze } from '../../../domains/queries/api.ts';
import { CertificateButton } from './shared/certificate-button.tsx';
import { DateItem, QueryForm } from './shared/query-form.tsx';
import { QueryTable } from './shared/query-table.tsx';
import { useAccountQuery } from '../../../domains/queries/use-account-query.ts';

type Values = AccountFilter & { date: string };

/** 证券冻结情况 (manual 000 §一.2.2.4): freezes in force and waiting (轮候冻结) at the end of a date. */
export function FreezesPage() {
  const { t } = useTranslation('queries');
  useDocumentTitle(t('freezes.title'));
  const query = useAccountQuery<Freeze, Values>('freezes');
  const s = query.submitted;
  return (
    <Card title={t('freezes.title')} extra={<CertificateButton kind="freezes" filter={s} dates={s ? { date: s.date } : null} />} data-testid="freezes-page">
      <QueryForm<Values> initial={{ date: beijingToday() }} onSubmit={query.submit} testId="freezes-form">
        <DateItem name="date" label={t('filter.date')} testId="filter-date" />
      </QueryForm>
      <QueryTable<Freeze>
        testId="freezes-table"
        {...query.list}
        rowKey="id"
        emptyText={t('empty.freezes')}
        columns={[
          { title: t('freezes.code'), dataIndex: 'code' },
          { title: t('freezes.name'), dataIndex: 'name' },
          { title: t('freezes.state'), dataIndex: 'state', render: (v: Freeze['state']) => <Tag color={v === 'active' ? 'red' : 'orange'}>{t(`freezes.states.${v}`)}</Tag> },
          { title: t('freezes.authority'), dataIndex: 'authority' },
          { title: t('freezes.caseNumber'), dataIndex: 'caseNumber' },
          { title: t('freezes.quantity'), dataIndex: 'quantity', align: 'right' },
          { title: t('freezes.frozenQuantity'), dataIndex: 'frozenQuantity', align: 'right' },
          { title: t('freezes.queueNo'), dataIndex: 'queueNo' },
          { title: t('freezes.period'), key: 'period', render: (_: unknown, f: Freeze) => (f.startOn ? `${f.startOn} ~ ${f.endOn ?? ''}` : '—') },
        ]}
      />
    </Card>
  );
}
