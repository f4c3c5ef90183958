/** 持有查询: a securities account at the end of a date — its holdings, its journal, its freezes. */
import { Card, DatePicker, Form, Space, Tabs, Tag, Tooltip, Typography } from 'antd';
import { Button } from '../../../ui/button.tsx';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CodeField, SearchButtons } from '../../../ui/console/forms.tsx';
import { LookupOutcome } from '../../../ui/console/lookup.tsx';
import { ConsoleTable } from '../../../ui/console/table.tsx';
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
      <Form<LookupForm> name="holdingsLookup" layout="inline" style={{ marginBottom: 8, rowGap: 8 }} onFinish={(values) => setLookup({ account: values.account, date: isoDayOf(values.date, todayInShanghai()) })}>
        <CodeField
          label={t('registry.holdings.account')}
          name="account"
          pattern={ACCOUNT_NUMBER_PATTERN}
          requiredMessage={t('registry.holdings.accountRequired')}
          patternMessage={t('registry.holdings.accountFormat')}
          maxLength={10}
          width={180}
          placeholder="A123456789"
          testId="holdings-account"
        />
        <Form.Item label={t('registry.holdings.date')} name="date">
          <DatePicker placeholder={today} allowClear data-testid="holdings-date" />
        </Form.Item>
        <SearchButtons testId="holdings-submit" noReset />
      </Form>
      <LookupOutcome
        lookup={lookup}
        help={t('registry.holdings.dateHelp')}
        prompt={t('registry.holdings.prompt')}
        testId="holdings"
        summary={(shown) => t('registry.holdings.lookup', { account: shown.account, date: shown.date })}
      >
        {(shown) => (
          <Tabs
            activeKey={tab}
            onChange={setTab}
            items={[
              { key: 'holdings', label: t('registry.holdings.tabHoldings'), children: <HoldingsTable lookup={shown} /> },
              { key: 'changes', label: t('registry.holdings.tabChanges'), children: <ChangesPanel key={`${shown.account}:${shown.date}`} lookup={shown} /> },
              { key: 'freezes', label: t('registry.holdings.tabFreezes'), children: <FreezesTable lookup={shown} /> },
            ]}
          />
        )}
      </LookupOutcome>
    </Card>
  );
}

function HoldingsTable({ lookup }: { lookup: Lookup }) {
  const { t } = useTranslation('staff');
  const labels = useRegistryLabels();
  const holdings = useHoldings(lookup);
  return (
    <ConsoleTable<Holding>
      error={holdings.error}
      errorTestId="holdings-error"
      failedText={t('registry.holdings.failed')}
      rowKey={(h) => `${h.market}.${h.code}`}
      loading={holdings.isFetching}
      dataSource={holdings.data ?? []}
      pagination={false}
      locale={{ emptyText: t('registry.holdings.empty', { date: lookup.date }) }}
      testIdOf={(h) => `holding-row-${h.code}`}
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
      <ConsoleTable<JournalEntry>
        error={changes.error}
        errorTestId="changes-error"
        failedText={t('registry.holdings.failed')}
        rowKey="id"
        loading={changes.isFetching}
        dataSource={items}
        pagination={false}
        locale={{ emptyText: t(page > 1 ? 'registry.holdings.changesNoMore' : 'registry.holdings.changesEmpty', range) }}
        testIdOf={(entry) => `change-row-${entry.id}`}
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
    <ConsoleTable<Freeze>
      error={freezes.error}
      errorTestId="freezes-error"
      failedText={t('registry.holdings.failed')}
      rowKey="id"
      loading={freezes.isFetching}
      dataSource={freezes.data ?? []}
      pagination={false}
      locale={{ emptyText: t('registry.holdings.freezesEmpty', { date: lookup.date }) }}
      testIdOf={(freeze) => `freeze-row-${freeze.id}`}
      scroll={{ x: 1180 }}
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
        { title: t('registry.holdings.waitingQuantity'), dataIndex: 'waitingQuantity', align: 'right', render: (value: string) => <Shares value={value} /> },
        {
          title: t('registry.holdings.freezeStatus'),
          key: 'status',
          // An order in force in part shows both: its part in force and its place in the queue for the rest.
          render: (_, f) => (
            <>
              {f.status === 'active' && <Tag color="red">{t('registry.holdings.freezeActive')}</Tag>}
              {f.waitingQuantity !== '0' && <Tag color="orange">{f.queueNo === null ? t('registry.holdings.freezeWaiting') : t('registry.holdings.freezeWaitingNo', { queueNo: f.queueNo })}</Tag>}
            </>
          ),
        },
        { title: t('registry.holdings.freezeTerm'), dataIndex: 'periodMonths', width: 100, render: (months: number) => t('registry.holdings.freezeTermMonths', { months }) },
        { title: t('registry.holdings.startOn'), dataIndex: 'startOn', width: 110, render: (day: string | null) => day ?? t('common.none') },
        { title: t('registry.holdings.endOn'), dataIndex: 'endOn', width: 110, render: (day: string | null) => day ?? t('common.none') },
      ]}
    />
  );
}
