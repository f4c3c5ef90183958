import { Empty, Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../../ui/desktop/error-alert.tsx';
import { toApiError } from '../../../../ui/errors.ts';
import type { Paged } from '../../../../domains/queries/api.ts';

interface Props<T> {
  result: { data?: Paged<T>; error: unknown; isFetching: boolean; isError: boolean };
  columns: TableColumnsType<T>;
  rowKey: keyof T & string;
  /** why the table is empty, in the page's words ("该日期无持有记录") */
  emptyText: string;
  /** shown before the first 查询 */
  idleText?: string;
  submitted: boolean;
  onPage: (page: number, pageSize: number) => void;
  testId: string;
}

/** The result of a query: paged in the server, with an empty state that says why. */
export function QueryTable<T extends object>({ result, columns, rowKey, emptyText, idleText, submitted, onPage, testId }: Props<T>) {
  const { t } = useTranslation('queries');
  if (result.isError) return <ErrorAlert error={toApiError(result.error)} />;
  return (
    <Table<T>
      size="middle"
      rowKey={rowKey}
      columns={columns}
      loading={result.isFetching}
      dataSource={result.data?.items ?? []}
      scroll={{ x: 'max-content' }}
      data-testid={testId}
      locale={{ emptyText: <Empty description={<span data-testid="query-empty">{submitted ? emptyText : (idleText ?? t('empty.idle'))}</span>} /> }}
      pagination={
        result.data && result.data.total > result.data.pageSize
          ? { current: result.data.page, pageSize: result.data.pageSize, total: result.data.total, showSizeChanger: false, onChange: onPage, showTotal: (total) => t('table.total', { total }) }
          : false
      }
    />
  );
}
