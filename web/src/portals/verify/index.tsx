/** Public verification of e-certificates (`/verify/`). */
import { PortalIntro } from '../../ui/desktop/portal-intro.tsx';

export default function VerifyPortal() {
  return <PortalIntro namespace="verify" />;
}
