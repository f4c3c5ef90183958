/** /broker/: the console of brokers' account-opening staff (manual 003). Business pages come with their modules. */
import { StaffPortal } from '../staff-common/staff-portal.tsx';
import type { StaffPage } from '../staff-common/pages.ts';

const pages: StaffPage[] = [];

export default function BrokerConsole() {
  return <StaffPortal organisationKind="broker" pages={pages} />;
}
