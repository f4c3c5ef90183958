/** CCASS internet system for SSA statement recipients (`/ccass/`): manual 002. zh-HK and English. */
import { PortalIntro } from '../../ui/desktop/portal-intro.tsx';

export default function CcassPortal() {
  return <PortalIntro namespace="ccass" />;
}
