import { Button, Form, Radio, Space } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../api/client.ts';
import { toApiError } from '../../../ui/errors.ts';
import { ErrorNotice } from '../../../ui/mobile/error-notice.tsx';
import { MobileSmsCodeInput } from '../../../ui/mobile/sms-code-input.tsx';
import type { VerificationMethod, VerificationPort } from '../../investor/profile/api.ts';
import { codeFormField } from '../../investor/profile/bound.ts';

/** 用户身份认证 in the mobile hall: a method, its code, 下一步; “重新选择其他验证方式” at the bottom right. */
export function MobileVerificationStep({ port, onPassed, recommend }: { port: VerificationPort; onPassed: () => void; recommend?: VerificationMethod }) {
  const { t } = useTranslation('profile');
  const [form] = Form.useForm<{ code: string }>();
  const [method, setMethod] = useState<VerificationMethod | null>(port.methods.length === 1 ? port.methods[0]!.method : null);
  const [error, setError] = useState<ApiError | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const chosen = port.methods.find((m) => m.method === method);

  const showError = (failure: unknown) => {
    const apiError = toApiError(failure);
    if (codeFormField(apiError) === 'code') form.setFields([{ name: 'code', errors: [apiError.message] }]);
    else setError(apiError);
  };

  const submit = async ({ code }: { code: string }) => {
    if (!method) return;
    setSubmitting(true);
    setError(null);
    try {
      await port.verify(method, code.trim());
      onPassed();
    } catch (failure) {
      showError(failure);
    } finally {
      setSubmitting(false);
    }
  };

  if (port.methods.length === 0) return <p className="ch-m-inset ch-m-hint">{t('verify.noMethod')}</p>;

  return (
    <div data-testid="verification-step">
      <ErrorNotice error={error} />
      <Form
        form={form}
        name="mverification"
        layout="vertical"
        mode="card"
        requiredMarkStyle="none"
        onFinish={submit}
        footer={
          chosen ? (
            <Button block type="submit" color="primary" size="large" loading={submitting} data-testid="verification-next">
              {t('verify.next')}
            </Button>
          ) : null
        }
      >
        <Form.Header>{t('verify.choose')}</Form.Header>
        <Form.Item>
          <Radio.Group
            value={method}
            onChange={(value) => {
              setMethod(value as VerificationMethod);
              form.resetFields();
              setError(null);
            }}
          >
            <Space direction="vertical">
              {port.methods.map((m) => (
                <Radio key={m.method} value={m.method}>
                  {t(`verify.methods.${m.method}`)}
                  {m.method === recommend ? t('verify.recommended') : ''}
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        </Form.Item>
        {chosen ? (
          <Form.Item
            key={chosen.method}
            label={t(`verify.codeLabel.${chosen.method}`)}
            name="code"
            description={<span data-testid="verification-destination">{t('verify.sendTo', { destination: chosen.destinationMasked })}</span>}
            rules={[{ required: true, whitespace: true, message: t('verify.codeRequired') }]}
          >
            <MobileSmsCodeInput send={() => port.sendCode(chosen.method)} onError={showError} />
          </Form.Item>
        ) : null}
      </Form>
      {port.methods.length > 1 && chosen ? (
        <div style={{ textAlign: 'right', padding: '0 16px' }}>
          <a className="ch-m-link" onClick={() => setMethod(null)} role="button">
            {t('verify.otherMethods')}
          </a>
        </div>
      ) : null}
    </div>
  );
}
