/** Futures account cloud for futures clients (`/futures/`): manual 004. */
import { PortalIntro } from '../../ui/desktop/portal-intro.tsx';

export default function FuturesPortal() {
  return <PortalIntro namespace="futures" />;
}
