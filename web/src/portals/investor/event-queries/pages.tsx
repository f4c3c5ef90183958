import { Alert, Card, DatePicker, Empty, Form, Input, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { Button } from '../../../ui/button.tsx';
import type { Dayjs } from 'dayjs';
import { useState, type ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../ui/desktop/error-alert.tsx';
import { toApiError } from '../../../ui/errors.ts';
import { useDocumentTitle } from '../../../ui/portal.tsx';
import {
  useEventQuery,
  useQueryFilters,
  type Abandonment,
  type Allotment,
  type Authorisation,
  type QueryKind,
  type QueryParams,
  type QueryResults,
  type Signing,
  type TaxLine,
} from '../../../domains/event-queries/api.ts';
import { accountChoiceLabel } from '../../../domains/queries/api.ts';
import { useLocalName } from '../../../ui/local-name.ts';
import { normaliseIdentifier } from '../../../../../server/src/kernel/identifiers.ts';
import { formatQuantity } from '../../../ui/figures.ts';
import { moneyColumn, quantityColumn } from '../../../ui/desktop/figure-columns.tsx';

/**
 * 新股配号中签情况, 股息红利个人所得税, 放弃认购数据, 风险揭示书签署日期 (manual 000
 * §一.2.2.5–8) and 授权管理 (§一.6): a filter row (证券账户, dates where they
 * apply), 查询, a paged table, and an empty state that says why. Wrap in RequireBound.
 */

interface FilterValues {
  account?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
  number?: string;
  business?: string;
  status?: string;
}

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);

function toParams(values: FilterValues): QueryParams {
  return { account: values.account, from: day(values.range?.[0]), to: day(values.range?.[1]), number: normaliseIdentifier(values.number ?? '') || undefined, business: values.business, status: values.status };
}

function QueryPage<K extends QueryKind>(props: {
  kind: K;
  title: string;
  testId: string;
  dates: boolean;
  extraFilters?: (more: boolean) => ReactNode;
  above?: (data: QueryResults[K]) => ReactNode;
  columns: TableColumnsType<QueryResults[K]['items'][number]>;
  rowKey: (row: QueryResults[K]['items'][number]) => string;
  emptyReason: string;
}) {
  const { t } = useTranslation('event-queries');
  useDocumentTitle(props.title);
  const filters = useQueryFilters(true);
  const [params, setParams] = useState<QueryParams>({});
  const [page, setPage] = useState({ page: 1, pageSize: 10 });
  const [more, setMore] = useState(false);
  const result = useEventQuery(props.kind, { ...params, ...page });
  const [form] = Form.useForm<FilterValues>();

  const search = (values: FilterValues) => {
    setParams(toParams(values));
    setPage((p) => ({ ...p, page: 1 }));
  };

  return (
    <Card title={props.title} data-testid={props.testId}>
      <Form form={form} layout="inline" onFinish={search} style={{ marginBottom: 16, rowGap: 12 }}>
        {props.extraFilters?.(more)}
        {props.kind !== 'authorisations' || more ? (
          <Form.Item name="account" label={t('filters.account')}>
            <Select
              allowClear
              style={{ width: 200 }}
              placeholder={t('filters.allAccounts')}
              loading={filters.isPending}
              options={(filters.data?.accounts ?? []).map((a) => ({ value: a.ref, label: accountChoiceLabel(a, t) }))}
            />
          </Form.Item>
        ) : null}
        {props.dates && (props.kind !== 'authorisations' || more) ? (
          <Form.Item name="range" label={props.kind === 'authorisations' ? t('authorisations.validity') : t('filters.dates')}>
            <DatePicker.RangePicker allowEmpty={[true, true]} placeholder={[t('filters.from'), t('filters.to')]} />
          </Form.Item>
        ) : null}
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" data-testid="query-submit">
              {t('filters.query')}
            </Button>
            {props.kind === 'authorisations' ? (
              <Button type="link" onClick={() => setMore((m) => !m)} data-testid="more-filters">
                {t('authorisations.moreFilters')}
              </Button>
            ) : null}
          </Space>
        </Form.Item>
      </Form>
      {result.isError ? <ErrorAlert error={toApiError(result.error)} /> : null}
      {result.data && props.above ? props.above(result.data) : null}
      <Table
        size="small"
        data-testid="query-table"
        rowKey={props.rowKey}
        loading={result.isFetching}
        dataSource={result.data?.items ?? []}
        columns={props.columns}
        scroll={{ x: true }}
        locale={{ emptyText: <Empty data-testid="query-empty" description={props.emptyReason} /> }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: result.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('table.total', { total }),
          onChange: (p, size) => setPage({ page: size === page.pageSize ? p : 1, pageSize: size }),
        }}
      />
    </Card>
  );
}

