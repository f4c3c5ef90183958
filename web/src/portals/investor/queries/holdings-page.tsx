import type { TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import type { Position } from '../../../domains/queries/api.ts';
import { DayQueryPage } from './shared/day-query-page.tsx';
import { quantityColumn } from '../../../ui/desktop/figure-columns.tsx';

/** 证券持有余额 (manual 000 §一.2.2.2): positions of an account at the end of a date, by category. */
export function HoldingsPage() {
  return <DayQueryPage<Position> kind="holdings" certificate="holding_balance" rowKey="code" columns={holdingColumns} />;
}

function holdingColumns(t: TFunction<'queries'>): TableColumnsType<Position> {
  return [
    { title: t('holdings.code'), dataIndex: 'code' },
    { title: t('holdings.name'), dataIndex: 'name' },
    quantityColumn<Position>(t('holdings.total'), 'total'),
    quantityColumn<Position>(t('holdings.tradable'), 'tradable'),
    quantityColumn<Position>(t('holdings.restricted'), 'restricted'),
    quantityColumn<Position>(t('holdings.frozen'), 'frozen'),
    quantityColumn<Position>(t('holdings.pledged'), 'pledged'),
  ];
}
