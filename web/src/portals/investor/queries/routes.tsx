import type { TFunction } from 'i18next';
import { Route } from 'react-router-dom';
import { RequireBound } from '../binding/require-bound.tsx';
import { ChangesPage } from './changes-page.tsx';
import { FreezesPage } from './freezes-page.tsx';
import { HoldingsPage } from './holdings-page.tsx';
import { MyAccountPage } from './my-account-page.tsx';

/**
 * 查询服务 of the desktop hall (manual 000 §一.2.2): route, menu entry and 常用功能
 * entry of each query, all behind RequireBound. Other queries add themselves here.
 */
export const QUERY_ENTRIES = [
  { path: '/query/my-account', key: 'myAccount', testId: 'my-account', element: <MyAccountPage /> },
  { path: '/query/holdings', key: 'holdings', testId: 'holdings', element: <HoldingsPage /> },
  { path: '/query/changes', key: 'changes', testId: 'changes', element: <ChangesPage /> },
  { path: '/query/freezes', key: 'freezes', testId: 'freezes', element: <FreezesPage /> },
] as const;

export const queryRoutes = QUERY_ENTRIES.map((e) => <Route key={e.path} path={e.path.slice(1)} element={<RequireBound>{e.element}</RequireBound>} />);

export const queryMenuItems = (t: TFunction) =>
  QUERY_ENTRIES.map((e) => ({ key: e.path, label: <span data-testid={`nav-${e.testId}`}>{t(`queries:nav.${e.key}`)}</span> }));