/** 申购状态: valid, or invalid with its reason (and the quota it exceeded). */
function subscriptionStatus(t: TFunction, a: Allotment): string {
  if (a.valid || !a.invalidReason) return t('ipo.valid');
  return t(`ipo.invalid.${a.invalidReason}`, { quota: a.quota === null ? '—' : formatQuantity(a.quota) });
}

export function IpoAllotmentsPage() {
  const { t } = useTranslation('event-queries');
  const paymentLabel = (a: Allotment) => (a.payment ? `${t(`ipo.payment.${a.payment.result}`)}（${formatQuantity(a.payment.paidQuantity)}）` : a.drawn ? t('ipo.payment.pending') : '—');
  return (
    <QueryPage
      kind="ipo-allotments"
      title={t('ipo.title')}
      testId="ipo-allotments-page"
      dates
      rowKey={(a) => a.id}
      emptyReason={t('ipo.empty')}
      columns={[
        { title: t('columns.account'), dataIndex: 'accountMasked' },
        { title: t('columns.securityCode'), dataIndex: 'securityCode' },
        { title: t('columns.securityName'), dataIndex: 'securityName' },
        { title: t('ipo.subscriptionDate'), dataIndex: 'subscriptionDate' },
        quantityColumn<Allotment>(t('ipo.subscribedQuantity'), 'subscribedQuantity'),
        { title: t('ipo.status'), key: 'status', render: (_, a) => <span data-testid="ipo-status">{subscriptionStatus(t, a)}</span> },
        { title: t('ipo.firstNumber'), key: 'firstNumber', render: (_, a) => a.firstNumber ?? '—' },
        quantityColumn<Allotment>(t('ipo.numberCount'), 'numberCount'),
        {
          title: t('ipo.winningNumbers'),
          key: 'winning',
          render: (_, a) => (!a.valid ? '—' : !a.drawn ? t('ipo.notDrawn') : a.winningNumbers.length ? `${a.winningNumbers.join('、')}${a.winningNumbersTruncated ? ' …' : ''}` : t('ipo.noWin')),
        },
        quantityColumn<Allotment>(t('ipo.winningQuantity'), 'winningQuantity'),
        { title: t('ipo.payment.title'), key: 'payment', render: (_, a) => paymentLabel(a) },
      ]}
    />
  );
}

export function DividendTaxPage() {
  const { t } = useTranslation('event-queries');
  return (
    <QueryPage
      kind="dividend-tax"
      title={t('tax.title')}
      testId="dividend-tax-page"
      dates
      rowKey={(r: TaxLine) => r.id}
      emptyReason={t('tax.empty')}
      columns={[
        { title: t('columns.account'), dataIndex: 'accountMasked' },
        { title: t('columns.securityCode'), dataIndex: 'code' },
        { title: t('columns.securityName'), dataIndex: 'name' },
        { title: t('tax.recordOn'), dataIndex: 'recordOn' },
        quantityColumn<TaxLine>(t('tax.quantity'), 'quantity'),
        { title: t('tax.soldOn'), dataIndex: 'soldOn' },
        { title: t('tax.band'), dataIndex: 'band', render: (b: string) => t(`tax.bands.${b}`, { defaultValue: b }) },
        moneyColumn<TaxLine>(t('tax.taxableAmount'), 'taxableAmount'),
        moneyColumn<TaxLine>(t('tax.taxAmount'), 'taxAmount'),
      ]}
    />
  );
}

