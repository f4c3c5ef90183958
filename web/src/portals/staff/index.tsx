/** /staff/: the depository's back office. */
import {
  ApartmentOutlined,
  AuditOutlined,
  SafetyCertificateOutlined,
  CloudUploadOutlined,
  FileSearchOutlined,
  OrderedListOutlined,
  ScheduleOutlined,
  SearchOutlined,
  StockOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { StaffPortal } from '../../ui/console/staff-portal.tsx';
import type { StaffPage } from '../../ui/console/pages.ts';
import { AuditPage } from './audit/audit-page.tsx';
import { AuthorisationsPage } from './authorisations/authorisations-page.tsx';
import { CasesPage } from './cases/cases-page.tsx';
import { JobsPage } from './jobs/jobs-page.tsx';
import { OrganisationsPage } from './organisations/organisations-page.tsx';
import { HoldingsPage } from './registry/holdings-page.tsx';
import { ClosingPriceImportPage, SettlementImportPage } from './registry/import-page.tsx';
import { RegisterPage } from './registry/register-page.tsx';
import { UsersPage } from './users/users-page.tsx';

const pages: StaffPage[] = [
  { path: 'users', labelKey: 'menu.users', icon: <TeamOutlined />, permission: 'staff.manage', element: <UsersPage /> },
  { path: 'organisations', labelKey: 'menu.organisations', icon: <ApartmentOutlined />, permission: 'staff.manage', element: <OrganisationsPage /> },
  { path: 'audit', labelKey: 'menu.audit', icon: <FileSearchOutlined />, permission: 'audit.read', element: <AuditPage /> },
  { path: 'jobs', labelKey: 'menu.jobs', icon: <ScheduleOutlined />, permission: 'jobs.read', element: <JobsPage /> },
  // 登记簿 (the registry)
  { path: 'registry/import', labelKey: 'menu.registryImport', icon: <CloudUploadOutlined />, permission: 'registry.import', element: <SettlementImportPage /> },
  { path: 'registry/prices', labelKey: 'menu.registryPrices', icon: <StockOutlined />, permission: 'registry.import', element: <ClosingPriceImportPage /> },
  { path: 'registry/holdings', labelKey: 'menu.registryHoldings', icon: <SearchOutlined />, permission: 'registry.read', element: <HoldingsPage /> },
  { path: 'registry/register', labelKey: 'menu.registryRegister', icon: <OrderedListOutlined />, permission: 'registry.read', element: <RegisterPage /> },
  { path: 'investor/authorisations', labelKey: 'menu.authorisations', icon: <SafetyCertificateOutlined />, permission: 'registry.read', element: <AuthorisationsPage /> },
  // 审核案件 (review cases of every subsystem)
  { path: 'cases', labelKey: 'menu.cases', icon: <AuditOutlined />, permission: 'cases.read', element: <CasesPage /> },
];

export default function DepositoryConsole() {
  return <StaffPortal organisationKind="depository" pages={pages} />;
}
