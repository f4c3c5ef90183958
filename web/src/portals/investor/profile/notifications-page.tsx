import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Modal, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { isApiError, type ApiError } from '../../../api/client.ts';
import { sessionQueryKey } from '../../../api/session.ts';
import { CaptchaInput } from '../../../ui/desktop/captcha-input.tsx';
import { ErrorAlert } from '../../../ui/desktop/error-alert.tsx';
import { PageSpin } from '../../../ui/desktop/page-spin.tsx';
import { SmsCodeInput } from '../../../ui/desktop/sms-code-input.tsx';
import { toApiError } from '../../../ui/errors.ts';
import { useCaptcha } from '../../../ui/hooks/use-captcha.ts';
import { useDocumentTitle } from '../../../ui/portal.tsx';
import { getNotificationSettings, notificationSettingsKey, passStepUp, sendStepUpCode, setNotificationChannel, type NotificationChannel, type NotificationSettings } from './api.ts';
import { codeFormField } from './bound.ts';

/** 用户中心 → 通知设置 (manual 000 §一.7): phone or e-mail, changed after 二次认证. */
export function NotificationsPage() {
  const { t } = useTranslation('profile');
  useDocumentTitle(t('notify.title'));
  const settings = useQuery({ queryKey: notificationSettingsKey, queryFn: getNotificationSettings });
  const [choice, setChoice] = useState<NotificationChannel | null>(null);
  const [stepUpOpen, setStepUpOpen] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  const [saving, setSaving] = useState(false);
  const { modal } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  if (settings.isPending) return <PageSpin />;
  if (settings.isError) return <ErrorAlert error={toApiError(settings.error)} />;
  const selected = choice ?? settings.data.channel;

  const askToSupplement = (channel: NotificationChannel) =>
    modal.confirm({
      title: t('notify.missingTitle'),
      content: t(channel === 'sms' ? 'notify.missingMobile' : 'notify.missingEmail'),
      okText: t('notify.toSupplement'),
      cancelText: t('deregister.cancel'),
      onOk: () => navigate(channel === 'sms' ? '/user/mobile' : '/user/email'),
    });

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      const next = await setNotificationChannel(selected);
      queryClient.setQueryData<NotificationSettings>(notificationSettingsKey, next);
      setChoice(null);
      setSaved(true);
    } catch (failure) {
      if (isApiError(failure, 'STEP_UP_REQUIRED')) setStepUpOpen(true);
      else setError(toApiError(failure));
    } finally {
      setSaving(false);
    }
  };

  const submit = () => {
    setSaved(false);
    const missing = selected === 'sms' ? !settings.data.hasMobile : !settings.data.hasEmail;
    if (missing) askToSupplement(selected);
    else void save();
  };

  return (
    <Card title={t('notify.title')} style={{ maxWidth: 640 }} data-testid="notifications-page">
      {saved ? <Alert type="success" showIcon role="status" message={t('notify.saved')} style={{ marginBottom: 16 }} /> : null}
      <ErrorAlert error={error} />
      <Form layout="vertical">
        <Form.Item label={t('notify.channel')}>
          <Radio.Group value={selected} onChange={(event) => { setChoice(event.target.value as NotificationChannel); setSaved(false); }} data-testid="notify-channel">
            <Radio value="sms">{t('notify.sms')}</Radio>
            <Radio value="email">{t('notify.email')}</Radio>
          </Radio.Group>
        </Form.Item>
        <Button type="primary" loading={saving} onClick={submit} data-testid="notify-save">
          {t('notify.save')}
        </Button>
      </Form>
      <StepUpModal
        open={stepUpOpen}
        settings={settings.data}
        onCancel={() => setStepUpOpen(false)}
        onPassed={async () => {
          setStepUpOpen(false);
          await queryClient.invalidateQueries({ queryKey: sessionQueryKey });
          await save();
        }}
      />
    </Card>
  );
}

/** 二次认证: graphic captcha, then a code to the user's own phone or e-mail (also 显示完整证券账户 of 我的一码通). */
export function StepUpModal({ open, settings, onCancel, onPassed, intro }: { open: boolean; settings: NotificationSettings; onCancel: () => void; onPassed: () => Promise<void>; intro?: string }) {
  const { t } = useTranslation('profile');
  const [form] = Form.useForm<{ captchaAnswer: string; code: string }>();
  const captcha = useCaptcha();
  const [channel, setChannel] = useState<NotificationChannel>(settings.hasMobile ? 'sms' : 'email');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const showError = (failure: unknown) => {
    const apiError = toApiError(failure);
    if (codeFormField(apiError) === 'code') form.setFields([{ name: 'code', errors: [apiError.message] }]);
    else if (apiError.code === 'CAPTCHA_INVALID') form.setFields([{ name: 'captchaAnswer', errors: [apiError.message] }]);
    else setError(apiError);
  };

  const send = async () => {
    setError(null);
    const answer = ((form.getFieldValue('captchaAnswer') as string | undefined) ?? '').trim();
    if (!answer) {
      form.setFields([{ name: 'captchaAnswer', errors: [t('notify.stepUpCaptchaFirst')] }]);
      return null;
    }
    if (!captcha.captchaId) return null;
    try {
      return await sendStepUpCode({ captchaId: captcha.captchaId, captchaAnswer: answer, channel });
    } finally {
      form.setFieldsValue({ captchaAnswer: '' });
      captcha.refresh();
    }
  };

  const submit = async ({ code }: { code: string }) => {
    setBusy(true);
    setError(null);
    try {
      await passStepUp(channel, code.trim());
      await onPassed();
    } catch (failure) {
      showError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title={t('notify.stepUpTitle')} footer={null} onCancel={onCancel} destroyOnClose>
      <Typography.Paragraph>{intro ?? t('notify.stepUpIntro')}</Typography.Paragraph>
      <ErrorAlert error={error} />
      <Form form={form} layout="vertical" requiredMark={false} onFinish={submit} name="step-up">
        <Form.Item label={t('notify.stepUpChannel')}>
          <Radio.Group value={channel} onChange={(event) => setChannel(event.target.value as NotificationChannel)}>
            <Space>
              {settings.hasMobile ? <Radio value="sms">{t('notify.sms')}</Radio> : null}
              {settings.hasEmail ? <Radio value="email">{t('notify.email')}</Radio> : null}
            </Space>
          </Radio.Group>
        </Form.Item>
        <Form.Item label={t('investor:captchaLabel')} name="captchaAnswer">
          <CaptchaInput captcha={captcha} />
        </Form.Item>
        <Form.Item label={t(`verify.codeLabel.${channel === 'sms' ? 'own-mobile' : 'own-email'}`)} name="code" rules={[{ required: true, whitespace: true, message: t('verify.codeRequired') }]}>
          <SmsCodeInput send={send} onError={showError} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="step-up-submit">
          {t('notify.stepUpSubmit')}
        </Button>
      </Form>
    </Modal>
  );
}
