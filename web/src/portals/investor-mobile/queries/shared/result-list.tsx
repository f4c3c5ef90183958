import { Card, Empty, SpinLoading } from 'antd-mobile';
import { Button } from '../../../../ui/mobile/button.tsx';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../../../ui/mobile/error-notice.tsx';
import { toApiError } from '../../../../ui/errors.ts';
import type { Paged } from '../../../../domains/queries/api.ts';

interface Props<T> {
  result: { data?: Paged<T>; error: unknown; isFetching: boolean; isError: boolean };
  submitted: boolean;
  emptyText: string;
  renderItem: (item: T) => ReactNode;
  keyOf: (item: T) => string;
  onPage: (page: number) => void;
  testId: string;
}

/** The result of a mobile query: one card per row, paged, with an empty state that says why. */
export function MobileResultList<T>({ result, submitted, emptyText, renderItem, keyOf, onPage, testId }: Props<T>) {
  const { t } = useTranslation('queries');
  if (result.isError) return <ErrorNotice error={toApiError(result.error)} />;
  if (!submitted) return <Empty description={<span data-testid="query-empty">{t('empty.idle')}</span>} />;
  if (!result.data) return <SpinLoading style={{ margin: '24px auto' }} />;
  const { items, page, pageSize, total } = result.data;
  if (!items.length) return <Empty description={<span data-testid="query-empty">{emptyText}</span>} />;
  const pages = Math.ceil(total / pageSize);
  return (
    <div data-testid={testId}>
      {items.map((item) => (
        <Card key={keyOf(item)} className="ch-m-inset" data-testid={`${testId}-row`} style={{ marginBottom: 8 }}>
          {renderItem(item)}
        </Card>
      ))}
      {pages > 1 ? (
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', padding: '8px 12px' }}>
          <Button size="small" disabled={page <= 1} onClick={() => onPage(page - 1)}>
            ‹
          </Button>
          <span>{`${page} / ${pages} · ${t('table.total', { total })}`}</span>
          <Button size="small" disabled={page >= pages} onClick={() => onPage(page + 1)}>
            ›
          </Button>
        </div>
      ) : null}
    </div>
  );
}

/** Label–value lines inside a result card. */
export function Fields({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl style={{ display: 'grid', gridTemplateColumns: 'auto 1fr', gap: '4px 12px', margin: 0, fontSize: 14 }}>
      {rows.map(([label, value]) => (
        <div key={label} style={{ display: 'contents' }}>
          <dt style={{ color: '#666666' }}>{label}</dt>
          <dd style={{ margin: 0, textAlign: 'right' }}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
