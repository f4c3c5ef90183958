import { Alert, Button, Card, Descriptions, Form, Input, Radio, Space, Spin, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../api/client.ts';
import { ErrorAlert } from '../../../ui/desktop/error-alert.tsx';
import { SmsCodeInput } from '../../../ui/desktop/sms-code-input.tsx';
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
  /** The attempt passed: go on to the purpose's last step. */
  onPassed: (verification: Verification) => void;
  /** 重新选择其他验证方式 started a new attempt. */
  onReselected: (verification: Verification) => void;
  /** Prefill of the UnionPay form (real-name: nothing; binding: the holder's name). */
  cardDefaults?: Partial<CardElements>;
  /** marked （推荐） in the list (deregistration: 手机号认证（推荐）) */
  recommended?: VerificationMethod;
}

/**
 * 用户身份认证 (manual 000 §一.2.1.1 (3)-(5)): the methods this subject may use,
 * the chosen method's form, and “重新选择其他验证方式” at the bottom right. Any
 * purpose (binding, real-name, profile changes, recovery) can use it.
 */
export function VerificationPanel({ verificationId, onPassed, onReselected, cardDefaults, recommended }: Props) {
  const { t } = useTranslation('verification');
  const query = useVerification(verificationId);
  const [chosen, setChosen] = useState<VerificationMethod | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const queryClient = useQueryClient();
  const verification = query.data;

  useEffect(() => {
    if (verification?.status === 'passed') onPassed(verification);
  }, [verification, onPassed]);

  if (query.isPending) return <Spin />;
  if (!verification) return <ErrorAlert error={toApiError(query.error)} />;
  const method = verification.method ?? chosen ?? (verification.methods.length === 1 ? verification.methods[0]! : null);

  const update = (next: Verification) => queryClient.setQueryData(verificationKeys.one(next.id), next);
  const fail = (failure: unknown) => {
    setError(toApiError(failure));
    void query.refetch();
  };
  const again = async () => {
    setError(null);
    try {
      const fresh = await reselect(verification.id);
      update(fresh);
      setChosen(null);
      onReselected(fresh);
    } catch (failure) {
      fail(failure);
    }
  };

  const ended = ['failed', 'abandoned', 'expired', 'consumed'].includes(verification.status);
  return (
    <Card title={t('methods.title')} data-testid="verification-panel" data-status={verification.status}>
      {verification.methods.length > 1 && !verification.method ? (
        <>
          <Typography.Paragraph>{t('methods.choose')}</Typography.Paragraph>
          <Typography.Paragraph type="secondary">{t('methods.categoryNote')}</Typography.Paragraph>
          <Radio.Group value={chosen} onChange={(e) => setChosen(e.target.value as VerificationMethod)} style={{ marginBottom: 16 }} data-testid="method-choice">
            <Space direction="vertical">
              {verification.methods.map((m) => (
                <Radio key={m} value={m} data-testid={`method-${m}`}>
                  {t(`methods.${m}`)}
                  {m === recommended ? t('methods.recommended') : ''}
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        </>
      ) : method ? (
        <Typography.Title level={5} data-testid="method-current">
          {t(`methods.${method}`)}
          {method === recommended ? t('methods.recommended') : ''}
        </Typography.Title>
      ) : null}
      <ErrorAlert error={error} testId="verification-error" />
      {verification.status === 'failed' ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          data-testid="verification-ended"
          message={verification.details.counterDecision === 'refused' ? t('methods.counterRefused') : t('methods.failed')}
          style={{ marginBottom: 16 }}
        />
      ) : ended ? (
        <Alert type="warning" showIcon role="alert" data-testid="verification-ended" message={t('methods.ended')} style={{ marginBottom: 16 }} />
      ) : null}
      {!ended && (method === 'user_mobile' || method === 'user_email') ? <OwnCodeForm key={method} method={method} verification={verification} onDone={update} onError={fail} clearError={() => setError(null)} /> : null}
      {!ended && method === 'reserved_phone' ? <ReservedPhoneForm verification={verification} onDone={update} onError={fail} clearError={() => setError(null)} /> : null}
      {!ended && method === 'unionpay' ? <UnionPayForm verification={verification} defaults={cardDefaults} onDone={update} onError={fail} clearError={() => setError(null)} /> : null}
      {!ended && method === 'trading' ? <TradingPanel verification={verification} onDone={update} onError={fail} /> : null}
      {!ended && method === 'counter' ? <CounterPanel verification={verification} onDone={update} onError={fail} /> : null}
      {verification.methods.length > 1 || ended ? (
        <div style={{ textAlign: 'right', marginTop: 16 }}>
          <Button type="link" onClick={() => void again()} data-testid="verification-reselect">
            {t('methods.reselect')}
          </Button>
        </div>
      ) : null}
    </Card>
  );
}

interface MethodProps {
  verification: Verification;
  onDone: (next: Verification) => void;
  onError: (error: unknown) => void;
  clearError?: () => void;
}

/** 通过手机号认证 / 通过电子邮箱认证: a code to the user's own registered phone or mailbox. */
function OwnCodeForm({ method, verification, onDone, onError, clearError }: MethodProps & { method: 'user_mobile' | 'user_email' }) {
  const { t } = useTranslation('verification');
  const [form] = Form.useForm<{ code: string }>();
  const { busy, run } = useMethodStep(onDone, onError, clearError);
  const d = verification.details;
  const sent = method === 'user_mobile' ? d.mobileMasked : d.emailMasked;
  const destination = method === 'user_mobile' ? d.ownMobileMasked : d.ownEmailMasked;
  const send = async () => {
    clearError?.();
    const result = await sendOwnCode(verification.id, method);
    onDone(result.view);
    return result;
  };
  const submit = ({ code }: { code: string }) => run(() => confirmOwnCode(verification.id, method, code.trim()));
  return (
    <Form form={form} layout="vertical" requiredMark={false} onFinish={submit} style={{ maxWidth: 480 }} name="own-code">
      <Typography.Paragraph type="secondary" data-testid="verification-destination">
        {sent ? t('methods.ownSent', { destination: sent }) : t('methods.ownIntro', { destination: destination ?? '' })}
      </Typography.Paragraph>
      <Form.Item label={method === 'user_mobile' ? t('card.code') : t('methods.emailCode')} name="code" rules={[{ required: true, whitespace: true, message: t('card.codeRequired') }]}>
        <SmsCodeInput send={send} onError={onError} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} data-testid="verification-next">
        {t('methods.next')}
      </Button>
    </Form>
  );
}

function ReservedPhoneForm({ verification, onDone, onError, clearError }: MethodProps) {
  const { t } = useTranslation('verification');
  const [form] = Form.useForm<{ code: string }>();
  const { busy, run } = useMethodStep(onDone, onError, clearError);
  const send = async () => {
    clearError?.();
    const sent = await sendReservedPhoneCode(verification.id);
    onDone(sent.view);
    return sent;
  };
  const submit = ({ code }: { code: string }) => run(() => confirmReservedPhone(verification.id, code));
  return (
    <Form form={form} layout="vertical" requiredMark={false} onFinish={submit} style={{ maxWidth: 480 }}>
      <Typography.Paragraph type="secondary" data-testid="reserved-phone-hint">
        {verification.details.mobileMasked ? t('methods.reservedPhoneSent', { mobile: verification.details.mobileMasked }) : t('methods.reservedPhoneIntro')}
      </Typography.Paragraph>
      <Form.Item label={t('card.code')} name="code" rules={[{ required: true, message: t('card.codeRequired') }]}>
        <SmsCodeInput send={send} onError={onError} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} data-testid="verification-next">
        {t('methods.next')}
      </Button>
    </Form>
  );
}

