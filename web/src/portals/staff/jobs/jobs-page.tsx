/** 后台任务: jobs with their progress, refreshed every few seconds. */
import { ReloadOutlined } from '@ant-design/icons';
import { Card, Form, Progress, Select, Space, Switch, Tag, Tooltip, Typography } from 'antd';
import { Button } from '../../../ui/button.tsx';
import { useState } from 'react';
import { formatDateTime } from '../../../ui/console/format.ts';
import { useTranslation } from 'react-i18next';
import { ConsoleTable, usePaging } from '../../../ui/console/table.tsx';
import { JOB_STATUSES, useJobs, type Job, type JobStatus } from '../../../domains/jobs/api.ts';

const statusColors: Record<JobStatus, string> = { queued: 'default', running: 'processing', done: 'success', failed: 'error', parked: 'warning' };
const PAGE_SIZE = 20;

export function JobsPage() {
  const { t } = useTranslation('staff');
  const [status, setStatus] = useState<JobStatus | undefined>();
  const { paging, pageOf, toFirstPage } = usePaging(PAGE_SIZE);
  const [autoRefresh, setAutoRefresh] = useState(true);
  const jobs = useJobs({ status, ...paging }, autoRefresh);

  return (
    <Card
      title={t('jobs.title')}
      extra={
        <Space size="middle">
          {jobs.dataUpdatedAt > 0 && (
            <Typography.Text type="secondary" data-testid="jobs-updated-at">
              {t('jobs.lastUpdated', { time: formatDateTime(new Date(jobs.dataUpdatedAt).toISOString()) })}
            </Typography.Text>
          )}
          <Space size="small">
            <Switch checked={autoRefresh} onChange={setAutoRefresh} id="jobs-auto-refresh" data-testid="jobs-auto-refresh" />
            <label htmlFor="jobs-auto-refresh">{t('jobs.autoRefresh')}</label>
          </Space>
          <Button icon={<ReloadOutlined />} loading={jobs.isFetching} onClick={() => void jobs.refetch()} data-testid="jobs-refresh">
            {t('jobs.refresh')}
          </Button>
        </Space>
      }
    >
      <Form name="jobFilter" layout="inline" style={{ marginBottom: 16 }}>
        <Form.Item label={t('jobs.status')} name="status">
          <Select<JobStatus>
            allowClear
            placeholder={t('jobs.allStatuses')}
            style={{ width: 160 }}
            data-testid="jobs-filter-status"
            options={JOB_STATUSES.map((value) => ({ value, label: t(`jobs.statuses.${value}`) }))}
            onChange={(value) => {
              setStatus(value || undefined);
              toFirstPage();
            }}
          />
        </Form.Item>
      </Form>
      <ConsoleTable<Job>
        {...pageOf(jobs)}
        errorTestId="jobs-error"
        rowKey="id"
        loading={jobs.isPending}
        locale={{ emptyText: t('jobs.empty') }}
        testIdOf={(job) => `job-row-${job.id}`}
        columns={[
          {
            title: t('jobs.name'),
            key: 'name',
            width: 240,
            render: (_, job) => (
              <div>
                <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>
                  {job.name}
                </Typography.Text>
                <div>
                  <Typography.Text type="secondary" copyable={{ text: job.id }} style={{ fontSize: 12 }}>
                    {job.id.slice(0, 8)}
                  </Typography.Text>
                </div>
              </div>
            ),
          },
          {
            title: t('jobs.status'),
            dataIndex: 'status',
            width: 110,
            render: (value: JobStatus) => <Tag color={statusColors[value] ?? 'default'}>{t(`jobs.statuses.${value}`, { defaultValue: value })}</Tag>,
          },
          { title: t('jobs.progress'), key: 'progress', width: 200, render: (_, job) => <JobProgress job={job} /> },
          { title: t('jobs.attempts'), key: 'attempts', width: 100, render: (_, job) => `${job.attempts} / ${job.maxAttempts}` },
          {
            title: t('jobs.lastError'),
            dataIndex: 'lastError',
            ellipsis: { showTitle: false },
            render: (lastError: string | null) =>
              lastError ? (
                <Tooltip title={lastError} placement="topLeft">
                  <Typography.Text type="danger">{lastError}</Typography.Text>
                </Tooltip>
              ) : (
                t('common.none')
              ),
          },
          { title: t('jobs.createdAt'), dataIndex: 'createdAt', width: 170, render: (at: string) => formatDateTime(at) },
          { title: t('jobs.finishedAt'), dataIndex: 'finishedAt', width: 170, render: (at: string | null) => formatDateTime(at) || t('common.none') },
        ]}
      />
    </Card>
  );
}

function JobProgress({ job }: { job: Job }) {
  const { t } = useTranslation('staff');
  const done = job.progressDone ?? 0;
  const total = job.progressTotal;
  if (total === null || total <= 0) {
    if (job.status === 'done') return <Progress percent={100} size="small" status="success" aria-label={t('jobs.progress')} />;
    return job.progressDone === null ? <>{t('common.none')}</> : <>{done.toLocaleString()}</>;
  }
  const percent = Math.min(100, Math.floor((done / total) * 100));
  const status = job.status === 'failed' || job.status === 'parked' ? 'exception' : job.status === 'done' ? 'success' : job.status === 'running' ? 'active' : 'normal';
  return <Progress percent={percent} size="small" status={status} format={() => `${done.toLocaleString()} / ${total.toLocaleString()}`} aria-label={t('jobs.progress')} data-testid="job-progress" />;
}
