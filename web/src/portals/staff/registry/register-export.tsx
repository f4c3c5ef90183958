/** 导出股东名册: a register export job for the register being looked at, and its download when done. */
import { useMutation, useQuery } from '@tanstack/react-query';
import { Button, Progress, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import { ErrorAlert } from '../../../ui/desktop/error-alert.tsx';
import { toApiError } from '../../../ui/errors.ts';
import { STAFF_QUERY_ROOT } from '../../staff-common/api.ts';
import type { RegisterQuery } from './api.ts';

interface RegisterExport {
  id: string;
  format: 'csv' | 'xlsx';
  status: 'queued' | 'done' | 'failed';
  jobId: string | null;
  rows: number | null;
  progressDone: number | null;
  progressTotal: number | null;
}

const REFRESH_MS = 1000;

function useExport(exportId: string | null) {
  return useQuery({
    queryKey: [STAFF_QUERY_ROOT, 'registry', 'register-export', exportId],
    enabled: exportId !== null,
    queryFn: async () => {
      const list = await api.get<{ items: RegisterExport[] }>('/api/v1/staff/registry/register-exports?pageSize=50');
      return list.items.find((e) => e.id === exportId) ?? null;
    },
    refetchInterval: (query) => (query.state.data?.status === 'queued' || !query.state.data ? REFRESH_MS : false),
  });
}

export function RegisterExportButtons({ query }: { query: RegisterQuery }) {
  const { t } = useTranslation('registry-events');
  const [exportId, setExportId] = useState<string | null>(null);
  const start = useMutation({
    mutationFn: (format: 'csv' | 'xlsx') =>
      api.post<{ exportId: string; jobId: string }>('/api/v1/staff/registry/register-exports', { market: query.market, code: query.code, date: query.date, format }),
    onSuccess: (answer) => setExportId(answer.exportId),
  });
  const current = useExport(exportId);
  const running = current.data?.status === 'queued';
  const percent = current.data?.progressTotal ? Math.floor((100 * (current.data.progressDone ?? 0)) / current.data.progressTotal) : 0;

  return (
    <Space direction="vertical" style={{ marginBottom: 8 }}>
      <Space wrap>
        <Button onClick={() => start.mutate('xlsx')} loading={start.isPending} disabled={running} data-testid="register-export-xlsx">
          {t('export.xlsx')}
        </Button>
        <Button onClick={() => start.mutate('csv')} loading={start.isPending} disabled={running} data-testid="register-export-csv">
          {t('export.csv')}
        </Button>
        {running && <Progress percent={percent} size="small" style={{ width: 200 }} aria-label={t('jobs.progress')} data-testid="register-export-progress" />}
        {current.data?.status === 'done' && (
          <Typography.Link href={`/api/v1/staff/registry/register-exports/${current.data.id}/file`} data-testid="register-export-download">
            {t('export.download', { rows: current.data.rows ?? 0 })}
          </Typography.Link>
        )}
        {current.data?.status === 'failed' && <Typography.Text type="danger">{t('export.failed')}</Typography.Text>}
      </Space>
      <ErrorAlert error={start.error ? toApiError(start.error) : null} testId="register-export-error" />
    </Space>
  );
}
