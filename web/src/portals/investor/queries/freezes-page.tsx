import { Tag, type TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import type { Freeze } from '../../../domains/queries/api.ts';
import { DayQueryPage } from './shared/day-query-page.tsx';
import { quantityColumn } from '../../../ui/desktop/figure-columns.tsx';

/** 证券冻结情况 (manual 000 §一.2.2.4): freezes in force and waiting (轮候冻结) at the end of a date. */
export function FreezesPage() {
  return <DayQueryPage<Freeze> kind="freezes" certificate="freezes" rowKey="id" columns={freezeColumns} />;
}

function freezeColumns(t: TFunction<'queries'>): TableColumnsType<Freeze> {
  return [
    { title: t('freezes.code'), dataIndex: 'code' },
    { title: t('freezes.name'), dataIndex: 'name' },
    { title: t('freezes.state'), dataIndex: 'state', render: (v: Freeze['state']) => <Tag color={v === 'active' ? 'red' : 'orange'}>{t(`freezes.states.${v}`)}</Tag> },
    { title: t('freezes.authority'), dataIndex: 'authority' },
    { title: t('freezes.caseNumber'), dataIndex: 'caseNumber' },
    quantityColumn<Freeze>(t('freezes.quantity'), 'quantity'),
    quantityColumn<Freeze>(t('freezes.frozenQuantity'), 'frozenQuantity'),
    { title: t('freezes.queueNo'), dataIndex: 'queueNo' },
    { title: t('freezes.period'), key: 'period', render: (_: unknown, f: Freeze) => (f.startOn ? `${f.startOn} ~ ${f.endOn ?? ''}` : '—') },
  ];
}
