import { Route } from 'react-router-dom';
import { RequireInvestor } from '../layout/guards.tsx';
import { MobileChangesPage, MobileFreezesPage, MobileHoldingsPage } from './account-pages.tsx';
import { MobileMyAccountPage } from './my-account-page.tsx';
import { MobileRequireBound } from './shared/require-bound.tsx';

/** 查询服务 of the mobile hall (manual 000 §二.2.2): route and 常用功能 entry of each query, all behind MobileRequireBound. */
export const MOBILE_QUERY_ENTRIES = [
  { path: '/m/my-account', key: 'myAccount', testId: 'my-account', element: <MobileMyAccountPage /> },
  { path: '/m/holdings', key: 'holdings', testId: 'holdings', element: <MobileHoldingsPage /> },
  { path: '/m/changes', key: 'changes', testId: 'changes', element: <MobileChangesPage /> },
  { path: '/m/freezes', key: 'freezes', testId: 'freezes', element: <MobileFreezesPage /> },
] as const;

export const mobileQueryRoutes = MOBILE_QUERY_ENTRIES.map((e) => (
  <Route
    key={e.path}
    path={e.path.slice(3)}
    element={
      <RequireInvestor>
        <MobileRequireBound>{e.element}</MobileRequireBound>
      </RequireInvestor>
    }
  />
));
