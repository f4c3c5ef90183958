import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { useDocumentTitle } from '../../../ui/portal.tsx';
import { VerificationPanel } from '../verification/method-panel.tsx';
import type { Verification } from '../../../domains/verification/api.ts';

/** 用户身份认证方式选择 for binding (manual 000 §一.2.1.1 (3)-(5)). */
export function BindingVerifyPage() {
  const { t } = useTranslation('verification');
  useDocumentTitle(t('methods.title'));
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const onPassed = useCallback((v: Verification) => navigate(`/binding/confirm/${v.id}`, { replace: true }), [navigate]);
  return (
    <div style={{ maxWidth: 720 }}>
      <VerificationPanel key={id} verificationId={id} onPassed={onPassed} onReselected={(v) => navigate(`/binding/verify/${v.id}`, { replace: true })} />
    </div>
  );
}