function UnionPayForm({ verification, defaults, onDone, onError, clearError }: MethodProps & { defaults?: Partial<CardElements> }) {
  const { t } = useTranslation('verification');
  const [form] = Form.useForm<CardElements & { code: string }>();
  const { busy, run } = useMethodStep(onDone, onError, clearError);
  const elements = (values: CardElements) => ({ name: values.name.trim(), idNumber: values.idNumber.trim(), cardNumber: values.cardNumber.trim(), mobile: values.mobile.trim() });
  const send = async () => {
    clearError?.();
    const values = await form.validateFields(['name', 'idNumber', 'cardNumber', 'mobile']).catch(() => null);
    if (!values) return null;
    const sent = await requestUnionPayCode(verification.id, elements(values));
    onDone(sent.view);
    return sent;
  };
  const submit = (values: CardElements & { code: string }) => run(() => confirmUnionPay(verification.id, elements(values), values.code.trim()));
  return (
    <Form form={form} layout="vertical" requiredMark={false} onFinish={submit} initialValues={defaults} style={{ maxWidth: 480 }} name="unionpay">
      <Form.Item label={t('card.name')} name="name" rules={[{ required: true, message: t('card.nameRequired') }]}>
        <Input data-testid="card-name" autoComplete="name" />
      </Form.Item>
      <Form.Item label={t('card.idNumber')} name="idNumber" rules={[{ required: true, message: t('card.idNumberRequired') }]}>
        <Input data-testid="card-id-number" maxLength={18} />
      </Form.Item>
      <Form.Item label={t('card.cardNumber')} name="cardNumber" rules={[{ required: true, message: t('card.cardNumberRequired') }]}>
        <Input data-testid="card-number" inputMode="numeric" maxLength={23} />
      </Form.Item>
      <Form.Item label={t('card.mobile')} name="mobile" rules={[{ required: true, message: t('card.mobileRequired') }]}>
        <Input data-testid="card-mobile" inputMode="tel" maxLength={14} />
      </Form.Item>
      <Form.Item label={t('card.code')} name="code" rules={[{ required: true, message: t('card.codeRequired') }]}>
        <SmsCodeInput send={send} onError={onError} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} data-testid="verification-next">
        {t('methods.next')}
      </Button>
    </Form>
  );
}

