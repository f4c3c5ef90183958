import { Button, Form, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../api/client.ts';
import { ErrorAlert } from '../../../ui/desktop/error-alert.tsx';
import { SmsCodeInput } from '../../../ui/desktop/sms-code-input.tsx';
import { toApiError } from '../../../ui/errors.ts';
import type { VerificationMethod, VerificationPort } from './api.ts';
import { codeFormField } from './bound.ts';

/**
 * 用户身份认证: choose a method (通过手机号认证 / 通过电子邮箱认证), get the code, 下一步.
 * The flow's final step runs only after `onPassed`; the server holds the passed verification.
 */
export function VerificationStep({ port, onPassed, recommend }: { port: VerificationPort; onPassed: () => void; recommend?: VerificationMethod }) {
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

  if (port.methods.length === 0) return <Typography.Paragraph type="warning">{t('verify.noMethod')}</Typography.Paragraph>;

  return (
    <div data-testid="verification-step">
      <Typography.Title level={5}>{t('verify.choose')}</Typography.Title>
      <ErrorAlert error={error} />
      <Radio.Group
        value={method}
        onChange={(event) => {
          setMethod(event.target.value as VerificationMethod);
          form.resetFields();
          setError(null);
        }}
        style={{ marginBottom: 16 }}
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
      {chosen ? (
        <Form form={form} name="verification" layout="vertical" requiredMark={false} onFinish={submit} key={chosen.method}>
          <Typography.Paragraph data-testid="verification-destination">{t('verify.sendTo', { destination: chosen.destinationMasked })}</Typography.Paragraph>
          <Form.Item label={t(`verify.codeLabel.${chosen.method}`)} name="code" rules={[{ required: true, whitespace: true, message: t('verify.codeRequired') }]}>
            <SmsCodeInput send={() => port.sendCode(chosen.method)} onError={showError} />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={submitting} data-testid="verification-next">
              {t('verify.next')}
            </Button>
            {port.methods.length > 1 ? (
              <Button type="link" onClick={() => setMethod(null)}>
                {t('verify.otherMethods')}
              </Button>
            ) : null}
          </Space>
        </Form>
      ) : null}
    </div>
  );
}
