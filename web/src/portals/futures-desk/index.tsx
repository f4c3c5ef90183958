/** /futures/desk/: the console of futures-company staff (manual 004). Business pages come with their modules. */
import { StaffPortal } from '../../ui/console/staff-portal.tsx';
import type { StaffPage } from '../../ui/console/pages.ts';

const pages: StaffPage[] = [];

export default function FuturesDeskConsole() {
  return <StaffPortal organisationKind="futures" pages={pages} />;
}
