/**
 * 结算数据导入: upload a settlement batch (CSV), then follow its import in the list below.
 * 收盘价导入 is the same page for the daily closing-price files (the IPO quota counts in them).
 */
import { ReloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Card, Col, Form, Input, Progress, Row, Space, Tooltip, Typography, Upload, type UploadFile } from 'antd';
import { Button } from '../../../ui/button.tsx';
import { Fragment, useEffect, useRef, useState } from 'react';
import { ErrorAlert } from '../../../ui/desktop/error-alert.tsx';
import { toApiError } from '../../../ui/errors.ts';
import { formatDateTime } from '../../../ui/console/format.ts';
import { useTranslation } from 'react-i18next';
import { ConsoleTable, usePaging } from '../../../ui/console/table.tsx';
import {
  BATCH_ID_PATTERN,
  CLOSING_PRICE_COLUMNS,
  IMPORTS_REFRESH_MS,
  SETTLEMENT_COLUMNS,
  registryKeys,
  uploadClosingPriceFile,
  uploadSettlementFile,
  useClosingPriceImports,
  useSettlementImports,
  type SettlementImport,
  type UploadProgress,
} from '../../../domains/registry-staff/api.ts';
import { formatBytes } from './format.ts';
import { ImportOutcome, ImportProgress, RejectedLines, rejectedLines } from './import-outcome.tsx';

interface UploadForm {
  batchId: string;
  file: UploadFile[];
}

const PAGE_SIZE = 10;

/** What differs between the two imports of the page: the texts (their i18n prefix), the columns, the upload and the list. */
interface ImportKind {
  texts: 'registry.import' | 'registry.priceImport';
  columns: readonly string[];
  rules: readonly string[];
  upload: typeof uploadSettlementFile;
  useImports: typeof useSettlementImports;
}

const SETTLEMENT: ImportKind = { texts: 'registry.import', columns: SETTLEMENT_COLUMNS, rules: ['ruleFormat', 'ruleWhole', 'ruleAtomic', 'ruleOnce'], upload: uploadSettlementFile, useImports: useSettlementImports };
const CLOSING_PRICES: ImportKind = {
  texts: 'registry.priceImport',
  columns: CLOSING_PRICE_COLUMNS,
  rules: ['ruleFormat', 'ruleWhole', 'ruleOnce', 'ruleQuota'],
  upload: uploadClosingPriceFile,
  useImports: useClosingPriceImports,
};

export function SettlementImportPage() {
  return <ImportPage kind={SETTLEMENT} />;
}

export function ClosingPriceImportPage() {
  return <ImportPage kind={CLOSING_PRICES} />;
}

function ImportPage({ kind }: { kind: ImportKind }) {
  const { t } = useTranslation('staff');
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card title={t(`${kind.texts}.title`)}>
        <Row gutter={32}>
          <Col xs={24} xl={12}>
            <UploadSettlementForm kind={kind} />
          </Col>
          <Col xs={24} xl={12}>
            <SettlementFileHelp kind={kind} />
          </Col>
        </Row>
      </Card>
      <ImportList kind={kind} />
    </Space>
  );
}

function UploadSettlementForm({ kind }: { kind: ImportKind }) {
  const { t } = useTranslation('staff');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<UploadForm>();
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);

  const upload = useMutation({
    mutationFn: ({ batchId, file }: { batchId: string; file: File }) => {
      abort.current = new AbortController();
      setProgress({ loaded: 0, total: file.size });
      return kind.upload(batchId, file, setProgress, abort.current.signal);
    },
    onSuccess: async (_answer, { batchId }) => {
      void message.success(t('registry.import.submitted', { batchId }));
      form.resetFields();
      await queryClient.invalidateQueries({ queryKey: [...registryKeys.all, 'imports'] });
    },
    onSettled: () => {
      abort.current = null;
      setProgress(null);
    },
  });
  const cancelled = upload.error instanceof DOMException && upload.error.name === 'AbortError';
  const percent = progress && progress.total > 0 ? Math.min(100, Math.floor((progress.loaded / progress.total) * 100)) : 0;

  return (
    <>
      <ErrorAlert error={upload.error && !cancelled ? toApiError(upload.error) : null} testId="registry-upload-error" />
      <Form<UploadForm>
        form={form}
        name="settlementUpload"
        layout="vertical"
        disabled={upload.isPending}
        onFinish={({ batchId, file }) => {
          const chosen = file[0]?.originFileObj;
          if (chosen) upload.mutate({ batchId: batchId.trim(), file: chosen });
        }}
      >
        <Form.Item
          label={t('registry.import.batchId')}
          name="batchId"
          extra={t('registry.import.batchIdHelp')}
          rules={[
            { required: true, whitespace: true, message: t('registry.import.batchIdRequired') },
            { pattern: BATCH_ID_PATTERN, message: t('registry.import.batchIdFormat') },
          ]}
        >
          <Input maxLength={64} autoComplete="off" data-testid="registry-batch-id" />
        </Form.Item>
        <Form.Item
          label={t(`${kind.texts}.file`)}
          name="file"
          valuePropName="fileList"
          getValueFromEvent={(event: { fileList: UploadFile[] }) => event.fileList.slice(-1)}
          rules={[{ required: true, type: 'array', min: 1, message: t('registry.import.fileRequired') }]}
        >
          <Upload accept=".csv,text/csv" maxCount={1} beforeUpload={() => false} data-testid="registry-file">
            <Button icon={<UploadOutlined />}>{t('registry.import.chooseFile')}</Button>
          </Upload>
        </Form.Item>
        <Form.Item style={{ marginBottom: 0 }}>
          <Space>
            <Button type="primary" htmlType="submit" loading={upload.isPending} data-testid="registry-upload-submit">
              {t('registry.import.submit')}
            </Button>
            {upload.isPending && (
              <Button disabled={false} onClick={() => abort.current?.abort()} data-testid="registry-upload-cancel">
                {t('registry.import.cancelUpload')}
              </Button>
            )}
          </Space>
        </Form.Item>
      </Form>
      {progress && (
        <div style={{ marginTop: 16 }} data-testid="registry-upload-progress">
          <Typography.Text type="secondary">{t('registry.import.uploading', { loaded: formatBytes(progress.loaded), total: formatBytes(progress.total) })}</Typography.Text>
          <Progress percent={percent} status="active" aria-label={t('registry.import.progress')} />
        </div>
      )}
      {cancelled && !upload.isPending && (
        <Typography.Text type="warning" data-testid="registry-upload-cancelled">
          {t('registry.import.uploadCancelled')}
        </Typography.Text>
      )}
    </>
  );
}