export function AbandonmentsPage() {
  const { t } = useTranslation('event-queries');
  return (
    <QueryPage
      kind="abandonments"
      title={t('abandon.title')}
      testId="abandonments-page"
      dates
      rowKey={(a: Abandonment) => a.id}
      emptyReason={t('abandon.empty')}
      above={(data) => (
        <Space direction="vertical" style={{ width: '100%', marginBottom: 16 }} data-testid="abandon-markets">
          {data.markets.map((m) =>
            m.eligible ? (
              <Alert key={m.market} type="success" showIcon message={t('abandon.eligible', { market: t(`markets.${m.market}`, { defaultValue: m.market }) })} />
            ) : (
              <Alert key={m.market} type="warning" showIcon message={t('abandon.barred', { market: t(`markets.${m.market}`, { defaultValue: m.market }), from: m.barredFrom, to: m.barredTo })} />
            ),
          )}
        </Space>
      )}
      columns={[
        { title: t('columns.account'), dataIndex: 'accountMasked' },
        { title: t('abandon.productType'), dataIndex: 'productType', render: (p: string) => t(`abandon.products.${p}`, { defaultValue: p }) },
        { title: t('columns.securityCode'), dataIndex: 'securityCode' },
        { title: t('columns.securityName'), dataIndex: 'securityName' },
        quantityColumn<Abandonment>(t('ipo.winningQuantity'), 'winningQuantity'),
        quantityColumn<Abandonment>(t('abandon.abandonedQuantity'), 'abandonedQuantity'),
        { title: t('abandon.reportedOn'), dataIndex: 'reportedOn' },
      ]}
    />
  );
}

export function RiskDisclosuresPage() {
  const { t } = useTranslation('event-queries');
  const name = useLocalName();
  return (
    <QueryPage
      kind="risk-disclosures"
      title={t('risk.title')}
      testId="risk-disclosures-page"
      dates={false}
      rowKey={(s: Signing) => `${s.accountRef}-${s.disclosureType}`}
      emptyReason={t('risk.empty')}
      columns={[
        { title: t('columns.account'), dataIndex: 'accountMasked' },
        { title: t('risk.type'), key: 'type', render: (_, s) => name(s, 'typeName') },
        { title: t('risk.signedOn'), dataIndex: 'signedOn' },
        { title: t('risk.broker'), dataIndex: 'broker' },
      ]}
    />
  );
}

const STATUS_COLOURS: Record<Authorisation['status'], string> = { active: 'success', expired: 'default', revoked: 'error' };

export function AuthorisationsPage() {
  const { t } = useTranslation('event-queries');
  const filters = useQueryFilters(true);
  return (
    <QueryPage
      kind="authorisations"
      title={t('authorisations.title')}
      testId="authorisations-page"
      dates
      rowKey={(a: Authorisation) => a.authorisationNumber}
      emptyReason={t('authorisations.empty')}
      extraFilters={(more) => (
        <>
          <Form.Item name="number" label={t('authorisations.number')}>
            <Input allowClear style={{ width: 200 }} maxLength={32} />
          </Form.Item>
          {more ? (
            <>
              <Form.Item name="business" label={t('authorisations.business')}>
                <Select allowClear style={{ width: 160 }} options={(filters.data?.businesses ?? []).map((b) => ({ value: b, label: t(`authorisations.businesses.${b}`, { defaultValue: b }) }))} />
              </Form.Item>
              <Form.Item name="status" label={t('authorisations.status')}>
                <Select allowClear style={{ width: 120 }} options={(['active', 'expired', 'revoked'] as const).map((s) => ({ value: s, label: t(`authorisations.statuses.${s}`) }))} />
              </Form.Item>
            </>
          ) : null}
        </>
      )}
      columns={[
        { title: t('authorisations.number'), dataIndex: 'authorisationNumber' },
        { title: t('columns.account'), dataIndex: 'accountMasked' },
        { title: t('authorisations.business'), dataIndex: 'business', render: (b: string) => t(`authorisations.businesses.${b}`, { defaultValue: b }) },
        { title: t('authorisations.party'), dataIndex: 'authorisedParty' },
        { title: t('authorisations.validity'), key: 'validity', render: (_, a) => `${a.validFrom} ~ ${a.validTo}` },
        { title: t('authorisations.status'), dataIndex: 'status', render: (s: Authorisation['status']) => <Tag color={STATUS_COLOURS[s]}>{t(`authorisations.statuses.${s}`)}</Tag> },
      ]}
    />
  );
}
