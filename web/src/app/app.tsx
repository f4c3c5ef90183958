import { Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';
import { AppErrorBoundary } from './app-error-boundary.tsx';
import { PORTALS } from './portals.tsx';

/** One route per portal (PORTALS); inside its route each portal has its own <Routes>. */
export function App() {
  return (
    <AppErrorBoundary>
      <Suspense fallback={<Loading />}>
        <Routes>
          {PORTALS.map(({ path, Component }) => (
            <Route key={path} path={`${path}/*`} element={<Component />} />
          ))}
        </Routes>
      </Suspense>
    </AppErrorBoundary>
  );
}

/** Before a portal's UI library is there: a plain, text-free indicator. */
function Loading() {
  return <div className="ch-loading" aria-busy="true" />;
}
