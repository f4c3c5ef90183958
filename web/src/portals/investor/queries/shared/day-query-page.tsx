import { Card, type TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../../../ui/portal.tsx';
import { beijingToday, type AccountFilter, type CertificateKind } from '../../../../domains/queries/api.ts';
import { useAccountQuery } from '../../../../domains/queries/use-account-query.ts';
import { CertificateButton } from './certificate-button.tsx';
import { DateItem, QueryForm } from './query-form.tsx';
import { QueryTable } from './query-table.tsx';

type Values = AccountFilter & { date: string };

interface Props<Row> {
  /** the query, its texts (`<kind>.title`, `empty.<kind>`) and its test ids (`<kind>-page`, `-form`, `-table`) */
  kind: 'holdings' | 'freezes';
  certificate: CertificateKind;
  rowKey: keyof Row & string;
  /** the table's columns, in the words of the current language */
  columns: (t: TFunction<'queries'>) => TableColumnsType<Row>;
}

/** A query of one account at the end of one date (持有余额, 冻结情况): the filter with the date, the paged table and the certificate button. */
export function DayQueryPage<Row extends object>({ kind, certificate, rowKey, columns }: Props<Row>) {
  const { t } = useTranslation('queries');
  useDocumentTitle(t(`${kind}.title`));
  const query = useAccountQuery<Row, Values>(kind);
  const s = query.submitted;
  return (
    <Card title={t(`${kind}.title`)} extra={<CertificateButton kind={certificate} filter={s} dates={s ? { date: s.date } : null} />} data-testid={`${kind}-page`}>
      <QueryForm<Values> initial={{ date: beijingToday() }} onSubmit={query.submit} testId={`${kind}-form`}>
        <DateItem name="date" label={t('filter.date')} testId="filter-date" />
      </QueryForm>
      <QueryTable<Row> testId={`${kind}-table`} {...query.list} rowKey={rowKey} emptyText={t(`empty.${kind}`)} columns={columns(t)} />
    </Card>
  );
}
