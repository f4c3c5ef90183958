import { Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';
import { AppErrorBoundary } from './app-error-boundary.tsx';
import { Broker, Ccass, Futures, FuturesDesk, InvestorDesktop, InvestorMobile, Issuer, Staff, Verify } from './portals.tsx';

/** One route per portal; inside its route each portal has its own <Routes>. */
export function App() {
  return (
    <AppErrorBoundary>
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route path="/m/*" element={<InvestorMobile />} />
          <Route path="/staff/*" element={<Staff />} />
          <Route path="/broker/*" element={<Broker />} />
          <Route path="/futures/desk/*" element={<FuturesDesk />} />
          <Route path="/futures/*" element={<Futures />} />
          <Route path="/issuer/*" element={<Issuer />} />
          <Route path="/ccass/*" element={<Ccass />} />
          <Route path="/verify/*" element={<Verify />} />
          <Route path="/*" element={<InvestorDesktop />} />
        </Routes>
      </Suspense>
    </AppErrorBoundary>
  );
}

/** Before a portal's UI library is there: a plain, text-free indicator. */
function Loading() {
  return <div className="ch-loading" aria-busy="true" />;
}
