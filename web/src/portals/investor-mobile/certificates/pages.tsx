import { Dialog, Form, Input, Result, Selector, SpinLoading } from 'antd-mobile';
import { Button } from '../../../ui/mobile/button.tsx';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { isApiError, type ApiError } from '../../../api/client.ts';
import { toApiError } from '../../../ui/errors.ts';
import { ErrorNotice } from '../../../ui/mobile/error-notice.tsx';
import { MobileSmsCodeInput } from '../../../ui/mobile/sms-code-input.tsx';
import {
  ACCOUNT_CERTIFICATE_KINDS,
  beijingToday,
  certificateParams,
  proofMessage,
  requestCertificate,
  requestProof,
  useCertificateAccounts,
  useCertificateStatus,
  useProofStanding,
  type AccountCertificateKind,
  type CertificateStatus,
} from '../../../domains/certificates/api.ts';
import { codeFormField } from '../../../domains/profile/contact-errors.ts';
import { sendProofCodeFor, useCertificateEmailRules, useCertificateStepUp } from '../../../domains/certificates/use-certificate-forms.ts';
import { MobilePage } from '../layout/mobile-page.tsx';
import { MobileStepUpPopup } from '../shared/step-up-popup.tsx';
import { MobileForm } from '../../../ui/mobile/mobile-form.tsx';

/**
 * A request that may need 二次认证: sent once; when the step-up has expired the
 * popup asks for it and the request is sent again.
 */
function useStepUpRequest(onDone: (status: CertificateStatus) => void, onError: (failure: unknown) => void) {
  const [pending, setPending] = useState<(() => Promise<CertificateStatus>) | null>(null);
  const stepUpFor = useCertificateStepUp(() => setPending(null));
  const run = async (request: () => Promise<CertificateStatus>) => {
    try {
      onDone(await request());
    } catch (failure) {
      if (isApiError(failure, 'STEP_UP_REQUIRED')) setPending(() => request);
      else onError(failure);
    }
  };
  const popup = <MobileStepUpPopup visible={pending !== null} onClose={() => setPending(null)} {...stepUpFor(() => run(pending!))} />;
  return { run, popup };
}

/**
 * 弹框确认邮箱信息: a declarative dialog (antd-mobile's imperative Dialog.confirm
 * does not render under this React version); ask() resolves with the choice.
 */
function useConfirmEmail() {
  const { t } = useTranslation('certificates');
  const [asking, setAsking] = useState<{ email: string; resolve: (ok: boolean) => void } | null>(null);
  const ask = (email: string) => new Promise<boolean>((resolve) => setAsking({ email, resolve }));
  const answer = (ok: boolean) => {
    asking?.resolve(ok);
    setAsking(null);
  };
  const dialog = (
    <Dialog
      visible={asking !== null}
      title={t('confirmEmailTitle')}
      content={<span data-testid="confirm-email">{t('confirmEmail', { email: asking?.email ?? '' })}</span>}
      onClose={() => answer(false)}
      actions={[
        [
          { key: 'cancel', text: t('cancel'), onClick: () => answer(false) },
          { key: 'ok', text: t('confirm'), bold: true, onClick: () => answer(true) },
        ],
      ]}
    />
  );
  return { ask, dialog };
}

function MobileIssued({ first, title }: { first: CertificateStatus; title: string }) {
  const { t } = useTranslation('certificates');
  const status = useCertificateStatus(first.certificateId);
  const current = status.data ?? first;
  return (
    <div className="ch-m-inset" data-testid="certificate-issued">
      <Result status={current.status === 'failed' ? 'warning' : 'success'} title={<span role="status">{title}</span>} description={t('pdfByMail', { email: current.emailMasked })} />
      <p style={{ textAlign: 'center' }}>
        {t('verificationCode')}：<strong data-testid="cert-code">{current.verificationCode}</strong>
      </p>
      <p style={{ textAlign: 'center' }} data-testid="cert-status" data-status={current.status}>
        {t(`status.${current.status}`)}
      </p>
    </div>
  );
}

