import { Alert, Card, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { StepLineChart } from '../../../ui/line-chart.tsx';
import { useDocumentTitle } from '../../../ui/portal.tsx';
import { beijingToday, daysBefore, type AccountFilter, type Change } from '../../../domains/queries/api.ts';
import { CertificateButton } from './shared/certificate-button.tsx';
import { DateItem, QueryForm } from './shared/query-form.tsx';
import { QueryTable } from './shared/query-table.tsx';
import { useAccountQuery, useHoldingChart } from '../../../domains/queries/use-account-query.ts';
import { useLocalName } from '../../../ui/local-name.ts';
import { quantityColumn } from '../../../ui/desktop/figure-columns.tsx';

type Values = AccountFilter & { from: string; to: string };

/** 证券持有变更 (manual 000 §一.2.2.3): the journal of an account over a period, and the balance of one security as a chart. */
export function ChangesPage() {
  const { t } = useTranslation('queries');
  const name = useLocalName();
  useDocumentTitle(t('changes.title'));
  const query = useAccountQuery<Change, Values>('changes');
  const s = query.submitted;
  const today = beijingToday();
  return (
    <Card title={t('changes.title')} extra={<CertificateButton kind="holding_changes" filter={s} dates={s ? { from: s.from, to: s.to } : null} />} data-testid="changes-page">
      <QueryForm<Values> initial={{ from: daysBefore(today, 364), to: today }} onSubmit={query.submit} testId="changes-form">
        <DateItem name="from" label={t('filter.from')} testId="filter-from" />
        <DateItem name="to" label={t('filter.to')} testId="filter-to" />
      </QueryForm>
      <Typography.Paragraph type="secondary">{t('filter.rangeHint')}</Typography.Paragraph>
      <QueryTable<Change>
        testId="changes-table"
        {...query.list}
        rowKey="id"
        emptyText={t('empty.changes')}
        columns={[
          { title: t('changes.date'), dataIndex: 'date' },
          { title: t('changes.code'), dataIndex: 'code' },
          { title: t('changes.name'), dataIndex: 'name' },
          { title: t('changes.businessType'), key: 'type', render: (_: unknown, c: Change) => name(c, 'businessType') },
          { title: t('changes.category'), dataIndex: 'category', render: (v: string) => t(`changes.categories.${v}`, { defaultValue: v }) },
          quantityColumn<Change>(t('changes.quantity'), 'quantity'),
          quantityColumn<Change>(t('changes.balanceAfter'), 'balanceAfter'),
        ]}
      />
      {s && query.result.data?.items.length ? <HoldingChart filter={s} securities={query.result.data.items} /> : null}
    </Card>
  );
}

/** The balance of one security of the result over the queried period. */
function HoldingChart({ filter, securities }: { filter: Values; securities: Change[] }) {
  const { t } = useTranslation('queries');
  const { codes, code, choose: setChosen, history } = useHoldingChart(filter, securities);
  return (
    <div style={{ marginTop: 24 }} data-testid="holding-chart">
      <Space style={{ marginBottom: 8 }} wrap>
        <Typography.Text strong>{t('changes.chartTitle')}</Typography.Text>
        <Select value={code} onChange={setChosen} style={{ minWidth: 200 }} aria-label={t('changes.chartSecurity')} options={codes.map(([c, name]) => ({ value: c, label: `${c} ${name}` }))} />
        <Typography.Text type="secondary">{t('changes.chartHint')}</Typography.Text>
      </Space>
      {history.data?.truncated ? <Alert type="info" showIcon message={t('changes.chartTruncated')} style={{ marginBottom: 8 }} /> : null}
      {history.data ? (
        <StepLineChart
          testId="holding-chart-svg"
          title={`${t('changes.chartTitle')} ${history.data.code} ${history.data.name}`}
          until={filter.to}
          points={history.data.points.map((p) => ({ date: p.date, value: p.balance }))}
        />
      ) : null}
    </div>
  );
}
