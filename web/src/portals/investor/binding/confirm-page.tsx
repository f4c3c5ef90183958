import { Card, Descriptions, Spin, Typography } from 'antd';
import { Button } from '../../../ui/button.tsx';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import type { ApiError } from '../../../api/client.ts';
import { ErrorAlert } from '../../../ui/desktop/error-alert.tsx';
import { toApiError } from '../../../ui/errors.ts';
import { useDocumentTitle } from '../../../ui/portal.tsx';
import { confirmBinding, refreshStanding, useBindingPreview } from '../../../domains/verification/api.ts';
import { BindingSuccess } from './quick-binding-page.tsx';

/** 绑定信息确认 (manual 000 §一.2.1.1 (5)). */
export function BindingConfirmPage() {
  const { t } = useTranslation('verification');
  useDocumentTitle(t('bind.confirmTitle'));
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const preview = useBindingPreview(id);
  const [error, setError] = useState<ApiError | null>(null);
  const [bound, setBound] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (bound) return <BindingSuccess account={bound} />;
  if (preview.isPending) return <Spin />;
  if (!preview.data) return <ErrorAlert error={toApiError(preview.error)} />;
  const p = preview.data;
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await confirmBinding(id);
      await refreshStanding(queryClient);
      setBound(result.unifiedAccountNumber);
    } catch (failure) {
      setError(toApiError(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('bind.confirmTitle')} data-testid="binding-confirm-page" style={{ maxWidth: 720 }}>
      <Typography.Paragraph type="secondary">{t('bind.confirmIntro')}</Typography.Paragraph>
      <Descriptions column={1} bordered size="small" style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('bind.userType')}>{t(`bind.${p.userType}`)}</Descriptions.Item>
        <Descriptions.Item label={t('bind.name')}>{p.name}</Descriptions.Item>
        <Descriptions.Item label={t('bind.idType')}>{t(`idTypes.${p.idType}`)}</Descriptions.Item>
        <Descriptions.Item label={t('bind.idNumber')}>{p.idNumberMasked}</Descriptions.Item>
        <Descriptions.Item label={t('bind.unifiedAccount')}>
          <span data-testid="confirm-account">{p.unifiedAccountNumber}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('bind.method')}>{t(`methods.${p.method}`)}</Descriptions.Item>
      </Descriptions>
      <ErrorAlert error={error} />
      <Button type="primary" loading={busy} onClick={() => void confirm()} data-testid="binding-confirm">
        {t('bind.confirm')}
      </Button>
    </Card>
  );
}