/** The page while its query loads or failed, or the issued certificate; null once the form can show. */
function waitingOrIssued(page: { title: string; testId: string }, query: { isPending: boolean; error: unknown; data?: unknown }, issued: CertificateStatus | null, issuedTitle: string) {
  if (query.isPending || !query.data) {
    return (
      <MobilePage title={page.title} back="/m/">
        {query.isPending ? <SpinLoading /> : <ErrorNotice error={toApiError(query.error)} />}
      </MobilePage>
    );
  }
  if (!issued) return null;
  return (
    <MobilePage title={page.title} back="/m/" testId={page.testId}>
      <MobileIssued first={issued} title={issuedTitle} />
    </MobilePage>
  );
}

interface CertificateValues {
  kind: AccountCertificateKind[];
  accountRef: string[];
  date?: string;
  from?: string;
  to?: string;
  email: string;
}

/** 获取电子凭证页 (manual 000 §二.2.2.9): date and account, the address, 发送凭证至邮箱, the address confirmed in a dialog, then 认证信息. */
export function MobileCertificatePage() {
  const { t } = useTranslation('certificates');
  const [search] = useSearchParams();
  const accounts = useCertificateAccounts();
  const [form] = Form.useForm<CertificateValues>();
  const [error, setError] = useState<ApiError | null>(null);
  const [issued, setIssued] = useState<CertificateStatus | null>(null);
  const { run, popup } = useStepUpRequest(setIssued, (failure) => setError(toApiError(failure)));
  const confirmEmail = useConfirmEmail();
  const emailRules = useCertificateEmailRules();
  const kind = (Form.useWatch('kind', form) as AccountCertificateKind[] | undefined)?.[0];

  const title = t('title');
  const waiting = waitingOrIssued({ title, testId: 'm-certificate' }, accounts, issued, t('success'));
  if (waiting || !accounts.data) return waiting;

  const today = beijingToday();
  const given = certificateParams(search);
  const initial = {
    kind: [given.kind ?? 'holding_balance'],
    accountRef: [given.accountRef ?? accounts.data.items[0]?.ref].filter(Boolean),
    date: given.date ?? today,
    from: given.from ?? today,
    to: given.to ?? today,
  };

  const submit = async (values: CertificateValues) => {
    setError(null);
    const email = values.email.trim();
    if (!(await confirmEmail.ask(email))) return;
    const k = values.kind[0]!;
    const range = k === 'holding_changes' ? { from: values.from, to: values.to } : { date: values.date };
    await run(() =>
      requestCertificate({ kind: k, accountRef: values.accountRef[0]!, ...(given.market ? { market: given.market } : {}), ...(given.securityClass ? { securityClass: given.securityClass } : {}), ...range, email }),
    );
  };

  return (
    <MobilePage title={title} back="/m/" testId="m-certificate">
      <ErrorNotice error={error} />
      <MobileForm form={form} initialValues={initial} onFinish={(values: CertificateValues) => void submit(values)} name="m-certificate" submitLabel={t('sendToEmail')} submitTestId="cert-send-to-email">
        <Form.Item label={t('kind')} name="kind" rules={[{ required: true }]}>
          <Selector columns={3} options={ACCOUNT_CERTIFICATE_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))} />
        </Form.Item>
        {kind === 'holding_changes' ? (
          <>
            <Form.Item label={t('rangeFrom')} name="from" rules={[{ required: true, message: t('dateRequired') }]}>
              <Input type="date" data-testid="cert-from" />
            </Form.Item>
            <Form.Item label={t('rangeTo')} name="to" rules={[{ required: true, message: t('dateRequired') }]}>
              <Input type="date" data-testid="cert-to" />
            </Form.Item>
          </>
        ) : (
          <Form.Item label={t('date')} name="date" rules={[{ required: true, message: t('dateRequired') }]}>
            <Input type="date" data-testid="cert-date" />
          </Form.Item>
        )}
        <Form.Item label={t('account')} name="accountRef" rules={[{ required: true, message: t('accountRequired') }]}>
          <Selector columns={1} options={accounts.data.items.map((a) => ({ value: a.ref, label: `${a.numberMasked}（${t(`markets.${a.market}`, { defaultValue: a.market })}）` }))} data-testid="cert-account" />
        </Form.Item>
        <Form.Item label={t('email')} name="email" rules={emailRules}>
          <Input placeholder={t('emailPlaceholder')} data-testid="cert-email" />
        </Form.Item>
      </MobileForm>
      {popup}
      {confirmEmail.dialog}
    </MobilePage>
  );
}

