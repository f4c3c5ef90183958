import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Card, Form, Radio } from 'antd';
import { Button } from '../../../ui/button.tsx';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { isApiError, type ApiError } from '../../../api/client.ts';
import { StepUpModal } from '../shared/step-up-modal.tsx';
import { sessionQueryKey } from '../../../api/session.ts';
import { ErrorAlert } from '../../../ui/desktop/error-alert.tsx';
import { PageSpin } from '../../../ui/desktop/page-spin.tsx';
import { toApiError } from '../../../ui/errors.ts';
import { useDocumentTitle } from '../../../ui/portal.tsx';
import { getNotificationSettings, notificationSettingsKey, setNotificationChannel, type NotificationChannel, type NotificationSettings } from '../../../domains/profile/api.ts';

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
          <Radio.Group
            value={selected}
            onChange={(event) => {
              setChoice(event.target.value as NotificationChannel);
              setSaved(false);
            }}
            data-testid="notify-channel"
          >
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
        hasMobile={settings.data.hasMobile}
        hasEmail={settings.data.hasEmail}
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
