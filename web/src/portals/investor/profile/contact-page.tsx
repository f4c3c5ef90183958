import { App, Alert, Card, Form, Input, Typography } from 'antd';
import { Button } from '../../../ui/button.tsx';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { ErrorAlert } from '../../../ui/desktop/error-alert.tsx';
import { SmsCodeInput } from '../../../ui/desktop/sms-code-input.tsx';
import { useDocumentTitle } from '../../../ui/portal.tsx';
import type { ContactKind } from '../../../domains/profile/api.ts';
import { useContactForm, type ContactValues } from '../../../domains/profile/use-contact-form.ts';

/**
 * 用户中心 → 手机号码 / 电子邮箱 (manual 000 §一.2.1.4–5): 补充 when the user has none
 * (the code is enough: 确定 / 确认), else 变更 (下一步 → 用户身份认证 → 确认).
 */
export function ContactPage({ kind }: { kind: ContactKind }) {
  const { t } = useTranslation('profile');
  const [form] = Form.useForm<ContactValues>();
  const navigate = useNavigate();
  const { modal } = App.useApp();
  const onPopUp = (message: string) => void modal.warning({ title: message, okText: t('contact.confirm') });
  const { current, supplementing, valueLabel, valueRules, error, done, sendCode, showError, submit, submitting, codeRound } = useContactForm(kind, form, {
    changePath: (flowId) => `/user/${kind}/change/${flowId}`,
    onPopUp,
  });
  const title = t(`contact.${kind}.${supplementing ? 'supplementTitle' : 'changeTitle'}`);
  useDocumentTitle(title);

  if (done)
    return (
      <Card title={title} style={{ maxWidth: 640 }} data-testid="contact-page">
        <Alert type="success" showIcon role="status" message={t(`contact.${kind}.supplemented`)} description={done} style={{ marginBottom: 16 }} />
        <Button type="primary" onClick={() => navigate('/user/profile')}>
          {t('contact.backToProfile')}
        </Button>
      </Card>
    );

  return (
    <Card title={title} style={{ maxWidth: 640 }} data-testid="contact-page">
      {current ? (
        <Typography.Paragraph>
          {t(`contact.${kind}.current`)}：<span data-testid="contact-current">{current}</span>
        </Typography.Paragraph>
      ) : null}
      <ErrorAlert error={error} />
      <Form form={form} name={`contact-${kind}`} layout="vertical" requiredMark={false} onFinish={submit}>
        <Form.Item label={valueLabel} name="value" rules={valueRules}>
          <Input placeholder={t(`contact.${kind}.placeholder`)} autoComplete={kind === 'mobile' ? 'tel' : 'email'} data-testid="contact-value" />
        </Form.Item>
        <Form.Item label={t(`contact.${kind}.codeLabel`)} name="code" rules={[{ required: true, whitespace: true, message: t('contact.codeRequired') }]}>
          <SmsCodeInput key={codeRound} channel={kind === 'email' ? 'email' : 'sms'} send={sendCode} onError={showError} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={submitting} data-testid="contact-submit">
          {supplementing ? t(`contact.${kind}.supplementSubmit`) : t('contact.next')}
        </Button>
      </Form>
    </Card>
  );
}
