/** Issuer platform and virtual counter (`/issuer/`): manual 001. */
import { PortalIntro } from '../../ui/desktop/portal-intro.tsx';

export default function IssuerPortal() {
  return <PortalIntro namespace="issuer" />;
}
