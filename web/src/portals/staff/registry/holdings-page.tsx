/** 持有查询: a securities account at the end of a date — its holdings, its journal, its freezes. */
import { Button, Card, DatePicker, Empty, Form, Input, Space, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../../ui/desktop/error-alert.tsx';
import { toApiError } from '../../../ui/errors.ts';
import { useTranslation } from 'react-i18next';
import { rowTestId } from '../../../ui/console/test-ids.ts';
import { ACCOUNT_NUMBER_PATTERN, useChanges, useFreezes, useHoldings, type Freeze, type Holding, type JournalEntry } from '../../../domains/registry-staff/api.ts';
import { isoDayOf, monthBefore, todayInShanghai, type PickedDay } from './format.ts';
import { useRegistryLabels } from './labels.ts';
import { Shares, SignedShares, sharesColumn } from './shares.tsx';

interface Lookup {
  account: string;
  date: string;
}

interface LookupForm {
  account: string;
  date?: PickedDay | null;
}

export function HoldingsPage() {
  const { t } = useTranslation('staff');
  const [lookup, setLookup] = useState<Lookup | null>(null);
  const [tab, setTab] = useState('holdings');
  const today = todayInShanghai();

  return (
    <Card title={t('registry.holdings.title')}>
      <Form<LookupForm>
        name="holdingsLookup"
        layout="inline"
        style={{ marginBottom: 8, rowGap: 8 }}
        onFinish={(values) => setLookup({ account: values.account, date: isoDayOf(values.date, todayInShanghai()) })}
      >
        <Form.Item
          label={t('registry.holdings.account')}
          name="account"
          normalize={(value: string) => value.toUpperCase().replace(/\s/g, '')}
          rules={[
            { required: true, message: t('registry.holdings.accountRequired') },
            { pattern: ACCOUNT_NUMBER_PATTERN, message: t('registry.holdings.accountFormat') },
          ]}
        >
          <Input maxLength={10} style={{ width: 180 }} autoComplete="off" placeholder="A123456789" data-testid="holdings-account" />
        </Form.Item>
        <Form.Item label={t('registry.holdings.date')} name="date">
          <DatePicker placeholder={today} allowClear data-testid="holdings-date" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" data-testid="holdings-submit">
            {t('common.search')}
          </Button>
        </Form.Item>
      </Form>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('registry.holdings.dateHelp')}
      </Typography.Paragraph>
      {lookup === null ? (
        <Empty description={t('registry.holdings.prompt')} data-testid="holdings-prompt" />
      ) : (
        <>
          <Typography.Paragraph data-testid="holdings-lookup">
            {t('registry.holdings.lookup', { account: lookup.account, date: lookup.date })}
          </Typography.Paragraph>
          <Tabs
            activeKey={tab}
            onChange={setTab}
            items={[
              { key: 'holdings', label: t('registry.holdings.tabHoldings'), children: <HoldingsTable lookup={lookup} /> },
              { key: 'changes', label: t('registry.holdings.tabChanges'), children: <ChangesPanel key={`${lookup.account}:${lookup.date}`} lookup={lookup} /> },
              { key: 'freezes', label: t('registry.holdings.tabFreezes'), children: <FreezesTable lookup={lookup} /> },
            ]}
          />
        </>
      )}
    </Card>
  );
}

function HoldingsTable({ lookup }: { lookup: Lookup }) {
  const { t } = useTranslation('staff');
  const labels = useRegistryLabels();
  const holdings = useHoldings(lookup);
  return (
    <>
      <ErrorAlert error={holdings.error ? toApiError(holdings.error) : null} testId="holdings-error" />
      <Table<Holding>
        rowKey={(h) => `${h.market}.${h.code}`}
        size="middle"
        loading={holdings.isFetching}
        dataSource={holdings.error ? [] : (holdings.data ?? [])}
        pagination={false}
        locale={{ emptyText: holdings.error ? t('registry.holdings.failed') : t('registry.holdings.empty', { date: lookup.date }) }}
        onRow={(h) => rowTestId(`holding-row-${h.code}`)}
        columns={[
          {
            title: t('registry.holdings.securityCode'),
            key: 'code',
            width: 130,
            render: (_, h) => (
              <span style={{ whiteSpace: 'nowrap' }}>
                {h.code} <Typography.Text type="secondary">{labels.market(h.market)}</Typography.Text>
              </span>
            ),
          },
          { title: t('registry.holdings.securityName'), dataIndex: 'name' },
          { title: t('registry.holdings.securityClass'), dataIndex: 'securityClass', width: 110, render: (value: string) => labels.securityClass(value) },
          sharesColumn<Holding>(t('registry.categories.tradable'), 'tradable', 150),
          sharesColumn<Holding>(t('registry.categories.restricted'), 'restricted', 150),
          sharesColumn<Holding>(t('registry.categories.frozen'), 'frozen', 150),
          sharesColumn<Holding>(t('registry.categories.pledged'), 'pledged', 150),
        ]}
      />
    </>
  );
}

const CHANGES_PAGE_SIZE = 50;

