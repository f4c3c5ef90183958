import { Card, Result, Spin } from 'antd';
import { Button } from '../../../ui/button.tsx';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { ApiError } from '../../../api/client.ts';
import { ErrorAlert } from '../../../ui/desktop/error-alert.tsx';
import { toApiError } from '../../../ui/errors.ts';
import { useDocumentTitle } from '../../../ui/portal.tsx';
import { completeRealName, refreshStanding, startRealName, type Verification } from '../../../domains/verification/api.ts';
import { VerificationPanel } from './method-panel.tsx';

/** 实名认证 (manual 000 §一.2.1.2): 银联身份认证, then 快捷绑定一码通 is offered. */
export function RealNamePage() {
  const { t } = useTranslation('verification');
  useDocumentTitle(t('realName.title'));
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [verificationId, setVerificationId] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<{ name: string } | null>(null);
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    startRealName().then(
      (v) => setVerificationId(v.id),
      (failure: unknown) => setError(toApiError(failure)),
    );
  }, []);

  const onPassed = useCallback(
    async (verification: Verification) => {
      try {
        const identity = await completeRealName(verification.id);
        await refreshStanding(queryClient);
        setDone(identity);
      } catch (failure) {
        setError(toApiError(failure));
      }
    },
    [queryClient],
  );

  if (done || error?.code === 'REAL_NAME_ALREADY') {
    return (
      <Card data-testid="real-name-done">
        <Result
          status="success"
          title={t('realName.success')}
          subTitle={t('realName.successHint')}
          extra={
            <Button type="primary" onClick={() => navigate('/binding/quick')} data-testid="quick-bind">
              {t('home.quickBind')}
            </Button>
          }
        />
      </Card>
    );
  }
  return (
    <div style={{ maxWidth: 720 }} data-testid="real-name-page">
      <Card title={t('realName.title')} style={{ marginBottom: 16 }}>
        {t('realName.intro')}
      </Card>
      <ErrorAlert error={error} />
      {verificationId ? <VerificationPanel verificationId={verificationId} onPassed={(v) => void onPassed(v)} onReselected={(v) => setVerificationId(v.id)} /> : error ? null : <Spin />}
    </div>
  );
}
