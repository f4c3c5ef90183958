/** Investor hall, desktop (`/`): manual 000 §一. */
import { Navigate, Route, Routes } from 'react-router-dom';
import { LoginPage } from './auth/login-page.tsx';
import { RegisterPage } from './auth/register-page.tsx';
import { RegisterSuccessPage } from './auth/register-success-page.tsx';
import { HomePage } from './home/home-page.tsx';
import './investor.css';
import { AuthLayout } from './layout/auth-layout.tsx';
import { GuestOnly, RequireInvestor } from './layout/guards.tsx';
import { HallLayout } from './layout/hall-layout.tsx';
import { PasswordPage } from './user/password-page.tsx';
import { ContactChangePage } from './profile/contact-change-page.tsx';
import { ContactPage } from './profile/contact-page.tsx';
import { DeregistrationPage } from './profile/deregistration-page.tsx';
import { NotificationsPage } from './profile/notifications-page.tsx';
import { ProfilePage } from './profile/profile-page.tsx';
import { RecoveryPage } from './profile/recovery-page.tsx';
import { UsernameRecoveryPage } from './profile/username-recovery-page.tsx';
import { BindingConfirmPage } from './binding/confirm-page.tsx';
import { DirectBindingPage } from './binding/direct-binding-page.tsx';
import { QuickBindingPage } from './binding/quick-binding-page.tsx';
import { BindingVerifyPage } from './binding/verify-page.tsx';
import { RealNamePage } from './verification/real-name-page.tsx';
import { AuthorisationsPage } from './event-queries/pages.tsx';
import { CertificatePage } from './certificates/certificate-page.tsx';
import { NeverOpenedProofPage } from './certificates/never-opened-page.tsx';
import { RequireBound } from './binding/require-bound.tsx';
import { queryRoutes } from './queries/routes.tsx';

export default function InvestorPortal() {
  return (
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
        <Route path="user/password" element={<PasswordPage />} />
        <Route path="user/profile" element={<ProfilePage />} />
        <Route path="user/mobile" element={<ContactPage kind="mobile" key="mobile" />} />
        <Route path="user/email" element={<ContactPage kind="email" key="email" />} />
        <Route path="user/mobile/change/:flowId" element={<ContactChangePage kind="mobile" />} />
        <Route path="user/email/change/:flowId" element={<ContactChangePage kind="email" />} />
        <Route path="user/notifications" element={<NotificationsPage />} />
        <Route path="user/deregister" element={<DeregistrationPage />} />
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
  );
}
