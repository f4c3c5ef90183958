/** The tables of the consoles: the request's error above, rows findable by browser tests, and server-side paging. */
import { Table, type TablePaginationConfig, type TableProps } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../desktop/error-alert.tsx';
import { toApiError } from '../errors.ts';
import { rowTestId } from './test-ids.ts';

type Props<Row> = Omit<TableProps<Row>, 'onRow'> & {
  /** The failure of the request behind the rows, shown above the table. */
  error: unknown;
  errorTestId: string;
  /** `data-testid` of a row. */
  testIdOf: (row: Row) => string;
  /** When given: after a failure, no rows and this text where they would be (rather than the rows of before). */
  failedText?: string;
};

export function ConsoleTable<Row extends object>({ error, errorTestId, testIdOf, failedText, size = 'middle', dataSource, locale, ...table }: Props<Row>) {
  const failed = Boolean(error) && failedText !== undefined;
  const wrapper = useRef<HTMLDivElement>(null);
  // A table wider than the page scrolls sideways: keyboard users must be able to reach that scrolling
  // region too (WCAG 2.1.1), and antd gives it no tab stop.
  useEffect(() => {
    for (const region of wrapper.current?.querySelectorAll<HTMLElement>('.ant-table-content, .ant-table-body') ?? []) {
      if (region.scrollWidth > region.clientWidth) region.tabIndex = 0;
      else region.removeAttribute('tabindex');
    }
  });
  return (
    <div ref={wrapper}>
      <ErrorAlert error={error ? toApiError(error) : null} testId={errorTestId} />
      <Table<Row> size={size} onRow={(row) => rowTestId(testIdOf(row))} dataSource={failed ? [] : dataSource} locale={failed ? { ...locale, emptyText: failedText } : locale} {...table} />
    </div>
  );
}

export interface Paging {
  page: number;
  pageSize: number;
}

/** The page a list shows, and the table's pagination for a total; a new page size starts again at page 1. */
export function usePaging(pageSize: number, pageSizeOptions: number[] = [20, 50, 100]) {
  const { t } = useTranslation('staff');
  const [paging, setPaging] = useState<Paging>({ page: 1, pageSize });
  const pagination = (total: number | undefined): TablePaginationConfig => ({
    current: paging.page,
    pageSize: paging.pageSize,
    total: total ?? 0,
    showSizeChanger: true,
    pageSizeOptions,
    showTotal: (count) => t('common.total', { total: count }),
    onChange: (current, size) => setPaging({ page: size === paging.pageSize ? current : 1, pageSize: size }),
  });
  /** A ConsoleTable's rows, error and pagination from the query of the current page. */
  const pageOf = <Row,>(query: { error: unknown; data?: { items: Row[]; total: number } }) => ({
    error: query.error,
    dataSource: query.data?.items ?? [],
    pagination: pagination(query.data?.total),
  });
  return { paging, pageOf, toFirstPage: () => setPaging((current) => ({ ...current, page: 1 })) };
}
