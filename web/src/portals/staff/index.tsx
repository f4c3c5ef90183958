/** /staff/: the depository's back office. */
import { ApartmentOutlined, FileSearchOutlined, ScheduleOutlined, TeamOutlined } from '@ant-design/icons';
import { StaffPortal } from '../staff-common/staff-portal.tsx';
import type { StaffPage } from '../staff-common/pages.ts';
import { AuditPage } from './audit/audit-page.tsx';
import { JobsPage } from './jobs/jobs-page.tsx';
import { OrganisationsPage } from './organisations/organisations-page.tsx';
import { UsersPage } from './users/users-page.tsx';

const pages: StaffPage[] = [
  { path: 'users', labelKey: 'menu.users', icon: <TeamOutlined />, permission: 'staff.manage', element: <UsersPage /> },
  { path: 'organisations', labelKey: 'menu.organisations', icon: <ApartmentOutlined />, permission: 'staff.manage', element: <OrganisationsPage /> },
  { path: 'audit', labelKey: 'menu.audit', icon: <FileSearchOutlined />, permission: 'audit.read', element: <AuditPage /> },
  { path: 'jobs', labelKey: 'menu.jobs', icon: <ScheduleOutlined />, permission: 'jobs.read', element: <JobsPage /> },
];

export default function DepositoryConsole() {
  return <StaffPortal organisationKind="depository" pages={pages} />;
}
