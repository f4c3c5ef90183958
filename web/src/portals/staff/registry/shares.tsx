/** Share quantities in tables: grouped by thousands, right-aligned, in figures of one width. */
import { Typography } from 'antd';
import { formatShares, formatSignedShares, isNegativeShares } from './format.ts';

const figures = { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const;

export function Shares({ value }: { value: string }) {
  return <span style={figures}>{formatShares(value)}</span>;
}

/** A change: `+400` or, in red, `-400`. */
export function SignedShares({ value }: { value: string }) {
  return (
    <Typography.Text type={isNegativeShares(value) ? 'danger' : undefined} style={figures}>
      {formatSignedShares(value)}
    </Typography.Text>
  );
}

/** Column settings for a quantity column of an antd Table. */
export function sharesColumn<T>(title: string, key: keyof T & string, width?: number) {
  return {
    title,
    key,
    dataIndex: key,
    align: 'right' as const,
    width,
    render: (value: string) => <Shares value={value} />,
  };
}