/** 未曾开立证券账户证明 (manual 000 §二.2.2.10): 开具证明, the address and its code, the dialog, 认证信息 when expired. */
export function MobileNeverOpenedProofPage() {
  const { t } = useTranslation('certificates');
  const standing = useProofStanding();
  const navigate = useNavigate();
  const [form] = Form.useForm<{ email: string; emailCode: string }>();
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [issued, setIssued] = useState<CertificateStatus | null>(null);
  const showError = (failure: unknown) => {
    const apiError = toApiError(failure);
    if (codeFormField(apiError) === 'code') form.setFields([{ name: 'emailCode', errors: [apiError.message] }]);
    else setError(apiError);
  };
  const { run, popup } = useStepUpRequest(setIssued, showError);
  const confirmEmail = useConfirmEmail();
  const emailRules = useCertificateEmailRules();
  const [refused, setRefused] = useState(false);
  const title = asking ? t('proof.getTitle') : t('proof.title');

  const waiting = waitingOrIssued({ title, testId: 'm-proof' }, standing, issued, t('proof.success'));
  if (waiting || !standing.data) return waiting;
  const s = standing.data;

  if (s.code === 'PROOF_NOT_VERIFIED' || s.code === 'PROOF_BOUND' || s.code === 'PROOF_OUTSIDE_HOURS') {
    return (
      <MobilePage title={title} back="/m/" testId="m-proof">
        <div className="ch-m-inset">
          <Result status="warning" title={<span data-testid="proof-message">{proofMessage(t, s)}</span>} />
          {s.code === 'PROOF_NOT_VERIFIED' ? (
            <Button block color="primary" size="large" onClick={() => navigate('/m/real-name')} data-testid="proof-to-real-name">
              {t('proof.toRealName')}
            </Button>
          ) : null}
        </div>
      </MobilePage>
    );
  }

  const issue = () => {
    if (s.code === 'PROOF_HAS_ACCOUNTS') setRefused(true);
    else setAsking(true);
  };

  const sendCode = sendProofCodeFor(form);

  const submit = async ({ email, emailCode }: { email: string; emailCode: string }) => {
    setError(null);
    if (await confirmEmail.ask(email.trim())) await run(() => requestProof({ email: email.trim(), emailCode: emailCode.trim() }));
  };

  return (
    <MobilePage title={title} back="/m/" testId="m-proof">
      <ErrorNotice error={error} />
      <div className="ch-m-inset">
        <p className="ch-m-hint">{t('proof.intro')}</p>
        {s.subject ? (
          <p>
            {t('proof.name')}：{s.subject.name}　{t('proof.idNumber')}：{s.subject.idNumberMasked}
          </p>
        ) : null}
      </div>
      {asking ? (
        <MobileForm form={form} onFinish={(values: { email: string; emailCode: string }) => void submit(values)} name="m-proof" submitLabel={t('next')} submitTestId="proof-next">
          <Form.Item label={t('email')} name="email" rules={emailRules}>
            <Input placeholder={t('emailPlaceholder')} data-testid="proof-email" />
          </Form.Item>
          <Form.Item label={t('proof.emailCode')} name="emailCode" rules={[{ required: true, whitespace: true, message: t('proof.emailCodeRequired') }]}>
            <MobileSmsCodeInput channel="email" send={sendCode} onError={showError} />
          </Form.Item>
        </MobileForm>
      ) : (
        <div className="ch-m-inset">
          <Button block color="primary" size="large" onClick={issue} data-testid="proof-issue">
            {t('proof.issue')}
          </Button>
        </div>
      )}
      {popup}
      {confirmEmail.dialog}
      <Dialog visible={refused} content={<span data-testid="proof-error">{s.code ? proofMessage(t, s) : ''}</span>} closeOnAction onClose={() => setRefused(false)} actions={[{ key: 'ok', text: t('confirm') }]} />
    </MobilePage>
  );
}
