/** 审核案件: the review queue of every case type the user reviews; `?case=<id>` opens one case. */
import { ReloadOutlined } from '@ant-design/icons';
import { Card, Form, InputNumber, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { Button } from '../../../ui/button.tsx';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ErrorAlert } from '../../../ui/desktop/error-alert.tsx';
import { toApiError } from '../../../ui/errors.ts';
import { formatDateTime } from '../../../ui/console/format.ts';
import { useTranslation } from 'react-i18next';
import { rowTestId } from '../../../ui/console/test-ids.ts';
import { useCases, useCaseTypes, type AssigneeFilter, type CaseQuery, type CaseSummary } from '../../../domains/cases/api.ts';
import { CaseDetailPage } from './case-detail.tsx';
import { ClaimButton } from './claim-button.tsx';
import { useCaseLabels } from './labels.ts';

const PAGE_SIZE = 20;

export function CasesPage() {
  const [params, setParams] = useSearchParams();
  const caseId = params.get('case');
  if (caseId) return <CaseDetailPage id={caseId} onBack={() => setParams({})} />;
  return <CaseQueue onOpen={(id) => setParams({ case: id })} />;
}

function CaseQueue({ onOpen }: { onOpen: (id: string) => void }) {
  const { t } = useTranslation('staff');
  const labels = useCaseLabels();
  const types = useCaseTypes();
  const [filters, setFilters] = useState<Omit<CaseQuery, 'page' | 'pageSize'>>({});
  const [page, setPage] = useState({ page: 1, pageSize: PAGE_SIZE });
  const cases = useCases({ ...filters, ...page });
  const states = [...new Set((types.data?.items ?? []).filter((type) => !filters.type || type.name === filters.type).flatMap((type) => type.states))];
  const filter = (change: Partial<CaseQuery>) => {
    setFilters((current) => ({ ...current, ...change }));
    setPage((current) => ({ ...current, page: 1 }));
  };

  return (
    <Card
      title={t('cases.title')}
      extra={
        <Button icon={<ReloadOutlined />} loading={cases.isFetching} onClick={() => void cases.refetch()} data-testid="cases-refresh">
          {t('cases.refresh')}
        </Button>
      }
    >
      <Form name="caseFilter" layout="inline" style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item label={t('cases.type')} name="type">
          <Select<string>
            allowClear
            placeholder={t('cases.allTypes')}
            style={{ width: 200 }}
            data-testid="cases-filter-type"
            options={(types.data?.items ?? []).map((type) => ({ value: type.name, label: labels.type(type.name) }))}
            onChange={(type) => filter({ type: type || undefined, state: undefined })}
          />
        </Form.Item>
        <Form.Item label={t('cases.state')} name="state">
          <Select<string>
            allowClear
            placeholder={t('cases.openStates')}
            style={{ width: 160 }}
            data-testid="cases-filter-state"
            options={states.map((state) => ({ value: state, label: labels.state(state) }))}
            onChange={(state) => filter({ state: state || undefined })}
          />
        </Form.Item>
        <Form.Item label={t('cases.assignee')} name="assignee">
          <Select<AssigneeFilter>
            allowClear
            placeholder={t('cases.anyAssignee')}
            style={{ width: 140 }}
            data-testid="cases-filter-assignee"
            options={[
              { value: 'me', label: t('cases.assignedToMe') },
              { value: 'none', label: t('cases.unassigned') },
            ]}
            onChange={(assignee) => filter({ assignee: assignee || undefined })}
          />
        </Form.Item>
        <Form.Item label={t('cases.olderThanDays')} name="olderThanDays">
          <InputNumber min={0} max={9999} precision={0} style={{ width: 100 }} data-testid="cases-filter-age" onChange={(days) => filter({ olderThanDays: days ?? undefined })} />
        </Form.Item>
        <Form.Item label={t('cases.overdueOnly')} name="overdue" valuePropName="checked">
          <Switch data-testid="cases-filter-overdue" onChange={(overdue) => filter({ overdue: overdue || undefined })} />
        </Form.Item>
      </Form>
      <ErrorAlert error={cases.error ? toApiError(cases.error) : types.error ? toApiError(types.error) : null} testId="cases-error" />
      <Table<CaseSummary>
        rowKey="id"
        size="middle"
        loading={cases.isPending}
        dataSource={cases.data?.items ?? []}
        locale={{ emptyText: t('cases.empty') }}
        onRow={(kase) => rowTestId(`case-row-${kase.id}`)}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: cases.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (total) => t('common.total', { total }),
          onChange: (current, pageSize) => setPage({ page: pageSize === page.pageSize ? current : 1, pageSize }),
        }}
        columns={[
          {
            title: t('cases.subject'),
            key: 'subject',
            render: (_, kase) => (
              <Typography.Link onClick={() => onOpen(kase.id)} data-testid={`case-open-${kase.id}`}>
                {kase.subjectLabel}
              </Typography.Link>
            ),
          },
          { title: t('cases.type'), dataIndex: 'type', width: 200, render: (type: string) => labels.type(type) },
          {
            title: t('cases.state'),
            key: 'state',
            width: 160,
            render: (_, kase) => (
              <Space size={4}>
                <Tag>{labels.state(kase.state)}</Tag>
                {kase.overdue && <Tag color="error">{t('cases.overdue')}</Tag>}
              </Space>
            ),
          },
          { title: t('cases.createdAt'), dataIndex: 'createdAt', width: 170, render: (at: string) => formatDateTime(at) },
          { title: t('cases.dueAt'), dataIndex: 'dueAt', width: 170, render: (at: string | null) => formatDateTime(at) || t('common.none') },
          {
            title: t('cases.assignee'),
            key: 'assignee',
            width: 140,
            render: (_, kase) => (kase.assignedToMe ? t('cases.assignedToMe') : kase.assigneeId ? t('cases.assignedToOther') : <ClaimButton kase={kase} />),
          },
        ]}
      />
    </Card>
  );
}
