import type { TFunction } from 'i18next';
import { Route } from 'react-router-dom';
import { lazyPage } from '../../../ui/lazy-page.ts';

// Each query page is fetched when first shown (the hall's menu lists them all).
const RequireBound = lazyPage(() => import('../binding/require-bound.tsx'), 'RequireBound');
const ChangesPage = lazyPage(() => import('./changes-page.tsx'), 'ChangesPage');
const FreezesPage = lazyPage(() => import('./freezes-page.tsx'), 'FreezesPage');
const HoldingsPage = lazyPage(() => import('./holdings-page.tsx'), 'HoldingsPage');
const MyAccountPage = lazyPage(() => import('./my-account-page.tsx'), 'MyAccountPage');
const eventQueries = () => import('../event-queries/pages.tsx');
const AbandonmentsPage = lazyPage(eventQueries, 'AbandonmentsPage');
const DividendTaxPage = lazyPage(eventQueries, 'DividendTaxPage');
const IpoAllotmentsPage = lazyPage(eventQueries, 'IpoAllotmentsPage');
const RiskDisclosuresPage = lazyPage(eventQueries, 'RiskDisclosuresPage');

/**
 * 查询服务 of the desktop hall (manual 000 §一.2.2): route, menu entry and 常用功能
 * entry (the manual's 常用功能 show only some) of each query, all behind RequireBound.
 */
export const QUERY_ENTRIES = [
  { path: '/query/my-account', label: 'queries:nav.myAccount', testId: 'my-account', tile: true, element: <MyAccountPage /> },
  { path: '/query/holdings', label: 'queries:nav.holdings', testId: 'holdings', tile: true, element: <HoldingsPage /> },
  { path: '/query/changes', label: 'queries:nav.changes', testId: 'changes', tile: true, element: <ChangesPage /> },
  { path: '/query/freezes', label: 'queries:nav.freezes', testId: 'freezes', tile: true, element: <FreezesPage /> },
  { path: '/query/ipo-allotments', label: 'event-queries:nav.ipo', testId: 'ipo-allotments', tile: true, element: <IpoAllotmentsPage /> },
  { path: '/query/dividend-tax', label: 'event-queries:nav.tax', testId: 'dividend-tax', tile: false, element: <DividendTaxPage /> },
  { path: '/query/abandonments', label: 'event-queries:nav.abandon', testId: 'abandonments', tile: true, element: <AbandonmentsPage /> },
  { path: '/query/risk-disclosures', label: 'event-queries:nav.risk', testId: 'risk-disclosures', tile: false, element: <RiskDisclosuresPage /> },
] as const;

export const queryRoutes = QUERY_ENTRIES.map((e) => <Route key={e.path} path={e.path.slice(1)} element={<RequireBound>{e.element}</RequireBound>} />);

export const queryMenuItems = (t: TFunction) => QUERY_ENTRIES.map((e) => ({ key: e.path, label: <span data-testid={`nav-${e.testId}`}>{t(e.label)}</span> }));
