/** How a settlement import went: its progress in bytes, its outcome, and the lines it was rejected for. */
import { Progress, Space, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { rowTestId } from '../../../ui/console/test-ids.ts';
import type { LineError, SettlementImport } from '../../../domains/registry-staff/api.ts';
import { formatBytes } from './format.ts';
import { useRegistryLabels } from './labels.ts';

/** The lines a batch was rejected for (none unless it was rejected line by line). */
export function rejectedLines(item: SettlementImport): LineError[] {
  const result = item.result;
  if (result?.status !== 'rejected' || result.code !== 'BATCH_REJECTED') return [];
  return Array.isArray(result.errors) ? result.errors : [];
}

export function ImportProgress({ item }: { item: SettlementImport }) {
  const { t } = useTranslation('staff');
  const done = item.progressDone ?? 0;
  const total = item.progressTotal ?? item.bytes;
  if (item.status === 'queued' && item.progressDone === null) return <Progress percent={0} size="small" aria-label={t('registry.import.progress')} data-testid="import-progress" />;
  const percent = total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : item.status === 'done' ? 100 : 0;
  const rejected = item.result?.status === 'rejected';
  const status = item.status === 'failed' || item.status === 'parked' || rejected ? 'exception' : item.status === 'done' ? 'success' : item.status === 'running' ? 'active' : 'normal';
  return (
    <div>
      <Progress percent={percent} size="small" status={status} format={(value) => `${value ?? 0}%`} aria-label={t('registry.import.progress')} data-testid="import-progress" />
      <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
        {formatBytes(done)} / {formatBytes(total)}
      </Typography.Text>
    </div>
  );
}

/** Outcome tags may be long sentences: let them wrap in a narrow column. */
const wrap = { whiteSpace: 'normal' } as const;

export function ImportOutcome({ item }: { item: SettlementImport }) {
  const { t } = useTranslation('staff');
  const result = item.result;
  let outcome: ReactNode;
  if (item.status === 'queued') outcome = <Tag>{t('registry.import.statuses.queued')}</Tag>;
  else if (item.status === 'running') outcome = <Tag color="processing">{t('registry.import.statuses.running')}</Tag>;
  else if (item.status === 'failed') outcome = <Tag color="error">{t('registry.import.statuses.failed')}</Tag>;
  else if (item.status === 'parked')
    outcome = (
      <Tag color="warning" style={wrap}>
        {t('registry.import.statuses.parked')}
      </Tag>
    );
  else if (result?.status === 'applied') outcome = <Tag color="success">{t('registry.import.applied', { count: result.rows })}</Tag>;
  else if (result?.status === 'already_applied')
    outcome = (
      <Tag color="blue" style={wrap}>
        {t('registry.import.alreadyApplied')}
      </Tag>
    );
  else if (result?.status === 'rejected') {
    outcome = (
      <Space direction="vertical" size={2}>
        <Tag color="error">{t('registry.import.rejected')}</Tag>
        <Typography.Text type="danger" style={{ fontSize: 12 }}>
          <RejectionReason item={item} />
        </Typography.Text>
      </Space>
    );
  } else outcome = <Tag color="success">{t('registry.import.statuses.done')}</Tag>;

  return (
    <div data-testid="import-outcome">
      {outcome}
      {item.lastError && (item.status === 'failed' || item.status === 'parked' || item.status === 'queued') && (
        <div>
          <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid="import-last-error">
            {t(item.status !== 'queued' ? 'registry.import.lastError' : 'registry.import.retrying', { error: item.lastError })}
          </Typography.Text>
        </div>
      )}
    </div>
  );
}

function RejectionReason({ item }: { item: SettlementImport }) {
  const { t } = useTranslation('staff');
  const result = item.result;
  if (result?.status !== 'rejected') return null;
  switch (result.code) {
    case 'BATCH_REJECTED':
      return <>{t('registry.import.rejectedLines', { count: rejectedLines(item).length })}</>;
    case 'BATCH_ID_REUSED':
      return <>{t('registry.batchReasons.BATCH_ID_REUSED')}</>;
    case 'LINE_TOO_LONG':
      return <>{t('registry.batchReasons.LINE_TOO_LONG', { line: result.line, maxBytes: result.maxBytes })}</>;
    case 'BATCH_FILE_INVALID': {
      const reason = result.reason === 'no rows' ? t('registry.batchReasons.noRows') : result.reason;
      return <>{reason ? t('registry.batchReasons.BATCH_FILE_INVALID_WITH', { reason }) : t('registry.batchReasons.BATCH_FILE_INVALID')}</>;
    }
    default:
      return <>{String((result as { code?: unknown }).code ?? '')}</>;
  }
}

export function RejectedLines({ errors }: { errors: LineError[] }) {
  const { t } = useTranslation('staff');
  const labels = useRegistryLabels();
  return (
    <div data-testid="rejected-lines">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('registry.import.rejectedNote', { count: errors.length })}
      </Typography.Paragraph>
      <Table<LineError & { key: number }>
        size="small"
        rowKey="key"
        dataSource={errors.map((error, key) => ({ ...error, key }))}
        pagination={errors.length > 10 ? { pageSize: 10, size: 'small', showSizeChanger: false } : false}
        onRow={(error) => rowTestId(`rejected-line-${error.line}`)}
        columns={[
          { title: t('registry.import.line'), dataIndex: 'line', width: 90 },
          {
            title: t('registry.import.reason'),
            key: 'reason',
            width: 360,
            render: (_, error) => (
              <Space size={4} direction="vertical">
                <span>{labels.lineError(error).reason}</span>
                <Typography.Text type="secondary" code style={{ fontSize: 11 }}>
                  {error.reason}
                </Typography.Text>
              </Space>
            ),
          },
          { title: t('registry.import.detail'), key: 'detail', render: (_, error) => labels.lineError(error).detail || t('common.none') },
        ]}
      />
    </div>
  );
}
