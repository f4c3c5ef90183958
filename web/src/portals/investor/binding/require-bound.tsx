import { App } from 'antd';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { PageSpin } from '../../../ui/desktop/page-spin.tsx';
import { ErrorAlert } from '../../../ui/desktop/error-alert.tsx';
import { toApiError } from '../../../ui/errors.ts';
import { useStanding } from '../verification/api.ts';

/**
 * Query entries (我的一码通, 证券持有余额, ...) need a bound unified account: an
 * unbound investor is told so and, on “确定”, taken to 绑定一码通 (manual 000
 * §一.2.1.1, 注册用户直接绑定一码通 (1)). Wrap every query page in it.
 */
export function RequireBound({ children }: { children: ReactNode }) {
  const { t } = useTranslation('verification');
  const standing = useStanding();
  const navigate = useNavigate();
  const { modal } = App.useApp();
  const unbound = standing.data && !standing.data.bound;

  useEffect(() => {
    if (!unbound) return;
    const dialog = modal.confirm({
      title: t('bind.notBoundTitle'),
      content: <span data-testid="not-bound-prompt">{t('bind.notBound')}</span>,
      okText: t('bind.ok'),
      cancelText: t('common:actions.cancel'),
      okButtonProps: { 'data-testid': 'not-bound-ok' },
      onOk: () => navigate('/binding', { replace: true }),
      onCancel: () => navigate('/', { replace: true }),
    });
    return () => dialog.destroy();
  }, [unbound, navigate, t, modal]);

  if (standing.isPending) return <PageSpin />;
  if (standing.isError) return <ErrorAlert error={toApiError(standing.error)} />;
  return unbound ? null : <>{children}</>;
}
