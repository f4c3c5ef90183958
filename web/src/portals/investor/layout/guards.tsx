import { Result } from 'antd';
import { Button } from '../../../ui/button.tsx';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router-dom';
import { PageSpin } from '../../../ui/desktop/page-spin.tsx';
import { useInvestor } from '../../../domains/session/use-investor.ts';
import { useWayBack, wayBackTo } from '../../../domains/session/way-back.ts';

/** Pages for signed-in investors only; others go to the login page and come back after. */
export function RequireInvestor({ children }: { children: ReactNode }) {
  const { t } = useTranslation('investor');
  const { loading, error, investor, retry } = useInvestor();
  // One object per path and owner (useWayBack): a re-render of this page while the router moves
  // away (a lazy page loading) would otherwise send a signed-out investor back to the login page
  // with this page as the way back.
  const back = useWayBack(investor?.id ?? null);
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
  if (investor) return <Navigate to={returnPath(location.state, investor.id)} replace />;
  return <>{children}</>;
}

/** The page a signed-in investor goes on to: their own way back (wayBackTo), else the hall. */
export function returnPath(state: unknown, investorId: string): string {
  const from = wayBackTo(state, investorId);
  return from !== null && from.startsWith('/') && !from.startsWith('/login') && !from.startsWith('/register') ? from : '/';
}
