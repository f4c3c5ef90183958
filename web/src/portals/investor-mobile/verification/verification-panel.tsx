import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Form, Input, List, Radio, Space, SpinLoading } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../api/client.ts';
import { ErrorNotice } from '../../../ui/mobile/error-notice.tsx';
import { MobileSmsCodeInput } from '../../../ui/mobile/sms-code-input.tsx';
import { toApiError } from '../../../ui/errors.ts';
import {
  confirmOwnCode,
  confirmReservedPhone,
  confirmUnionPay,
  requestCounter,
  requestUnionPayCode,
  reselect,
  sendOwnCode,
  sendReservedPhoneCode,
  startTrading,
  useVerification,
  verificationKeys,
  type CardElements,
  type Verification,
  type VerificationMethod,
} from '../../../domains/verification/api.ts';
import { useMethodStep } from '../../../domains/verification/use-method-step.ts';

interface Props {
  verificationId: string;
  onPassed: (verification: Verification) => void;
  onReselected: (verification: Verification) => void;
  /** marked （推荐） in the list */
  recommended?: VerificationMethod;
}

/** 身份认证方式选择页 and the chosen method (manual 000 §二.2.1.1 (3)-(4)), for any purpose. */
export function MobileVerificationPanel({ verificationId, onPassed, onReselected, recommended }: Props) {
  const { t } = useTranslation('verification');
  const query = useVerification(verificationId);
  const queryClient = useQueryClient();
  const [chosen, setChosen] = useState<VerificationMethod | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const v = query.data;

  useEffect(() => {
    if (v?.status === 'passed') onPassed(v);
  }, [v, onPassed]);

  if (query.isPending) return <SpinLoading />;
  if (!v) return <ErrorNotice error={toApiError(query.error)} />;
  const method = v.method ?? chosen ?? (v.methods.length === 1 ? v.methods[0]! : null);
  const update = (next: Verification) => queryClient.setQueryData(verificationKeys.one(next.id), next);
  const fail = (failure: unknown) => {
    setError(toApiError(failure));
    void query.refetch();
  };
  const clear = () => setError(null);
  const again = async () => {
    clear();
    try {
      const fresh = await reselect(v.id);
      update(fresh);
      setChosen(null);
      onReselected(fresh);
    } catch (failure) {
      fail(failure);
    }
  };
  const ended = ['failed', 'abandoned', 'expired', 'consumed'].includes(v.status);

  return (
    <div data-testid="verification-panel" data-status={v.status}>
      {v.methods.length > 1 && !v.method ? (
        <Card className="ch-m-inset" title={t('methods.choose')}>
          <p className="ch-m-hint">{t('methods.categoryNote')}</p>
          <Radio.Group value={chosen} onChange={(value) => setChosen(value as VerificationMethod)}>
            <Space direction="vertical">
              {v.methods.map((m) => (
                <Radio key={m} value={m} data-testid={`method-${m}`}>
                  {t(`methods.${m}`)}
                  {m === recommended ? t('methods.recommended') : ''}
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        </Card>
      ) : method ? (
        <List header={t('methods.title')}>
          <List.Item data-testid="method-current">
            {t(`methods.${method}`)}
            {method === recommended ? t('methods.recommended') : ''}
          </List.Item>
        </List>
      ) : null}
      <ErrorNotice error={error} testId="verification-error" />
      {v.status === 'failed' ? (
        <ErrorNotice error={{ code: 'VERIFY_ENDED', message: v.details.counterDecision === 'refused' ? t('methods.counterRefused') : t('methods.failed') } as ApiError} testId="verification-ended" />
      ) : ended ? (
        <ErrorNotice error={{ code: 'VERIFY_ENDED', message: t('methods.ended') } as ApiError} testId="verification-ended" />
      ) : null}
      {!ended && (method === 'user_mobile' || method === 'user_email') ? <OwnCode key={method} method={method} v={v} update={update} fail={fail} clear={clear} /> : null}
      {!ended && method === 'reserved_phone' ? <ReservedPhone v={v} update={update} fail={fail} clear={clear} /> : null}
      {!ended && method === 'unionpay' ? <UnionPay v={v} update={update} fail={fail} clear={clear} /> : null}
      {!ended && method === 'trading' ? <Trading v={v} update={update} fail={fail} clear={clear} /> : null}
      {!ended && method === 'counter' ? <Counter v={v} update={update} fail={fail} clear={clear} /> : null}
      {v.methods.length > 1 || ended ? (
        <div style={{ textAlign: 'right', padding: '8px 12px' }}>
          <a role="button" onClick={() => void again()} data-testid="verification-reselect">
            {t('methods.reselect')}
          </a>
        </div>
      ) : null}
    </div>
  );
}

interface MethodProps {
  v: Verification;
  update: (next: Verification) => void;
  fail: (error: unknown) => void;
  clear: () => void;
}

function NextButton({ loading }: { loading: boolean }) {
  const { t } = useTranslation('verification');
  return (
    <Button block type="submit" color="primary" size="large" loading={loading} data-testid="verification-next">
      {t('methods.next')}
    </Button>
  );
}

/** 通过手机号认证 / 通过电子邮箱认证: a code to the user's own phone or mailbox. */
function OwnCode({ method, v, update, fail, clear }: MethodProps & { method: 'user_mobile' | 'user_email' }) {
  const { t } = useTranslation('verification');
  const { busy, run } = useMethodStep(update, fail, clear);
  const sent = method === 'user_mobile' ? v.details.mobileMasked : v.details.emailMasked;
  const destination = method === 'user_mobile' ? v.details.ownMobileMasked : v.details.ownEmailMasked;
  const send = async () => {
    clear();
    const result = await sendOwnCode(v.id, method);
    update(result.view);
    return result;
  };
  const submit = ({ code }: { code: string }) => run(() => confirmOwnCode(v.id, method, code.trim()));
  return (
    <Form layout="vertical" onFinish={submit} footer={<NextButton loading={busy} />}>
      <Form.Header>
        <span data-testid="verification-destination">{sent ? t('methods.ownSent', { destination: sent }) : t('methods.ownIntro', { destination: destination ?? '' })}</span>
      </Form.Header>
      <Form.Item label={method === 'user_mobile' ? t('card.code') : t('methods.emailCode')} name="code" rules={[{ required: true, message: t('card.codeRequired') }]}>
        <MobileSmsCodeInput send={send} onError={fail} />
      </Form.Item>
    </Form>
  );
}

function ReservedPhone({ v, update, fail, clear }: MethodProps) {
  const { t } = useTranslation('verification');
  const { busy, run } = useMethodStep(update, fail, clear);
  const send = async () => {
    clear();
    const sent = await sendReservedPhoneCode(v.id);
    update(sent.view);
    return sent;
  };
  const submit = ({ code }: { code: string }) => run(() => confirmReservedPhone(v.id, code.trim()));
  return (
    <Form layout="vertical" onFinish={submit} footer={<NextButton loading={busy} />}>
      <Form.Header>{v.details.mobileMasked ? t('methods.reservedPhoneSent', { mobile: v.details.mobileMasked }) : t('methods.reservedPhoneIntro')}</Form.Header>
      <Form.Item label={t('card.code')} name="code" rules={[{ required: true, message: t('card.codeRequired') }]}>
        <MobileSmsCodeInput send={send} onError={fail} />
      </Form.Item>
    </Form>
  );
}

function UnionPay({ v, update, fail, clear }: MethodProps) {
  const { t } = useTranslation('verification');
  const [form] = Form.useForm<CardElements & { code: string }>();
  const { busy, run } = useMethodStep(update, fail, clear);
  const elements = (x: CardElements) => ({ name: x.name.trim(), idNumber: x.idNumber.trim(), cardNumber: x.cardNumber.trim(), mobile: x.mobile.trim() });
  const send = async () => {
    clear();
    const values = await form.validateFields(['name', 'idNumber', 'cardNumber', 'mobile']).catch(() => null);
    if (!values) return null;
    const sent = await requestUnionPayCode(v.id, elements(values as CardElements));
    update(sent.view);
    return sent;
  };
  const submit = (values: CardElements & { code: string }) => run(() => confirmUnionPay(v.id, elements(values), values.code.trim()));
  return (
    <Form form={form} layout="horizontal" onFinish={submit} footer={<NextButton loading={busy} />}>
      <Form.Header>{t('realName.title')}</Form.Header>
      <Form.Item label={t('card.name')} name="name" rules={[{ required: true, message: t('card.nameRequired') }]}>
        <Input placeholder={t('card.name')} data-testid="card-name" />
      </Form.Item>
      <Form.Item label={t('card.idNumber')} name="idNumber" rules={[{ required: true, message: t('card.idNumberRequired') }]}>
        <Input placeholder={t('card.idNumber')} maxLength={18} data-testid="card-id-number" />
      </Form.Item>
      <Form.Item label={t('card.cardNumber')} name="cardNumber" rules={[{ required: true, message: t('card.cardNumberRequired') }]}>
        <Input placeholder={t('card.cardNumber')} inputMode="numeric" maxLength={23} data-testid="card-number" />
      </Form.Item>
      <Form.Item label={t('card.mobile')} name="mobile" rules={[{ required: true, message: t('card.mobileRequired') }]}>
        <Input placeholder={t('card.mobile')} inputMode="tel" maxLength={14} data-testid="card-mobile" />
      </Form.Item>
      <Form.Item label={t('card.code')} name="code" rules={[{ required: true, message: t('card.codeRequired') }]}>
        <MobileSmsCodeInput send={send} onError={fail} />
      </Form.Item>
    </Form>
  );
}

function Trading({ v, update, fail }: MethodProps) {
  const { t } = useTranslation('verification');
  const { busy, run } = useMethodStep(update, fail);
  const d = v.details;
  const start = () => run(() => startTrading(v.id));
  return (
    <Card className="ch-m-inset">
      <p>{t('methods.tradingIntro')}</p>
      {v.status === 'pending' && d.tradingCode ? (
        <>
          <p>
            {t('methods.tradingCode')}：<strong data-testid="trading-code">{d.tradingCode}</strong>
          </p>
          <p data-testid="trading-steps">{t('methods.tradingSteps', { sh: d.securityCodeSH, sz: d.securityCodeSZ, code: d.tradingCode, price: d.tradingPrice })}</p>
          <p className="ch-m-hint">{t('methods.tradingDeadline', { deadline: new Date(v.expiresAt).toLocaleString() })}</p>
          <p data-testid="verification-waiting">{t('methods.waiting')}</p>
        </>
      ) : (
        <Button block color="primary" loading={busy} onClick={() => void start()} data-testid="trading-start">
          {t('methods.tradingStart')}
        </Button>
      )}
    </Card>
  );
}

function Counter({ v, update, fail }: MethodProps) {
  const { t } = useTranslation('verification');
  const { busy, run } = useMethodStep(update, fail);
  const submit = () => run(() => requestCounter(v.id));
  return (
    <Card className="ch-m-inset">
      <p data-testid="counter-warning" style={{ color: 'var(--adm-color-warning)' }}>
        {t('methods.counterWarning')}
      </p>
      <p>{t('methods.counterIntro')}</p>
      {v.status === 'pending' ? (
        <p data-testid="verification-waiting">{t('methods.counterWaiting')}</p>
      ) : (
        <Button block color="primary" loading={busy} onClick={() => void submit()} data-testid="counter-submit">
          {t('methods.counterSubmit')}
        </Button>
      )}
    </Card>
  );
}
