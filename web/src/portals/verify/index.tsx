/** Public verification of e-certificates (`/verify/`): by code (typed or from the QR code) and by file. */
import { useState } from 'react';
import { Alert, Card, Descriptions, Form, Input, Result, Space, Tag, Typography, Upload } from 'antd';
import { Button } from '../../ui/button.tsx';
import { SafetyCertificateOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { isApiError, type ApiError } from '../../api/client.ts';
import { ErrorAlert } from '../../ui/desktop/error-alert.tsx';
import { PortalIntroFrame } from '../../ui/desktop/portal-intro.tsx';
import { useCertificateFileCheck, useVerifiedCertificate, type VerifiedCertificate } from '../../domains/verify/api.ts';

function CertificateDetails({ certificate }: { certificate: VerifiedCertificate }) {
  const { t, i18n } = useTranslation('verify');
  const summaryKeys = Object.keys(certificate.summary).filter((key) => i18n.exists(`verify:summary.${key}`));
  return (
    <Descriptions bordered column={1} size="small" data-testid="certificate-details">
      <Descriptions.Item label={t('fields.kind')}>
        <span data-testid="certificate-kind">{t(`kinds.${certificate.kind}`)}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('fields.holder')}>
        <span data-testid="certificate-holder">{certificate.holderNameMasked}</span>
      </Descriptions.Item>
      {certificate.accountMasked && <Descriptions.Item label={t('fields.account')}>{certificate.accountMasked}</Descriptions.Item>}
      {certificate.date && <Descriptions.Item label={t('fields.date')}>{certificate.date}</Descriptions.Item>}
      {certificate.from && <Descriptions.Item label={t('fields.range')}>{t('fields.rangeValue', { from: certificate.from, to: certificate.to })}</Descriptions.Item>}
      {summaryKeys.map((key) => (
        <Descriptions.Item key={key} label={t(`summary.${key}`)}>
          <span data-testid={`summary-${key}`}>{String(certificate.summary[key])}</span>
        </Descriptions.Item>
      ))}
      <Descriptions.Item label={t('fields.issuedAt')}>{new Date(certificate.issuedAt).toLocaleString(i18n.language, { timeZone: 'Asia/Shanghai', hour12: false })}</Descriptions.Item>
      <Descriptions.Item label={t('fields.sha256')}>
        <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>
          {certificate.sha256}
        </Typography.Text>
      </Descriptions.Item>
    </Descriptions>
  );
}

function FileCheckPanel({ code }: { code: string }) {
  const { t } = useTranslation('verify');
  const check = useCertificateFileCheck(code);
  return (
    <Card title={t('file.title')} size="small" style={{ marginTop: 16 }}>
      <Typography.Paragraph type="secondary">{t('file.hint')}</Typography.Paragraph>
      <Upload
        accept="application/pdf,.pdf"
        maxCount={1}
        showUploadList={false}
        beforeUpload={(file) => {
          check.mutate(file);
          return false;
        }}
      >
        <Button icon={<UploadOutlined />} loading={check.isPending} data-testid="upload-file">
          {t('file.choose')}
        </Button>
      </Upload>
      {check.data && (
        <Alert
          style={{ marginTop: 16 }}
          showIcon
          type={check.data.genuine ? 'success' : 'error'}
          data-testid="file-result"
          data-genuine={String(check.data.genuine)}
          message={check.data.genuine ? t('file.genuine') : t(`file.${check.data.reason ?? 'signature_invalid'}`)}
        />
      )}
      <ErrorAlert error={check.error as ApiError | null} testId="file-error" />
    </Card>
  );
}

export default function VerifyPortal() {
  const { t } = useTranslation('verify');
  const [params, setParams] = useSearchParams();
  const submitted = params.get('code')?.trim() ?? '';
  const [code, setCode] = useState(submitted);
  // The code in the address is the one looked up, so the QR link and a typed code take one path.
  const lookup = useVerifiedCertificate(submitted);
  const submit = () => {
    const typed = code.trim();
    if (!typed) return;
    if (typed === submitted) void lookup.refetch();
    else setParams({ code: typed }, { replace: true });
  };
  const notFound = isApiError(lookup.error, 'CERT_NOT_FOUND');
  return (
    <PortalIntroFrame name={t('portal.name')}>
      <Card className="ch-intro-card" style={{ maxWidth: 760, width: '100%' }}>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          <SafetyCertificateOutlined /> {t('title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('intro')}</Typography.Paragraph>
        <Form layout="inline" onFinish={submit} style={{ marginBottom: 16 }}>
          <Form.Item label={t('code.label')} style={{ flex: 1 }}>
            <Input value={code} onChange={(e) => setCode(e.target.value)} placeholder={t('code.placeholder')} maxLength={40} allowClear data-testid="code-input" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={lookup.isFetching} data-testid="verify-submit">
            {t('code.submit')}
          </Button>
        </Form>
        {notFound && (
          <div data-testid="not-found">
            <Result status="warning" title={t('notFound.title')} subTitle={(lookup.error as ApiError).message} />
          </div>
        )}
        {!notFound && <ErrorAlert error={lookup.error as ApiError | null} testId="lookup-error" />}
        {lookup.data && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Alert
              type="success"
              showIcon
              data-testid="genuine"
              message={
                <span>
                  <Tag color="green">{t('genuine.tag')}</Tag>
                  {t('genuine.message', { title: lookup.data.title })}
                </span>
              }
            />
            <CertificateDetails certificate={lookup.data} />
            <FileCheckPanel key={lookup.data.code} code={lookup.data.code} />
          </Space>
        )}
      </Card>
    </PortalIntroFrame>
  );
}