function ChangesPanel({ lookup }: { lookup: Lookup }) {
  const { t } = useTranslation('staff');
  const labels = useRegistryLabels();
  const defaultFrom = monthBefore(lookup.date);
  const [range, setRange] = useState({ from: defaultFrom, to: lookup.date });
  const [page, setPage] = useState(1);
  const changes = useChanges({ account: lookup.account, ...range, page, pageSize: CHANGES_PAGE_SIZE });
  const items = changes.error ? [] : (changes.data ?? []);
  const hasNext = items.length === CHANGES_PAGE_SIZE;

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <span>{t('registry.holdings.changesRange')}</span>
        <DatePicker.RangePicker
          placeholder={[defaultFrom, lookup.date]}
          allowEmpty={[false, false]}
          data-testid="changes-range"
          onChange={(days) => {
            const [start, end] = (days ?? [null, null]) as [PickedDay | null, PickedDay | null];
            setRange({ from: isoDayOf(start, defaultFrom), to: isoDayOf(end, lookup.date) });
            setPage(1);
          }}
        />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('registry.holdings.changesRangeHelp')}
        </Typography.Text>
      </Space>
      <ErrorAlert error={changes.error ? toApiError(changes.error) : null} testId="changes-error" />
      <Table<JournalEntry>
        rowKey="id"
        size="middle"
        loading={changes.isFetching}
        dataSource={items}
        pagination={false}
        locale={{ emptyText: changes.error ? t('registry.holdings.failed') : t(page > 1 ? 'registry.holdings.changesNoMore' : 'registry.holdings.changesEmpty', range) }}
        onRow={(entry) => rowTestId(`change-row-${entry.id}`)}
        scroll={{ x: 960 }}
        columns={[
          { title: t('registry.holdings.effectiveOn'), dataIndex: 'effectiveOn', width: 110, render: (day: string) => <span style={{ whiteSpace: 'nowrap' }}>{day}</span> },
          {
            title: t('registry.holdings.security'),
            key: 'security',
            width: 170,
            render: (_, entry) => (
              <span style={{ whiteSpace: 'nowrap' }}>
                {entry.code} <Typography.Text type="secondary">{entry.name}</Typography.Text>
              </span>
            ),
          },
          {
            title: t('registry.holdings.businessType'),
            dataIndex: 'businessType',
            width: 130,
            render: (type: string) => (
              <Typography.Text title={type} style={{ whiteSpace: 'nowrap' }}>
                {labels.businessType(type)}
              </Typography.Text>
            ),
          },
          { title: t('registry.holdings.category'), dataIndex: 'category', width: 100, render: (category: string) => labels.category(category) },
          { title: t('registry.holdings.quantity'), dataIndex: 'quantity', width: 150, align: 'right', render: (value: string) => <SignedShares value={value} /> },
          { title: t('registry.holdings.balanceAfter'), dataIndex: 'balanceAfter', width: 150, align: 'right', render: (value: string) => <Shares value={value} /> },
          {
            title: t('registry.holdings.batchId'),
            dataIndex: 'batchId',
            ellipsis: { showTitle: false },
            render: (batchId: string) => (
              <Tooltip title={batchId} placement="topLeft">
                <Typography.Text style={{ fontFamily: 'monospace', fontSize: 12 }}>{batchId}</Typography.Text>
              </Tooltip>
            ),
          },
        ]}
      />
      {(page > 1 || hasNext) && (
        <Space style={{ marginTop: 12, display: 'flex', justifyContent: 'flex-end' }}>
          <Button disabled={page === 1 || changes.isFetching} onClick={() => setPage(page - 1)} data-testid="changes-previous">
            {t('registry.holdings.previousPage')}
          </Button>
          <Typography.Text>{t('registry.holdings.pageNo', { page })}</Typography.Text>
          <Button disabled={!hasNext || changes.isFetching} onClick={() => setPage(page + 1)} data-testid="changes-next">
            {t('registry.holdings.nextPage')}
          </Button>
        </Space>
      )}
    </>
  );
}

function FreezesTable({ lookup }: { lookup: Lookup }) {
  const { t } = useTranslation('staff');
  const freezes = useFreezes(lookup);
  return (
    <>
      <ErrorAlert error={freezes.error ? toApiError(freezes.error) : null} testId="freezes-error" />
      <Table<Freeze>
        rowKey="id"
        size="middle"
        loading={freezes.isFetching}
        dataSource={freezes.error ? [] : (freezes.data ?? [])}
        pagination={false}
        locale={{ emptyText: freezes.error ? t('registry.holdings.failed') : t('registry.holdings.freezesEmpty', { date: lookup.date }) }}
        onRow={(freeze) => rowTestId(`freeze-row-${freeze.id}`)}
        scroll={{ x: 960 }}
        columns={[
          {
            title: t('registry.holdings.security'),
            key: 'security',
            render: (_, f) => (
              <span>
                {f.code} <Typography.Text type="secondary">{f.name}</Typography.Text>
              </span>
            ),
          },
          { title: t('registry.holdings.authority'), dataIndex: 'authority' },
          { title: t('registry.holdings.caseNumber'), dataIndex: 'caseNumber' },
          { title: t('registry.holdings.freezeQuantity'), dataIndex: 'quantity', align: 'right', render: (value: string) => <Shares value={value} /> },
          { title: t('registry.holdings.frozenQuantity'), dataIndex: 'frozenQuantity', align: 'right', render: (value: string) => <Shares value={value} /> },
          {
            title: t('registry.holdings.freezeStatus'),
            key: 'status',
            render: (_, f) =>
              f.status === 'active' ? (
                <Tag color="red">{t('registry.holdings.freezeActive')}</Tag>
              ) : (
                <Tag color="orange">{f.queueNo === null ? t('registry.holdings.freezeWaiting') : t('registry.holdings.freezeWaitingNo', { queueNo: f.queueNo })}</Tag>
              ),
          },
          { title: t('registry.holdings.startOn'), dataIndex: 'startOn', width: 110, render: (day: string | null) => day ?? t('common.none') },
          { title: t('registry.holdings.endOn'), dataIndex: 'endOn', width: 110, render: (day: string | null) => day ?? t('common.none') },
        ]}
      />
    </>
  );
}
