/** /broker/: the console of brokers' account-opening staff (manual 003). Business pages come with their modules. */
import { IdcardOutlined } from '@ant-design/icons';
import { StaffPortal } from '../../ui/console/staff-portal.tsx';
import type { StaffPage } from '../../ui/console/pages.ts';
import { CounterVerificationPage } from './counter/counter-verification-page.tsx';

const pages: StaffPage[] = [
  // 临柜身份认证 (manual 000 §一.2.1.1 (4))
  { path: 'counter-verifications', labelKey: 'menu.counterVerification', icon: <IdcardOutlined />, permission: 'verification.counter', element: <CounterVerificationPage /> },
];

export default function BrokerConsole() {
  return <StaffPortal organisationKind="broker" pages={pages} />;
}