function TradingPanel({ verification, onDone, onError }: MethodProps) {
  const { t } = useTranslation('verification');
  const { busy, run } = useMethodStep(onDone, onError);
  const start = () => run(() => startTrading(verification.id));
  const d = verification.details;
  if (verification.status !== 'pending' || !d.tradingCode) {
    return (
      <>
        <Typography.Paragraph>{t('methods.tradingIntro')}</Typography.Paragraph>
        <Button type="primary" loading={busy} onClick={() => void start()} data-testid="trading-start">
          {t('methods.tradingStart')}
        </Button>
      </>
    );
  }
  return (
    <>
      <Typography.Paragraph>{t('methods.tradingIntro')}</Typography.Paragraph>
      <Descriptions column={1} bordered size="small" style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('methods.tradingCode')}>
          <span data-testid="trading-code">{d.tradingCode}</span>
        </Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph data-testid="trading-steps">{t('methods.tradingSteps', { sh: d.securityCodeSH, sz: d.securityCodeSZ, code: d.tradingCode, price: d.tradingPrice })}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t('methods.tradingDeadline', { deadline: new Date(verification.expiresAt).toLocaleString() })}</Typography.Paragraph>
      <Alert type="info" showIcon message={t('methods.waiting')} data-testid="verification-waiting" />
    </>
  );
}

function CounterPanel({ verification, onDone, onError }: MethodProps) {
  const { t } = useTranslation('verification');
  const { busy, run } = useMethodStep(onDone, onError);
  const submit = () => run(() => requestCounter(verification.id));
  return (
    <>
      <Alert type="warning" showIcon message={t('methods.counterWarning')} data-testid="counter-warning" style={{ marginBottom: 16 }} />
      <Typography.Paragraph>{t('methods.counterIntro')}</Typography.Paragraph>
      {verification.status === 'pending' ? (
        <Alert type="info" showIcon message={t('methods.counterWaiting')} description={t('methods.waiting')} data-testid="verification-waiting" />
      ) : (
        <Button type="primary" loading={busy} onClick={() => void submit()} data-testid="counter-submit">
          {t('methods.counterSubmit')}
        </Button>
      )}
    </>
  );
}
