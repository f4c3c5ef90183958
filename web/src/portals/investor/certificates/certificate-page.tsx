import { Alert, Card, Form, Input, Radio, Result, Select, Space, Spin, Typography } from 'antd';
import { Button } from '../../../ui/button.tsx';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { isApiError, type ApiError } from '../../../api/client.ts';
import { ErrorAlert } from '../../../ui/desktop/error-alert.tsx';
import { toApiError } from '../../../ui/errors.ts';
import { useDocumentTitle } from '../../../ui/portal.tsx';
import { useCertificateEmailRules, useCertificateStepUp } from '../../../domains/certificates/use-certificate-forms.ts';
import { StepUpModal } from '../shared/step-up-modal.tsx';
import {
  ACCOUNT_CERTIFICATE_KINDS,
  MARKETS,
  SECURITY_CLASSES,
  beijingToday,
  certificateParams,
  requestCertificate,
  useCertificateAccounts,
  useCertificateStatus,
  type CertificateRequest,
  type CertificateStatus,
} from '../../../domains/certificates/api.ts';

/**
 * 获取电子凭证 (manual 000 §一.2.2.9): type, date or range, account, market and
 * class, prefilled from the query page that linked here; 发送凭证至邮箱 asks
 * for the address and 二次认证 (again when the last one expired); 下一步 submits.
 */
export function CertificatePage() {
  const { t } = useTranslation('certificates');
  useDocumentTitle(t('title'));
  const [search] = useSearchParams();
  const accounts = useCertificateAccounts();
  const [form] = Form.useForm<CertificateRequest>();
  const kind = Form.useWatch('kind', form);
  const [emailStep, setEmailStep] = useState(false);
  const [stepUpOpen, setStepUpOpen] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [issued, setIssued] = useState<CertificateStatus | null>(null);
  const emailRules = useCertificateEmailRules();
  const stepUpFor = useCertificateStepUp(() => setStepUpOpen(false));

  if (accounts.isPending) return <Spin />;
  if (!accounts.data) return <ErrorAlert error={toApiError(accounts.error)} />;
  if (issued)
    return (
      <CertificateIssued
        first={issued}
        onAgain={() => {
          setIssued(null);
          setEmailStep(false);
        }}
      />
    );

  const today = beijingToday();
  const initial = { kind: 'holding_balance' as const, date: today, from: today, to: today, accountRef: accounts.data.items[0]?.ref, ...certificateParams(search) };

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const values = form.getFieldsValue(true) as CertificateRequest;
      const body: CertificateRequest = values.kind === 'holding_changes' ? { ...values, date: undefined } : { ...values, from: undefined, to: undefined };
      setIssued(await requestCertificate({ ...body, email: values.email.trim() }));
    } catch (failure) {
      if (isApiError(failure, 'STEP_UP_REQUIRED')) setStepUpOpen(true);
      else setError(toApiError(failure));
    } finally {
      setBusy(false);
    }
  };

  const next = async () => {
    await form.validateFields();
    await submit();
  };

  return (
    <Card title={t('title')} style={{ maxWidth: 720 }} data-testid="certificate-page">
      <ErrorAlert error={error} />
      <Form form={form} layout="horizontal" labelCol={{ span: 6 }} wrapperCol={{ span: 16 }} initialValues={initial} requiredMark={false} name="certificate">
        <Form.Item label={t('kind')} name="kind">
          <Radio.Group data-testid="cert-kind">
            {ACCOUNT_CERTIFICATE_KINDS.map((k) => (
              <Radio key={k} value={k} data-testid={`cert-kind-${k}`}>
                {t(`kinds.${k}`)}
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        {kind === 'holding_changes' ? (
          <Form.Item label={t('range')} required>
            <Space>
              <Form.Item name="from" noStyle rules={[{ required: true, message: t('dateRequired') }]}>
                <Input type="date" max={today} data-testid="cert-from" />
              </Form.Item>
              <span>—</span>
              <Form.Item name="to" noStyle rules={[{ required: true, message: t('dateRequired') }]}>
                <Input type="date" max={today} data-testid="cert-to" />
              </Form.Item>
            </Space>
          </Form.Item>
        ) : (
          <Form.Item label={t('date')} name="date" rules={[{ required: true, message: t('dateRequired') }]}>
            <Input type="date" max={today} data-testid="cert-date" />
          </Form.Item>
        )}
        <Form.Item label={t('account')} name="accountRef" rules={[{ required: true, message: t('accountRequired') }]}>
          <Select
            data-testid="cert-account"
            notFoundContent={t('noAccounts')}
            options={accounts.data.items.map((a) => ({ value: a.ref, label: `${a.numberMasked}（${t(`markets.${a.market}`, { defaultValue: a.market })}）` }))}
          />
        </Form.Item>
        <Form.Item label={t('market')} name="market">
          <Select allowClear placeholder={t('all')} options={MARKETS.map((m) => ({ value: m, label: t(`markets.${m}`) }))} data-testid="cert-market" />
        </Form.Item>
        <Form.Item label={t('securityClass')} name="securityClass">
          <Select allowClear placeholder={t('all')} options={SECURITY_CLASSES.map((c) => ({ value: c, label: t(`classes.${c}`) }))} data-testid="cert-class" />
        </Form.Item>
        {emailStep ? (
          <>
            <Form.Item label={t('email')} name="email" rules={emailRules}>
              <Input placeholder={t('emailPlaceholder')} data-testid="cert-email" />
            </Form.Item>
            <Form.Item wrapperCol={{ offset: 6, span: 16 }}>
              <Alert type="info" showIcon message={t('stepUpHint')} style={{ marginBottom: 16 }} />
              <Button type="primary" loading={busy} onClick={() => void next()} data-testid="cert-next">
                {t('next')}
              </Button>
            </Form.Item>
          </>
        ) : (
          <Form.Item wrapperCol={{ offset: 6, span: 16 }}>
            <Button type="primary" onClick={() => void form.validateFields().then(() => setEmailStep(true))} data-testid="cert-send-to-email">
              {t('sendToEmail')}
            </Button>
          </Form.Item>
        )}
      </Form>
      <StepUpModal open={stepUpOpen} onCancel={() => setStepUpOpen(false)} {...stepUpFor(submit)} />
    </Card>
  );
}

/** Success: the verification code at once; the PDF follows by e-mail (the state is polled). */
export function CertificateIssued({ first, onAgain, title }: { first: CertificateStatus; onAgain?: () => void; title?: string }) {
  const { t } = useTranslation('certificates');
  const status = useCertificateStatus(first.certificateId);
  const current = status.data ?? first;
  return (
    <Card style={{ maxWidth: 720 }} data-testid="certificate-issued">
      <Result
        status={current.status === 'failed' ? 'warning' : 'success'}
        title={<span role="status">{title ?? t('success')}</span>}
        subTitle={t('pdfByMail', { email: current.emailMasked })}
        extra={
          onAgain ? (
            <Button onClick={onAgain} disabled={current.status === 'queued'} data-testid="cert-again">
              {t('again')}
            </Button>
          ) : null
        }
      >
        <Typography.Paragraph style={{ textAlign: 'center' }}>
          {t('verificationCode')}：
          <Typography.Text strong copyable data-testid="cert-code">
            {current.verificationCode}
          </Typography.Text>
        </Typography.Paragraph>
        <Typography.Paragraph style={{ textAlign: 'center' }} data-testid="cert-status" data-status={current.status}>
          {t(`status.${current.status}`)}
        </Typography.Paragraph>
      </Result>
    </Card>
  );
}
