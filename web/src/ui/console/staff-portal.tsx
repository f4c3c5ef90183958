/**
 * A staff console: checks the session, shows the sign-in form, refuses staff of
 * another kind of organisation, and routes the pages the user's permissions allow.
 */
import { Result } from 'antd';
import { Button } from '../button.tsx';
import type { ReactNode } from 'react';
import { Link, Route, Routes } from 'react-router-dom';
import { useSession, type OrganisationKind } from '../../api/session.ts';
import { PageSpin } from '../desktop/page-spin.tsx';
import { toApiError } from '../errors.ts';
import { useDocumentTitle } from '../portal.tsx';
import { ConsoleRootContext, useConsoleRoot, useMountPath } from './console-root.ts';
import { StaffHomePage } from './home-page.tsx';
import { useTranslation } from 'react-i18next';
import { StaffLoginPage } from './login-page.tsx';
import { allowedPages, type StaffPage } from './pages.ts';
import { StaffPrincipalContext, useStaffPrincipal } from './principal.ts';
import { StaffLayout } from './staff-layout.tsx';
import { WrongPortalPage } from './wrong-portal-page.tsx';

interface Props {
  organisationKind: OrganisationKind;
  pages: readonly StaffPage[];
}

export function StaffPortal({ organisationKind, pages }: Props) {
  const root = useMountPath();
  return (
    <ConsoleRootContext.Provider value={root}>
      <Routes>
        {/* A pathless layout route: the session check and the frame wrap every page. */}
        <Route element={<SessionGate organisationKind={organisationKind} pages={pages} />}>
          <Route index element={<StaffHomePage pages={pages} />} />
          {pages.map((page) => (
            <Route key={page.path} path={page.path} element={<RequirePermission permission={page.permission}>{page.element}</RequirePermission>} />
          ))}
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </ConsoleRootContext.Provider>
  );
}

function SessionGate({ organisationKind, pages }: Props) {
  const { t } = useTranslation('staff');
  const session = useSession();
  const portalTitle = t(`portal.${organisationKind}`);
  useDocumentTitle(`${portalTitle} - Clearhall`);

  if (session.isPending) return <PageSpin />;
  if (session.isError) {
    return (
      <Result
        status="error"
        title={toApiError(session.error).message}
        extra={
          <Button type="primary" onClick={() => void session.refetch()}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  }
  const { principal } = session.data;
  if (!principal) return <StaffLoginPage portalTitle={portalTitle} />;
  if (principal.kind !== 'staff' || principal.organisation.kind !== organisationKind) {
    return <WrongPortalPage principal={principal} portalTitle={portalTitle} />;
  }
  return (
    <StaffPrincipalContext.Provider value={principal}>
      <StaffLayout principal={principal} portalTitle={portalTitle} pages={allowedPages(pages, principal.permissions)} />
    </StaffPrincipalContext.Provider>
  );
}

function RequirePermission({ permission, children }: { permission: string; children: ReactNode }) {
  const { t } = useTranslation('staff');
  const principal = useStaffPrincipal();
  if (principal.permissions.includes(permission)) return children;
  return (
    <div data-testid="staff-forbidden">
      <Result status="403" title={t('forbidden.title')} subTitle={t('forbidden.description')} />
    </div>
  );
}

function NotFound() {
  const { t } = useTranslation('staff');
  const root = useConsoleRoot();
  const back = (
    <Link to={`${root}/`}>
      <Button type="primary">{t('notFound.back')}</Button>
    </Link>
  );
  return (
    <div data-testid="staff-not-found">
      <Result status="404" title={t('notFound.title')} extra={back} />
    </div>
  );
}
