import { Alert, Card, Descriptions, Form, Input, Radio, Space, Spin, Typography } from 'antd';
import { Button } from '../../../ui/button.tsx';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../ui/desktop/error-alert.tsx';
import { SmsCodeInput } from '../../../ui/desktop/sms-code-input.tsx';
import { toApiError } from '../../../ui/errors.ts';
import type { CardElements, Verification, VerificationMethod } from '../../../domains/verification/api.ts';
import { useOwnCodeStep, useReservedPhoneStep, useUnionPayStep, useVerificationPanel, useWaitingStep, type MethodHandlers } from '../../../domains/verification/use-method-step.ts';

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
  const { query, verification, method, choosing, chosen, setChosen, error, ended, handlers, reselect } = useVerificationPanel(verificationId, onPassed, onReselected);

  if (query.isPending) return <Spin />;
  if (!verification) return <ErrorAlert error={toApiError(query.error)} />;
  return (
    <Card title={t('methods.title')} data-testid="verification-panel" data-status={verification.status}>
      {choosing ? (
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
      {!ended && (method === 'user_mobile' || method === 'user_email') ? <OwnCodeForm key={method} method={method} verification={verification} handlers={handlers} /> : null}
      {!ended && method === 'reserved_phone' ? <ReservedPhoneForm verification={verification} handlers={handlers} /> : null}
      {!ended && method === 'unionpay' ? <UnionPayForm verification={verification} defaults={cardDefaults} handlers={handlers} /> : null}
      {!ended && method === 'trading' ? <TradingPanel verification={verification} handlers={handlers} /> : null}
      {!ended && method === 'counter' ? <CounterPanel verification={verification} handlers={handlers} /> : null}
      {verification.methods.length > 1 || ended ? (
        <div style={{ textAlign: 'right', marginTop: 16 }}>
          <Button type="link" onClick={reselect} data-testid="verification-reselect">
            {t('methods.reselect')}
          </Button>
        </div>
      ) : null}
    </Card>
  );
}

interface MethodProps {
  verification: Verification;
  handlers: MethodHandlers;
}

function NextButton({ loading }: { loading: boolean }) {
  const { t } = useTranslation('verification');
  return (
    <Button type="primary" htmlType="submit" loading={loading} data-testid="verification-next">
      {t('methods.next')}
    </Button>
  );
}

/** 通过手机号认证 / 通过电子邮箱认证: a code to the user's own registered phone or mailbox. */
function OwnCodeForm({ method, verification, handlers }: MethodProps & { method: 'user_mobile' | 'user_email' }) {
  const { t } = useTranslation('verification');
  const [form] = Form.useForm<{ code: string }>();
  const { busy, send, submit, sentTo, destination } = useOwnCodeStep(verification, method, handlers);
  return (
    <Form form={form} layout="vertical" requiredMark={false} onFinish={submit} style={{ maxWidth: 480 }} name="own-code">
      <Typography.Paragraph type="secondary" data-testid="verification-destination">
        {sentTo ? t('methods.ownSent', { destination: sentTo }) : t('methods.ownIntro', { destination: destination ?? '' })}
      </Typography.Paragraph>
      <Form.Item
        label={method === 'user_mobile' ? t('card.code') : t('methods.emailCode')}
        name="code"
        rules={[{ required: true, whitespace: true, message: t(method === 'user_mobile' ? 'card.codeRequired' : 'methods.emailCodeRequired') }]}
      >
        <SmsCodeInput channel={method === 'user_email' ? 'email' : 'sms'} send={send} onError={handlers.fail} />
      </Form.Item>
      <NextButton loading={busy} />
    </Form>
  );
}

function ReservedPhoneForm({ verification, handlers }: MethodProps) {
  const { t } = useTranslation('verification');
  const [form] = Form.useForm<{ code: string }>();
  const { busy, send, submit } = useReservedPhoneStep(verification, handlers);
  return (
    <Form form={form} layout="vertical" requiredMark={false} onFinish={submit} style={{ maxWidth: 480 }}>
      <Typography.Paragraph type="secondary" data-testid="reserved-phone-hint">
        {verification.details.mobileMasked ? t('methods.reservedPhoneSent', { mobile: verification.details.mobileMasked }) : t('methods.reservedPhoneIntro')}
      </Typography.Paragraph>
      <Form.Item label={t('card.code')} name="code" rules={[{ required: true, message: t('card.codeRequired') }]}>
        <SmsCodeInput send={send} onError={handlers.fail} />
      </Form.Item>
      <NextButton loading={busy} />
    </Form>
  );
}

function UnionPayForm({ verification, defaults, handlers }: MethodProps & { defaults?: Partial<CardElements> }) {
  const { t } = useTranslation('verification');
  const [form] = Form.useForm<CardElements & { code: string }>();
  const validateCard = () =>
    form.validateFields(['name', 'idNumber', 'cardNumber', 'mobile']).then(
      (values) => values as CardElements,
      () => null,
    );
  const { busy, send, submit } = useUnionPayStep(verification, validateCard, handlers);
  return (
    <Form form={form} layout="vertical" requiredMark={false} onFinish={submit} initialValues={defaults} style={{ maxWidth: 480 }} name="unionpay">
      <Form.Item label={t('card.name')} name="name" rules={[{ required: true, message: t('card.nameRequired') }]}>
        <Input data-testid="card-name" autoComplete="name" />
      </Form.Item>
      <Form.Item label={t('card.idNumber')} name="idNumber" rules={[{ required: true, message: t('card.idNumberRequired') }]}>
        <Input data-testid="card-id-number" maxLength={30} />
      </Form.Item>
      <Form.Item label={t('card.cardNumber')} name="cardNumber" rules={[{ required: true, message: t('card.cardNumberRequired') }]}>
        <Input data-testid="card-number" inputMode="numeric" maxLength={30} />
      </Form.Item>
      <Form.Item label={t('card.mobile')} name="mobile" rules={[{ required: true, message: t('card.mobileRequired') }]}>
        <Input data-testid="card-mobile" inputMode="tel" maxLength={20} />
      </Form.Item>
      <Form.Item label={t('card.code')} name="code" rules={[{ required: true, message: t('card.codeRequired') }]}>
        <SmsCodeInput send={send} onError={handlers.fail} />
      </Form.Item>
      <NextButton loading={busy} />
    </Form>
  );
}

function TradingPanel({ verification, handlers }: MethodProps) {
  const { t } = useTranslation('verification');
  const { busy, start } = useWaitingStep(verification, 'trading', handlers);
  const d = verification.details;
  if (verification.status !== 'pending' || !d.tradingCode) {
    return (
      <>
        <Typography.Paragraph>{t('methods.tradingIntro')}</Typography.Paragraph>
        <Button type="primary" loading={busy} onClick={start} data-testid="trading-start">
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
      {d.sandboxTerminal && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="sandbox-terminal-hint"
          message={t('methods.tradingSandbox')}
          description={
            <a href={d.sandboxTerminal} target="_blank" rel="noreferrer">
              {t('methods.tradingSandboxLink')}
            </a>
          }
        />
      )}
      <Alert type="info" showIcon message={t('methods.waiting')} data-testid="verification-waiting" />
    </>
  );
}

function CounterPanel({ verification, handlers }: MethodProps) {
  const { t } = useTranslation('verification');
  const { busy, start } = useWaitingStep(verification, 'counter', handlers);
  return (
    <>
      <Alert type="warning" showIcon message={t('methods.counterWarning')} data-testid="counter-warning" style={{ marginBottom: 16 }} />
      <Typography.Paragraph>{t('methods.counterIntro')}</Typography.Paragraph>
      {verification.status === 'pending' ? (
        <Alert type="info" showIcon message={t('methods.counterWaiting')} description={t('methods.waiting')} data-testid="verification-waiting" />
      ) : (
        <Button type="primary" loading={busy} onClick={start} data-testid="counter-submit">
          {t('methods.counterSubmit')}
        </Button>
      )}
    </>
  );
}