function SettlementFileHelp({ kind }: { kind: ImportKind }) {
  const { t } = useTranslation('staff');
  return (
    <div data-testid="registry-import-help">
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('registry.import.helpTitle')}
      </Typography.Title>
      <Typography.Paragraph style={{ marginBottom: 8 }}>{t('registry.import.helpColumns')}</Typography.Paragraph>
      <Typography.Paragraph>
        <Typography.Text code copyable={{ text: kind.columns.join(',') }} data-testid="registry-import-columns">
          {kind.columns.map((column, i) => (
            <Fragment key={column}>
              {i > 0 && (
                <>
                  ,<wbr />
                </>
              )}
              {column}
            </Fragment>
          ))}
        </Typography.Text>
      </Typography.Paragraph>
      <ul style={{ paddingInlineStart: 20, margin: 0 }}>
        {kind.rules.map((rule) => (
          <li key={rule}>
            <Typography.Text type="secondary">{t(`${kind.texts}.${rule}`)}</Typography.Text>
          </li>
        ))}
      </ul>
    </div>
  );
}

function ImportList({ kind }: { kind: ImportKind }) {
  const { t } = useTranslation('staff');
  const { paging, pageOf } = usePaging(PAGE_SIZE, [10, 20, 50]);
  const imports = kind.useImports(paging);
  const polling = imports.data?.items.some((item) => item.status === 'queued' || item.status === 'running') ?? false;

  return (
    <Card
      title={t('registry.import.listTitle')}
      extra={
        <Space size="middle">
          {polling && (
            <Typography.Text type="secondary" data-testid="registry-imports-polling">
              {t('registry.import.autoRefresh', { seconds: IMPORTS_REFRESH_MS / 1000 })}
            </Typography.Text>
          )}
          <Typography.Text type="secondary">{t('registry.import.timeZoneNote')}</Typography.Text>
          <Button icon={<ReloadOutlined />} loading={imports.isFetching} onClick={() => void imports.refetch()} data-testid="registry-imports-refresh">
            {t('registry.import.refresh')}
          </Button>
        </Space>
      }
    >
      <ConsoleTable<SettlementImport>
        {...pageOf(imports)}
        errorTestId="registry-imports-error"
        rowKey="jobId"
        loading={imports.isPending}
        locale={{ emptyText: t(`${kind.texts}.empty`) }}
        testIdOf={(item) => `import-row-${item.batchId}`}
        scroll={{ x: 900 }}
        expandable={{
          rowExpandable: (item) => rejectedLines(item).length > 0,
          expandedRowRender: (item) => <RejectedLines errors={rejectedLines(item)} />,
        }}
        columns={[
          {
            title: t('registry.import.batchId'),
            dataIndex: 'batchId',
            width: 170,
            render: (batchId: string) => (
              <Typography.Text strong style={{ wordBreak: 'break-all' }}>
                {batchId}
              </Typography.Text>
            ),
          },
          {
            title: t('registry.import.file'),
            key: 'file',
            width: 190,
            ellipsis: { showTitle: false },
            render: (_, item) => (
              <>
                <Tooltip title={item.fileName} placement="topLeft">
                  <div style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{item.fileName}</div>
                </Tooltip>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatBytes(item.bytes)}
                </Typography.Text>
              </>
            ),
          },
          {
            title: t('registry.import.times'),
            key: 'times',
            width: 200,
            render: (_, item) => (
              <div style={{ whiteSpace: 'nowrap', fontSize: 13 }}>
                <div>{t('registry.import.submittedAt', { time: formatDateTime(item.createdAt) })}</div>
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {t('registry.import.finishedAt', { time: formatDateTime(item.finishedAt) || t('common.none') })}
                </Typography.Text>
              </div>
            ),
          },
          { title: t('registry.import.progress'), key: 'progress', width: 150, render: (_, item) => <ImportProgress item={item} /> },
          { title: t('registry.import.outcome'), key: 'outcome', render: (_, item) => <ImportOutcome item={item} /> },
        ]}
      />
    </Card>
  );
}
