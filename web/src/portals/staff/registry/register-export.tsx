/** 导出股东名册: a register export job for the register being looked at, and its download when done. */
import { useMutation } from '@tanstack/react-query';
import { Progress, Space, Typography } from 'antd';
import { Button } from '../../../ui/button.tsx';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { registerExportFile, startRegisterExport, useRegisterExport, type ExportFormat, type RegisterQuery } from '../../../domains/registry-staff/api.ts';
import { ErrorAlert } from '../../../ui/desktop/error-alert.tsx';
import { toApiError } from '../../../ui/errors.ts';

export function RegisterExportButtons({ query }: { query: RegisterQuery }) {
  const { t } = useTranslation('registry-events');
  const [exportId, setExportId] = useState<string | null>(null);
  const start = useMutation({
    mutationFn: (format: ExportFormat) => startRegisterExport(query, format),
    onSuccess: (answer) => setExportId(answer.exportId),
  });
  const current = useRegisterExport(exportId);
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
          <Typography.Link href={registerExportFile(current.data.id)} data-testid="register-export-download">
            {t('export.download', { rows: current.data.rows ?? 0 })}
          </Typography.Link>
        )}
        {current.data?.status === 'failed' && <Typography.Text type="danger">{t('export.failed')}</Typography.Text>}
      </Space>
      <ErrorAlert error={start.error ? toApiError(start.error) : null} testId="register-export-error" />
    </Space>
  );
}
