import type { TableColumnType } from 'antd';
import { formatMoney, formatOptionalQuantity } from '../figures.ts';

/** Figures in tables: right-aligned, in digits of one width, on one line. */
const figures = { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const;

/** A column of share quantities: `1,500`; an absent one `—`. */
export function quantityColumn<T>(title: string, key: keyof T & string): TableColumnType<T> {
  return { title, key, dataIndex: key, align: 'right', render: (value: string | null) => <span style={figures}>{formatOptionalQuantity(value)}</span> };
}

/** A column of amounts in yuan, to the fen: `1,234.50`. */
export function moneyColumn<T>(title: string, key: keyof T & string): TableColumnType<T> {
  return { title, key, dataIndex: key, align: 'right', render: (value: string) => <span style={figures}>{formatMoney(value)}</span> };
}
