import { useMemo, useState } from 'react';
import { useLocation } from 'react-router-dom';

/** Where a signed-out visitor came from, and whose page it was (null: nobody was signed in on it). */
export interface WayBack {
  from: string;
  owner: string | null;
}

/**
 * The way back to this page once signed in again, for RequireInvestor's redirect to the
 * login page. It remembers who was signed in here: after 退出, 注销 or an ended session the
 * next person to sign in on the tab is not sent to the previous person's page. One object
 * per path and owner: <Navigate> navigates again whenever its state changes identity.
 */
export function useWayBack(investorId: string | null): WayBack {
  const location = useLocation();
  const [owner, setOwner] = useState<string | null>(investorId);
  if (investorId !== null && investorId !== owner) setOwner(investorId);
  return useMemo(() => ({ from: location.pathname, owner }), [location.pathname, owner]);
}

/** The page to return to, when `state` holds a way back that is this investor's to take. */
export function wayBackTo(state: unknown, investorId: string): string | null {
  const back = state as Partial<WayBack> | null;
  if (typeof back?.from !== 'string') return null;
  if (typeof back.owner === 'string' && back.owner !== investorId) return null;
  return back.from;
}
