import { Card, Form, Input, List, Radio, Space, SpinLoading } from 'antd-mobile';
import { Button } from '../../../ui/mobile/button.tsx';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../api/client.ts';
import { ErrorNotice } from '../../../ui/mobile/error-notice.tsx';
import { MobileSmsCodeInput } from '../../../ui/mobile/sms-code-input.tsx';
import { toApiError } from '../../../ui/errors.ts';
import type { CardElements, Verification, VerificationMethod } from '../../../domains/verification/api.ts';
import { useOwnCodeStep, useReservedPhoneStep, useUnionPayStep, useVerificationPanel, useWaitingStep, type MethodHandlers } from '../../../domains/verification/use-method-step.ts';

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
  const { query, verification: v, method, choosing, chosen, setChosen, error, ended, handlers, reselect } = useVerificationPanel(verificationId, onPassed, onReselected);

  if (query.isPending) return <SpinLoading />;
  if (!v) return <ErrorNotice error={toApiError(query.error)} />;

  return (
    <div data-testid="verification-panel" data-status={v.status}>
      {choosing ? (
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
      {!ended && (method === 'user_mobile' || method === 'user_email') ? <OwnCode key={method} method={method} v={v} handlers={handlers} /> : null}
      {!ended && method === 'reserved_phone' ? <ReservedPhone v={v} handlers={handlers} /> : null}
      {!ended && method === 'unionpay' ? <UnionPay v={v} handlers={handlers} /> : null}
      {!ended && method === 'trading' ? <Trading v={v} handlers={handlers} /> : null}
      {!ended && method === 'counter' ? <Counter v={v} handlers={handlers} /> : null}
      {v.methods.length > 1 || ended ? (
        <div style={{ textAlign: 'right', padding: '8px 12px' }}>
          <a role="button" onClick={reselect} data-testid="verification-reselect">
            {t('methods.reselect')}
          </a>
        </div>
      ) : null}
    </div>
  );
}

interface MethodProps {
  v: Verification;
  handlers: MethodHandlers;
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
function OwnCode({ method, v, handlers }: MethodProps & { method: 'user_mobile' | 'user_email' }) {
  const { t } = useTranslation('verification');
  const { busy, send, submit, sentTo, destination } = useOwnCodeStep(v, method, handlers);
  return (
    <Form layout="vertical" onFinish={submit} footer={<NextButton loading={busy} />}>
      <Form.Header>
        <span data-testid="verification-destination">{sentTo ? t('methods.ownSent', { destination: sentTo }) : t('methods.ownIntro', { destination: destination ?? '' })}</span>
      </Form.Header>
      <Form.Item
        label={method === 'user_mobile' ? t('card.code') : t('methods.emailCode')}
        name="code"
        rules={[{ required: true, message: t(method === 'user_mobile' ? 'card.codeRequired' : 'methods.emailCodeRequired') }]}
      >
        <MobileSmsCodeInput channel={method === 'user_email' ? 'email' : 'sms'} send={send} onError={handlers.fail} />
      </Form.Item>
    </Form>
  );
}

function ReservedPhone({ v, handlers }: MethodProps) {
  const { t } = useTranslation('verification');
  const { busy, send, submit } = useReservedPhoneStep(v, handlers);
  return (
    <Form layout="vertical" onFinish={submit} footer={<NextButton loading={busy} />}>
      <Form.Header>{v.details.mobileMasked ? t('methods.reservedPhoneSent', { mobile: v.details.mobileMasked }) : t('methods.reservedPhoneIntro')}</Form.Header>
      <Form.Item label={t('card.code')} name="code" rules={[{ required: true, message: t('card.codeRequired') }]}>
        <MobileSmsCodeInput send={send} onError={handlers.fail} />
      </Form.Item>
    </Form>
  );
}

function UnionPay({ v, handlers }: MethodProps) {
  const { t } = useTranslation('verification');
  const [form] = Form.useForm<CardElements & { code: string }>();
  const validateCard = () =>
    form.validateFields(['name', 'idNumber', 'cardNumber', 'mobile']).then(
      (values) => values as CardElements,
      () => null,
    );
  const { busy, send, submit } = useUnionPayStep(v, validateCard, handlers);
  return (
    <Form form={form} layout="horizontal" onFinish={submit} footer={<NextButton loading={busy} />}>
      <Form.Header>{t('realName.title')}</Form.Header>
      <Form.Item label={t('card.name')} name="name" rules={[{ required: true, message: t('card.nameRequired') }]}>
        <Input placeholder={t('card.name')} data-testid="card-name" />
      </Form.Item>
      <Form.Item label={t('card.idNumber')} name="idNumber" rules={[{ required: true, message: t('card.idNumberRequired') }]}>
        <Input placeholder={t('card.idNumber')} maxLength={30} data-testid="card-id-number" />
      </Form.Item>
      <Form.Item label={t('card.cardNumber')} name="cardNumber" rules={[{ required: true, message: t('card.cardNumberRequired') }]}>
        <Input placeholder={t('card.cardNumber')} inputMode="numeric" maxLength={30} data-testid="card-number" />
      </Form.Item>
      <Form.Item label={t('card.mobile')} name="mobile" rules={[{ required: true, message: t('card.mobileRequired') }]}>
        <Input placeholder={t('card.mobile')} inputMode="tel" maxLength={20} data-testid="card-mobile" />
      </Form.Item>
      <Form.Item label={t('card.code')} name="code" rules={[{ required: true, message: t('card.codeRequired') }]}>
        <MobileSmsCodeInput send={send} onError={handlers.fail} />
      </Form.Item>
    </Form>
  );
}

function Trading({ v, handlers }: MethodProps) {
  const { t } = useTranslation('verification');
  const { busy, start } = useWaitingStep(v, 'trading', handlers);
  const d = v.details;
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
          {d.sandboxTerminal && (
            <p className="ch-m-hint" data-testid="sandbox-terminal-hint">
              {t('methods.tradingSandbox')}{' '}
              <a href={d.sandboxTerminal} target="_blank" rel="noreferrer">
                {t('methods.tradingSandboxLink')}
              </a>
            </p>
          )}
          <p data-testid="verification-waiting">{t('methods.waiting')}</p>
        </>
      ) : (
        <Button block color="primary" loading={busy} onClick={start} data-testid="trading-start">
          {t('methods.tradingStart')}
        </Button>
      )}
    </Card>
  );
}

function Counter({ v, handlers }: MethodProps) {
  const { t } = useTranslation('verification');
  const { busy, start } = useWaitingStep(v, 'counter', handlers);
  return (
    <Card className="ch-m-inset">
      <p data-testid="counter-warning" style={{ color: 'var(--adm-color-warning)' }}>
        {t('methods.counterWarning')}
      </p>
      <p>{t('methods.counterIntro')}</p>
      {v.status === 'pending' ? (
        <p data-testid="verification-waiting">{t('methods.counterWaiting')}</p>
      ) : (
        <Button block color="primary" loading={busy} onClick={start} data-testid="counter-submit">
          {t('methods.counterSubmit')}
        </Button>
      )}
    </Card>
  );
}
