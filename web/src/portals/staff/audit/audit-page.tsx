/** 审计日志: the hash chain's status, then search the audit trail; each entry's details open below it. */
import { Alert, Card, Col, DatePicker, Form, Input, Row, Select, Tag, Tooltip, Typography } from 'antd';
import { Button } from '../../../ui/button.tsx';
import { useState } from 'react';
import { formatDateTime, shanghaiDayRange } from '../../../ui/console/format.ts';
import { useTranslation } from 'react-i18next';
import { SearchButtons } from '../../../ui/console/forms.tsx';
import { ConsoleTable, usePaging } from '../../../ui/console/table.tsx';
import { ACTOR_KINDS, useAuditChain, useAuditEntries, type AuditEntry, type AuditFilter } from '../../../domains/audit/api.ts';

/** What the date pickers hand over (dayjs objects); only their calendar day is used. */
interface PickedDay {
  format(template: string): string;
}

interface FilterForm {
  range?: [PickedDay | null, PickedDay | null] | null;
  actorKind?: string;
  actorId?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
}

const PAGE_SIZE = 20;

/** The free-text filters, each a field of the filter and the test id of its input. */
const TEXT_FILTERS = [
  ['actorId', 'audit-filter-actor-id'],
  ['action', 'audit-filter-action'],
  ['objectType', 'audit-filter-object-type'],
  ['objectId', 'audit-filter-object-id'],
] as const;

function toFilter(values: FilterForm): AuditFilter {
  const text = (value: string | undefined) => value?.trim() || undefined;
  const [start, end] = values.range ?? [null, null];
  const days = start && end ? shanghaiDayRange(start.format('YYYY-MM-DD'), end.format('YYYY-MM-DD')) : undefined;
  return {
    from: days?.from,
    to: days?.to,
    actorKind: values.actorKind || undefined,
    actorId: text(values.actorId),
    action: text(values.action),
    objectType: text(values.objectType),
    objectId: text(values.objectId),
  };
}

export function AuditPage() {
  const { t } = useTranslation('staff');
  const [filter, setFilter] = useState<AuditFilter>({});
  const { paging, pageOf, toFirstPage } = usePaging(PAGE_SIZE);
  const entries = useAuditEntries({ ...filter, ...paging });

  const actorKindLabel = (kind: string) => t(`audit.actorKinds.${kind}`, { defaultValue: kind });

  return (
    <Card title={t('audit.title')} extra={<Typography.Text type="secondary">{t('audit.timeZoneNote')}</Typography.Text>}>
      <ChainStatusLine />
      <Form<FilterForm>
        name="auditFilter"
        layout="vertical"
        onFinish={(values) => {
          setFilter(toFilter(values));
          toFirstPage();
        }}
        onReset={() => {
          setFilter({});
          toFirstPage();
        }}
      >
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item label={t('audit.dateRange')} name="range">
              <DatePicker.RangePicker style={{ width: '100%' }} data-testid="audit-filter-range" />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item label={t('audit.actorKind')} name="actorKind">
              <Select allowClear placeholder={t('audit.any')} data-testid="audit-filter-actor-kind" options={ACTOR_KINDS.map((kind) => ({ value: kind, label: actorKindLabel(kind) }))} />
            </Form.Item>
          </Col>
          {TEXT_FILTERS.map(([field, testId]) => (
            <Col span={6} key={field}>
              <Form.Item label={t(`audit.${field}`)} name={field}>
                <Input allowClear data-testid={testId} />
              </Form.Item>
            </Col>
          ))}
          <Col span={12} style={{ display: 'flex', alignItems: 'flex-end' }}>
            <SearchButtons testId="audit-filter-submit" />
          </Col>
        </Row>
      </Form>
      <ConsoleTable<AuditEntry>
        {...pageOf(entries)}
        errorTestId="audit-error"
        rowKey="id"
        loading={entries.isFetching}
        locale={{ emptyText: t('audit.empty') }}
        testIdOf={(entry) => `audit-row-${entry.id}`}
        expandable={{
          expandedRowRender: (entry) => <AuditDetails details={entry.details} />,
        }}
        columns={[
          { title: t('audit.at'), dataIndex: 'at', width: 170, render: (at: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(at)}</span> },
          {
            title: t('audit.actor'),
            key: 'actor',
            render: (_, entry) => (
              <div>
                <Tag>{actorKindLabel(entry.actorKind)}</Tag>
                <div style={{ marginTop: 4 }}>{entry.actorLabel ?? <ShortId id={entry.actorId} />}</div>
              </div>
            ),
          },
          {
            title: t('audit.action'),
            dataIndex: 'action',
            render: (action: string) => (
              <Typography.Text code style={{ whiteSpace: 'nowrap' }}>
                {action}
              </Typography.Text>
            ),
          },
          {
            title: t('audit.object'),
            key: 'object',
            render: (_, entry) =>
              entry.objectType ? (
                <div>
                  <div>{entry.objectType}</div>
                  <ShortId id={entry.objectId} />
                </div>
              ) : (
                t('common.none')
              ),
          },
          { title: t('audit.ip'), dataIndex: 'ip', width: 130, render: (ip: string | null) => ip ?? t('common.none') },
          { title: t('audit.requestId'), dataIndex: 'requestId', width: 130, render: (requestId: string | null) => <ShortId id={requestId} /> },
        ]}
      />
    </Card>
  );
}

/** One line above the trail: whether its hash chain verifies, or the first broken link. */
function ChainStatusLine() {
  const { t } = useTranslation('staff');
  const chain = useAuditChain();
  const recheck = (
    <Button size="small" onClick={() => void chain.refetch()} loading={chain.isFetching} data-testid="audit-chain-recheck">
      {t('audit.chainRecheck')}
    </Button>
  );
  const line = (type: 'info' | 'success' | 'error', message: string) => <Alert type={type} showIcon message={message} action={recheck} style={{ marginBottom: 16 }} data-testid="audit-chain-status" data-status={type} />;
  if (chain.isError) return line('error', t('audit.chainUnavailable'));
  if (!chain.data) return line('info', t('audit.chainChecking'));
  const { ok, entries, head, firstBreak, checkedAt } = chain.data;
  const time = formatDateTime(checkedAt);
  if (ok || !firstBreak) return line('success', t('audit.chainIntact', { entries, hash: `${head.hash.slice(0, 12)}…`, time }));
  const reason = t(`audit.chainBreaks.${firstBreak.kind}`, { seq: firstBreak.seq, id: firstBreak.id ?? t('common.none') });
  return line('error', t('audit.chainBroken', { reason, time }));
}

/** A long identifier (UUID): its first characters, the whole on hover and to copy. */
function ShortId({ id }: { id: string | null }) {
  const { t } = useTranslation('staff');
  if (!id) return <>{t('common.none')}</>;
  const short = id.length > 12 ? `${id.slice(0, 8)}…` : id;
  return (
    <Tooltip title={id}>
      <Typography.Text type="secondary" copyable={{ text: id }} style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
        {short}
      </Typography.Text>
    </Tooltip>
  );
}

function AuditDetails({ details }: { details: unknown }) {
  const { t } = useTranslation('staff');
  const empty = details === null || details === undefined || (typeof details === 'object' && Object.keys(details).length === 0);
  if (empty) return <Typography.Text type="secondary">{t('audit.noDetails')}</Typography.Text>;
  return (
    <pre data-testid="audit-details" style={{ margin: 0, padding: 12, background: '#fafafa', borderRadius: 4, maxHeight: 360, overflow: 'auto', fontSize: 12 }}>
      {JSON.stringify(details, null, 2)}
    </pre>
  );
}
