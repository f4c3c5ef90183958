import { Dialog } from 'antd-mobile';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { MobilePageLoading } from '../../../../ui/mobile/page-loading.tsx';
import { useStanding } from '../../../../domains/verification/api.ts';

/**
 * The mobile RequireBound: query pages need a bound unified account; an unbound
 * investor is told so and, on “确定”, taken to 绑定一码通 (manual 000 §二.2.1.1 (1)).
 */
export function MobileRequireBound({ children }: { children: ReactNode }) {
  const { t } = useTranslation('verification');
  const navigate = useNavigate();
  const standing = useStanding();
  if (!standing.data) return <MobilePageLoading />;
  if (standing.data.bound) return <>{children}</>;
  return (
    <Dialog
      visible
      content={<span data-testid="not-bound-prompt">{t('bind.notBound')}</span>}
      actions={[
        [
          { key: 'cancel', text: t('common:actions.cancel'), onClick: () => navigate('/m/', { replace: true }) },
          { key: 'ok', text: t('bind.ok'), bold: true, onClick: () => navigate('/m/binding', { replace: true }) },
        ],
      ]}
    />
  );
}
