import { Result } from 'antd';
import { Button } from '../../../ui/button.tsx';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router-dom';
import { PageSpin } from '../../../ui/desktop/page-spin.tsx';
import { useInvestor } from '../../../domains/session/use-investor.ts';

/** Pages for signed-in investors only; others go to the login page and come back after. */
export function RequireInvestor({ children }: { children: ReactNode }) {
  const { t } = useTranslation('investor');
  const { loading, error, investor, retry } = useInvestor();
  const location = useLocation();
  // One object per path: <Navigate> navigates again whenever its state changes identity, and a
  // re-render of this page while the router moves away (a lazy page loading) would otherwise
  // send a signed-out investor back to the login page with this page as the way back.
  const back = useMemo(() => ({ from: location.pathname }), [location.pathname]);
  if (loading) return <PageSpin />;
  if (error)
    return (
      <Result
        status="warning"
        title={error.message}
        extra={
          <Button type="primary" onClick={retry}>
            {t('common:actions.retry')}
          </Button>
        }
      />
    );
  if (!investor) return <Navigate to="/login" replace state={back} />;
  return <>{children}</>;
}

/** Login and registration: a signed-in investor goes on to the page asked for, or the hall. */
export function GuestOnly({ children }: { children: ReactNode }) {
  const { loading, investor } = useInvestor();
  const location = useLocation();
  if (loading) return <PageSpin />;
  if (investor) return <Navigate to={returnPath(location.state)} replace />;
  return <>{children}</>;
}

export function returnPath(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('/login') && !from.startsWith('/register') ? from : '/';
}
