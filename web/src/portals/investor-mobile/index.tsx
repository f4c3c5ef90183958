/** Investor hall, mobile H5 (`/m/`): the WeChat-hall flows of manual 000 §二. antd-mobile only. */
import { FreshVisits } from '../../ui/fresh-visit.tsx';
import { Navigate, Route, Routes } from 'react-router-dom';
import { MobileLoginPage } from './auth/login-page.tsx';
import { MobileRegisterPage } from './auth/register-page.tsx';
import { MobileHomePage } from './home/home-page.tsx';
import { GuestOnly, RequireInvestor } from './layout/guards.tsx';
import { MobilePasswordPage } from './user/password-page.tsx';
import { MobileProfilePage } from './user/profile-page.tsx';
import { MobileContactChangePage } from './profile/contact-change-page.tsx';
import { MobileContactPage } from './profile/contact-page.tsx';
import { MobileDeregistrationPage } from './profile/deregistration-page.tsx';
import { MobileRecoveryPage } from './profile/recovery-page.tsx';
import { MobileAbandonmentsPage, MobileAuthorisationsPage, MobileDividendTaxPage, MobileIpoAllotmentsPage, MobileRiskDisclosuresPage } from './event-queries/pages.tsx';
import { MobileBindingConfirmPage, MobileBindingVerifyPage, MobileDirectBindingPage, MobileQuickBindingPage, MobileRealNamePage } from './verification/pages.tsx';
import { MobileCertificatePage, MobileNeverOpenedProofPage } from './certificates/pages.tsx';
import { mobileQueryRoutes } from './queries/routes.tsx';

export default function InvestorMobilePortal() {
  return (
    <Routes>
      <Route
        path="login"
        element={
          <GuestOnly>
            <MobileLoginPage />
          </GuestOnly>
        }
      />
      <Route path="register" element={<MobileRegisterPage />} />
      <Route
        index
        element={
          <RequireInvestor>
            <MobileHomePage />
          </RequireInvestor>
        }
      />
      <Route
        path="profile"
        element={
          <RequireInvestor>
            <MobileProfilePage />
          </RequireInvestor>
        }
      />
      <Route
        path="password"
        element={
          <RequireInvestor>
            <MobilePasswordPage />
          </RequireInvestor>
        }
      />
      <Route
        path="recover"
        element={
          <GuestOnly>
            <MobileRecoveryPage />
          </GuestOnly>
        }
      />
      {/* 个人基本信息's contact entries start afresh each time one is chosen */}
      <Route element={<FreshVisits />}>
        <Route
          path="mobile"
          element={
            <RequireInvestor>
              <MobileContactPage kind="mobile" key="mobile" />
            </RequireInvestor>
          }
        />
        <Route
          path="email"
          element={
            <RequireInvestor>
              <MobileContactPage kind="email" key="email" />
            </RequireInvestor>
          }
        />
      </Route>
      <Route
        path="mobile/change/:flowId"
        element={
          <RequireInvestor>
            <MobileContactChangePage kind="mobile" />
          </RequireInvestor>
        }
      />
      <Route
        path="email/change/:flowId"
        element={
          <RequireInvestor>
            <MobileContactChangePage kind="email" />
          </RequireInvestor>
        }
      />
      <Route
        path="deregister"
        element={
          <RequireInvestor>
            <MobileDeregistrationPage />
          </RequireInvestor>
        }
      />
      <Route
        path="real-name"
        element={
          <RequireInvestor>
            <MobileRealNamePage />
          </RequireInvestor>
        }
      />
      <Route
        path="binding"
        element={
          <RequireInvestor>
            <MobileDirectBindingPage />
          </RequireInvestor>
        }
      />
      <Route
        path="binding/quick"
        element={
          <RequireInvestor>
            <MobileQuickBindingPage />
          </RequireInvestor>
        }
      />
      <Route
        path="binding/verify/:id"
        element={
          <RequireInvestor>
            <MobileBindingVerifyPage />
          </RequireInvestor>
        }
      />
      <Route
        path="binding/confirm/:id"
        element={
          <RequireInvestor>
            <MobileBindingConfirmPage />
          </RequireInvestor>
        }
      />
      <Route
        path="ipo-allotments"
        element={
          <RequireInvestor>
            <MobileIpoAllotmentsPage />
          </RequireInvestor>
        }
      />
      <Route
        path="dividend-tax"
        element={
          <RequireInvestor>
            <MobileDividendTaxPage />
          </RequireInvestor>
        }
      />
      <Route
        path="abandonments"
        element={
          <RequireInvestor>
            <MobileAbandonmentsPage />
          </RequireInvestor>
        }
      />
      <Route
        path="risk-disclosures"
        element={
          <RequireInvestor>
            <MobileRiskDisclosuresPage />
          </RequireInvestor>
        }
      />
      <Route
        path="authorisations"
        element={
          <RequireInvestor>
            <MobileAuthorisationsPage />
          </RequireInvestor>
        }
      />
      <Route
        path="certificate"
        element={
          <RequireInvestor>
            <MobileCertificatePage />
          </RequireInvestor>
        }
      />
      <Route
        path="never-opened-proof"
        element={
          <RequireInvestor>
            <MobileNeverOpenedProofPage />
          </RequireInvestor>
        }
      />
      {mobileQueryRoutes}
      <Route path="*" element={<Navigate to="/m/" replace />} />
    </Routes>
  );
}
