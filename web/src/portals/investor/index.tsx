/** Investor hall, desktop (`/`): manual 000 §一. */
import { Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { FreshVisits } from '../../ui/fresh-visit.tsx';
import { lazyPage } from '../../ui/lazy-page.ts';
import { PageSpin } from '../../ui/desktop/page-spin.tsx';
import { LoginPage } from './auth/login-page.tsx';
import './investor.css';
import { AuthLayout } from './layout/auth-layout.tsx';
import { GuestOnly, RequireInvestor } from './layout/guards.tsx';
import { queryRoutes } from './queries/routes.tsx';

// The login page is the first screen: it comes with the portal. Every other page is
// fetched when first shown (lazyPage), with what only it uses.
const RequireBound = lazyPage(() => import('./binding/require-bound.tsx'), 'RequireBound');
const RegisterPage = lazyPage(() => import('./auth/register-page.tsx'), 'RegisterPage');
const PortalChooserPage = lazyPage(() => import('./auth/portal-chooser-page.tsx'), 'PortalChooserPage');
const RegisterSuccessPage = lazyPage(() => import('./auth/register-success-page.tsx'), 'RegisterSuccessPage');
const HomePage = lazyPage(() => import('./home/home-page.tsx'), 'HomePage');
const HallLayout = lazyPage(() => import('./layout/hall-layout.tsx'), 'HallLayout');
const PasswordPage = lazyPage(() => import('./user/password-page.tsx'), 'PasswordPage');
const ContactChangePage = lazyPage(() => import('./profile/contact-change-page.tsx'), 'ContactChangePage');
const ContactPage = lazyPage(() => import('./profile/contact-page.tsx'), 'ContactPage');
const DeregistrationPage = lazyPage(() => import('./profile/deregistration-page.tsx'), 'DeregistrationPage');
const NotificationsPage = lazyPage(() => import('./profile/notifications-page.tsx'), 'NotificationsPage');
const ProfilePage = lazyPage(() => import('./profile/profile-page.tsx'), 'ProfilePage');
const RecoveryPage = lazyPage(() => import('./profile/recovery-page.tsx'), 'RecoveryPage');
const UsernameRecoveryPage = lazyPage(() => import('./profile/username-recovery-page.tsx'), 'UsernameRecoveryPage');
const BindingConfirmPage = lazyPage(() => import('./binding/confirm-page.tsx'), 'BindingConfirmPage');
const DirectBindingPage = lazyPage(() => import('./binding/direct-binding-page.tsx'), 'DirectBindingPage');
const QuickBindingPage = lazyPage(() => import('./binding/quick-binding-page.tsx'), 'QuickBindingPage');
const BindingVerifyPage = lazyPage(() => import('./binding/verify-page.tsx'), 'BindingVerifyPage');
const RealNamePage = lazyPage(() => import('./verification/real-name-page.tsx'), 'RealNamePage');
const AuthorisationsPage = lazyPage(() => import('./event-queries/pages.tsx'), 'AuthorisationsPage');
const CertificatePage = lazyPage(() => import('./certificates/certificate-page.tsx'), 'CertificatePage');
const NeverOpenedProofPage = lazyPage(() => import('./certificates/never-opened-page.tsx'), 'NeverOpenedProofPage');

export default function InvestorPortal() {
  return (
    <Suspense fallback={<PageSpin />}>
      <Routes>
        <Route element={<AuthLayout />}>
          <Route
            path="login"
            element={
              <GuestOnly>
                <LoginPage />
              </GuestOnly>
            }
          />
          <Route
            path="register"
            element={
              <GuestOnly>
                <RegisterPage />
              </GuestOnly>
            }
          />
          <Route path="register/success" element={<RegisterSuccessPage />} />
          <Route path="portals" element={<PortalChooserPage />} />
          <Route
            path="recover"
            element={
              <GuestOnly>
                <RecoveryPage />
              </GuestOnly>
            }
          />
          <Route
            path="recover-username"
            element={
              <GuestOnly>
                <UsernameRecoveryPage />
              </GuestOnly>
            }
          />
        </Route>
        <Route
          element={
            <RequireInvestor>
              <HallLayout />
            </RequireInvestor>
          }
        >
          <Route index element={<HomePage />} />
          {/* 用户中心's entries start afresh each time one is chosen */}
          <Route element={<FreshVisits />}>
            <Route path="user/password" element={<PasswordPage />} />
            <Route path="user/mobile" element={<ContactPage kind="mobile" key="mobile" />} />
            <Route path="user/email" element={<ContactPage kind="email" key="email" />} />
            <Route path="user/notifications" element={<NotificationsPage />} />
            <Route path="user/deregister" element={<DeregistrationPage />} />
          </Route>
          <Route path="user/profile" element={<ProfilePage />} />
          <Route path="user/mobile/change/:flowId" element={<ContactChangePage kind="mobile" />} />
          <Route path="user/email/change/:flowId" element={<ContactChangePage kind="email" />} />
          <Route path="real-name" element={<RealNamePage />} />
          <Route path="binding" element={<DirectBindingPage />} />
          <Route path="binding/quick" element={<QuickBindingPage />} />
          <Route path="binding/verify/:id" element={<BindingVerifyPage />} />
          <Route path="binding/confirm/:id" element={<BindingConfirmPage />} />
          {queryRoutes}
          <Route
            path="user/authorisations"
            element={
              <RequireBound>
                <AuthorisationsPage />
              </RequireBound>
            }
          />
          <Route
            path="query/certificate"
            element={
              <RequireBound>
                <CertificatePage />
              </RequireBound>
            }
          />
          <Route path="never-opened-proof" element={<NeverOpenedProofPage />} />
        </Route>
        <Route path="*" element={<Navigate to="/" replace />} />
      </Routes>
    </Suspense>
  );
}
