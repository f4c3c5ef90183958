import { Result } from 'antd-mobile';
import { Button } from '../../../ui/mobile/button.tsx';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router-dom';
import { MobilePageLoading } from '../../../ui/mobile/page-loading.tsx';
import { useInvestor } from '../../../domains/session/use-investor.ts';
import { useWayBack, wayBackTo } from '../../../domains/session/way-back.ts';

export function RequireInvestor({ children }: { children: ReactNode }) {
  const { t } = useTranslation('investor');
  const { loading, error, investor, retry } = useInvestor();
  // One object per path and owner (useWayBack): a re-render of this page while the router moves
  // away (a lazy page loading) would otherwise send a signed-out investor back to the login page
  // with this page as the way back.
  const back = useWayBack(investor?.id ?? null);
  if (loading) return <MobilePageLoading />;
  if (error)
    return (
      <div className="ch-m-page ch-m-inset">
        <Result status="warning" title={error.message} />
        <Button block color="primary" onClick={retry}>
          {t('common:actions.retry')}
        </Button>
      </div>
    );
  if (!investor) return <Navigate to="/m/login" replace state={back} />;
  return <>{children}</>;
}

export function GuestOnly({ children }: { children: ReactNode }) {
  const { loading, investor } = useInvestor();
  const location = useLocation();
  if (loading) return <MobilePageLoading />;
  if (investor) return <Navigate to={returnPath(location.state, investor.id)} replace />;
  return <>{children}</>;
}

function returnPath(state: unknown, investorId: string): string {
  const from = wayBackTo(state, investorId);
  return from !== null && from.startsWith('/m/') && !from.startsWith('/m/login') && !from.startsWith('/m/register') ? from : '/m/';
}
