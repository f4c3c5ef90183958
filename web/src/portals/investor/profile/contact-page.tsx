import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { ApiError } from '../../../api/client.ts';
import { sessionQueryKey } from '../../../api/session.ts';
import { ErrorAlert } from '../../../ui/desktop/error-alert.tsx';
import { SmsCodeInput } from '../../../ui/desktop/sms-code-input.tsx';
import { toApiError } from '../../../ui/errors.ts';
import { useDocumentTitle } from '../../../ui/portal.tsx';
import { EMAIL_PATTERN, MOBILE_PATTERN } from '../../../domains/auth/fields.ts';
import { useInvestor } from '../../../domains/session/use-investor.ts';
import { sendNewContactCode, startContactChange, supplementContact, type ContactKind } from '../../../domains/profile/api.ts';
import { codeFormField, isPopUpError } from '../../../domains/profile/contact-errors.ts';

interface Values {
  value: string;
  code: string;
}

/**
 * 用户中心 → 手机号码 / 电子邮箱 (manual 000 §一.2.1.4–5): 补充 when the user has none
 * (the code is enough: 确定 / 确认), else 变更 (下一步 → 用户身份认证 → 确认).
 */
export function ContactPage({ kind }: { kind: ContactKind }) {
  const { t } = useTranslation('profile');
  const { investor } = useInvestor();
  const supplementing = (kind === 'mobile' ? investor?.mobileMasked : investor?.emailMasked) == null;
  const title = t(`contact.${kind}.${supplementing ? 'supplementTitle' : 'changeTitle'}`);
  useDocumentTitle(title);
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { modal } = App.useApp();
  const pattern = kind === 'mobile' ? MOBILE_PATTERN : EMAIL_PATTERN;

  const showError = (failure: unknown) => {
    const apiError = toApiError(failure);
    if (isPopUpError(apiError)) {
      modal.warning({ title: apiError.message, okText: t('contact.confirm') });
      return;
    }
    const field = codeFormField(apiError);
    if (field) form.setFields([{ name: field, errors: [apiError.message] }]);
    else setError(apiError);
  };

  const sendCode = async () => {
    setError(null);
    try {
      await form.validateFields(['value']);
    } catch {
      return null;
    }
    return sendNewContactCode(kind, form.getFieldValue('value').trim());
  };

  const submit = async ({ value, code }: Values) => {
    setSubmitting(true);
    setError(null);
    try {
      if (supplementing) {
        const { masked } = await supplementContact(kind, value.trim(), code.trim());
        setDone(masked);
        await queryClient.invalidateQueries({ queryKey: sessionQueryKey });
      } else {
        const { flowId } = await startContactChange(kind, value.trim(), code.trim());
        navigate(`/user/${kind}/change/${flowId}`);
      }
    } catch (failure) {
      showError(failure);
    } finally {
      setSubmitting(false);
    }
  };

  if (done)
    return (
      <Card title={title} style={{ maxWidth: 640 }} data-testid="contact-page">
        <Alert type="success" showIcon role="status" message={t(`contact.${kind}.supplemented`)} description={done} style={{ marginBottom: 16 }} />
        <Button type="primary" onClick={() => navigate('/user/profile')}>
          {t('contact.backToProfile')}
        </Button>
      </Card>
    );

  const current = kind === 'mobile' ? investor?.mobileMasked : investor?.emailMasked;
  return (
    <Card title={title} style={{ maxWidth: 640 }} data-testid="contact-page">
      {current ? (
        <Typography.Paragraph>
          {t(`contact.${kind}.current`)}：<span data-testid="contact-current">{current}</span>
        </Typography.Paragraph>
      ) : null}
      <ErrorAlert error={error} />
      <Form form={form} name={`contact-${kind}`} layout="vertical" requiredMark={false} onFinish={submit}>
        <Form.Item
          label={t(`contact.${kind}.${supplementing ? 'supplementLabel' : 'newLabel'}`)}
          name="value"
          rules={[
            { required: true, whitespace: true, message: t(`contact.${kind}.required`) },
            { pattern, message: t(`contact.${kind}.invalid`) },
          ]}
        >
          <Input placeholder={t(`contact.${kind}.placeholder`)} autoComplete={kind === 'mobile' ? 'tel' : 'email'} data-testid="contact-value" />
        </Form.Item>
        <Form.Item label={t(`contact.${kind}.codeLabel`)} name="code" rules={[{ required: true, whitespace: true, message: t('contact.codeRequired') }]}>
          <SmsCodeInput send={sendCode} onError={showError} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={submitting} data-testid="contact-submit">
          {supplementing ? t(`contact.${kind}.supplementSubmit`) : t('contact.next')}
        </Button>
      </Form>
    </Card>
  );
}
