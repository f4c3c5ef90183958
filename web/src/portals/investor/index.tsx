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

export default function InvestorPortal() {
  return (
    <Routes>
      <Route element={<AuthLayout />}>
        <Route path="login" element={<GuestOnly><LoginPage /></GuestOnly>} />
        <Route path="register" element={<GuestOnly><RegisterPage /></GuestOnly>} />
        <Route path="register/success" element={<RegisterSuccessPage />} />
      </Route>
      <Route element={<RequireInvestor><HallLayout /></RequireInvestor>}>
        <Route index element={<HomePage />} />
        <Route path="user/password" element={<PasswordPage />} />
      </Route>
      <Route path="*" element={<Navigate to="/" replace />} />
    </Routes>
  );
}
