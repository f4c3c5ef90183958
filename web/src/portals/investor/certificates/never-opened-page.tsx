import { App, Card, Descriptions, Form, Input, Radio, Result, Spin } from 'antd';
import { Button } from '../../../ui/button.tsx';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { isApiError, type ApiError } from '../../../api/client.ts';
import { ErrorAlert } from '../../../ui/desktop/error-alert.tsx';
import { SmsCodeInput } from '../../../ui/desktop/sms-code-input.tsx';
import { toApiError } from '../../../ui/errors.ts';
import { useDocumentTitle } from '../../../ui/portal.tsx';
import { codeFormField } from '../../../domains/profile/contact-errors.ts';
import { sendProofCodeFor, useCertificateEmailRules, useCertificateStepUp } from '../../../domains/certificates/use-certificate-forms.ts';
import { StepUpModal } from '../shared/step-up-modal.tsx';
import { proofMessage, requestProof, useProofStanding, type CertificateStatus } from '../../../domains/certificates/api.ts';
import { CertificateIssued } from './certificate-page.tsx';

/**
 * 未曾开立证券账户证明 (manual 000 §一.2.2.10): outside 6:00–21:00, for a bound
 * user and for an unverified one the manual's message; a verified user sees
 * the person the proof names and 开具证明 — an error dialog when that person
 * has securities accounts — then the address and 二次认证.
 */
export function NeverOpenedProofPage() {
  const { t } = useTranslation('certificates');
  useDocumentTitle(t('proof.title'));
  const standing = useProofStanding();
  const navigate = useNavigate();
  const { modal } = App.useApp();
  const [asking, setAsking] = useState(false);
  const [issued, setIssued] = useState<CertificateStatus | null>(null);

  if (standing.isPending) return <Spin />;
  if (!standing.data) return <ErrorAlert error={toApiError(standing.error)} />;
  if (issued) return <CertificateIssued first={issued} title={t('proof.success')} />;
  const s = standing.data;

  if (s.code === 'PROOF_NOT_VERIFIED' || s.code === 'PROOF_BOUND' || s.code === 'PROOF_OUTSIDE_HOURS') {
    return (
      <Card title={t('proof.title')} style={{ maxWidth: 720 }} data-testid="proof-page">
        <Result
          status="warning"
          title={<span data-testid="proof-message">{proofMessage(t, s)}</span>}
          extra={
            s.code === 'PROOF_NOT_VERIFIED' ? (
              <Button type="primary" onClick={() => navigate('/real-name')} data-testid="proof-to-real-name">
                {t('proof.toRealName')}
              </Button>
            ) : (
              <Button onClick={() => navigate('/')}>{t('proof.backHome')}</Button>
            )
          }
        />
      </Card>
    );
  }

  const issue = () => {
    if (s.code === 'PROOF_HAS_ACCOUNTS') {
      modal.error({ title: t('proof.errorTitle'), content: <span data-testid="proof-error">{proofMessage(t, s)}</span>, okText: t('confirm') });
      return;
    }
    setAsking(true);
  };

  return (
    <Card title={asking ? t('proof.getTitle') : t('proof.title')} style={{ maxWidth: 720 }} data-testid="proof-page">
      <p>{t('proof.intro')}</p>
      {s.subject ? (
        <Descriptions column={1} title={t('proof.subject')} style={{ marginBottom: 16 }}>
          <Descriptions.Item label={t('proof.name')}>{s.subject.name}</Descriptions.Item>
          <Descriptions.Item label={t('proof.idNumber')}>{s.subject.idNumberMasked}</Descriptions.Item>
        </Descriptions>
      ) : null}
      {asking ? (
        <ProofEmailForm ownEmailMasked={s.emailMasked} onIssued={setIssued} />
      ) : (
        <Button type="primary" onClick={issue} data-testid="proof-issue">
          {t('proof.issue')}
        </Button>
      )}
    </Card>
  );
}

interface EmailValues {
  target: 'own' | 'other';
  email?: string;
  emailCode?: string;
}

/** The address: the registered e-mail as it is, or another one confirmed by the code sent to it; then 二次认证. */
function ProofEmailForm({ ownEmailMasked, onIssued }: { ownEmailMasked?: string; onIssued: (status: CertificateStatus) => void }) {
  const { t } = useTranslation('certificates');
  const [form] = Form.useForm<EmailValues>();
  const target = Form.useWatch('target', form) ?? (ownEmailMasked ? 'own' : 'other');
  const [stepUpOpen, setStepUpOpen] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const emailRules = useCertificateEmailRules();
  const stepUpFor = useCertificateStepUp(() => setStepUpOpen(false));

  const showError = (failure: unknown) => {
    const apiError = toApiError(failure);
    if (codeFormField(apiError) === 'code' || apiError.code === 'PROOF_EMAIL_CODE_REQUIRED') form.setFields([{ name: 'emailCode', errors: [apiError.message] }]);
    else setError(apiError);
  };

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const values = form.getFieldsValue(true) as EmailValues;
      onIssued(await requestProof(values.target === 'own' ? {} : { email: values.email?.trim(), emailCode: values.emailCode?.trim() }));
    } catch (failure) {
      if (isApiError(failure, 'STEP_UP_REQUIRED')) setStepUpOpen(true);
      else showError(failure);
    } finally {
      setBusy(false);
    }
  };

  const sendCode = sendProofCodeFor(form);

  return (
    <>
      <ErrorAlert error={error} />
      <Form form={form} layout="vertical" requiredMark={false} initialValues={{ target: ownEmailMasked ? 'own' : 'other' }} onFinish={() => void submit()} name="proof-email">
        <Form.Item label={t('email')} name="target">
          <Radio.Group>
            {ownEmailMasked ? <Radio value="own">{t('proof.useOwnEmail', { email: ownEmailMasked })}</Radio> : null}
            <Radio value="other" data-testid="proof-other-email">
              {t('proof.otherEmail')}
            </Radio>
          </Radio.Group>
        </Form.Item>
        {target === 'other' ? (
          <>
            <Form.Item name="email" rules={emailRules}>
              <Input placeholder={t('emailPlaceholder')} data-testid="proof-email" />
            </Form.Item>
            <Form.Item label={t('proof.emailCode')} name="emailCode" rules={[{ required: true, whitespace: true, message: t('proof.emailCodeRequired') }]}>
              <SmsCodeInput channel="email" send={sendCode} onError={showError} />
            </Form.Item>
          </>
        ) : null}
        <Button type="primary" htmlType="submit" loading={busy} data-testid="proof-next">
          {t('next')}
        </Button>
      </Form>
      <StepUpModal open={stepUpOpen} onCancel={() => setStepUpOpen(false)} {...stepUpFor(submit)} />
    </>
  );
}
