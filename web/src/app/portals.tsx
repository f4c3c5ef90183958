/**
 * The portals of DESIGN §1. Each one is loaded on demand: its pages (one chunk), the
 * frame of its UI library (antd or antd-mobile, shared by the portals that use it) and
 * its translations are fetched together the first time its route is visited.
 */
import { lazy, type ComponentType, type ReactNode } from 'react';
import { LANGUAGES, preparePortal, type Language, type PortalLanguages } from '../i18n/index.ts';

type Module<P = object> = Promise<{ default: ComponentType<P> }>;
type FrameProps = { portal: PortalLanguages; children: ReactNode };

const desktopFrame = (): Module<FrameProps> => import('../ui/desktop/desktop-frame.tsx');
const mobileFrame = (): Module<FrameProps> => import('../ui/mobile/mobile-frame.tsx');

interface PortalSpec {
  pages: () => Module;
  frame: () => Module<FrameProps>;
  /** Translation namespaces besides `common`. */
  namespaces: string[];
  languages?: readonly Language[];
  defaultLanguage?: Language;
}

function portal(spec: PortalSpec) {
  const languages: PortalLanguages = { languages: spec.languages ?? LANGUAGES, defaultLanguage: spec.defaultLanguage ?? 'zh-CN' };
  return lazy(async () => {
    const [frame, pages] = await Promise.all([spec.frame(), spec.pages(), preparePortal(languages, spec.namespaces)]);
    const Frame = frame.default;
    const Pages = pages.default;
    return {
      default: function Portal() {
        return (
          <Frame portal={languages}>
            <Pages />
          </Frame>
        );
      },
    };
  });
}

export const InvestorDesktop = portal({ pages: () => import('../portals/investor/index.tsx'), frame: desktopFrame, namespaces: ['investor', 'profile', 'verification', 'queries', 'event-queries', 'certificates', 'recovery', 'idrecovery'] });
export const InvestorMobile = portal({ pages: () => import('../portals/investor-mobile/index.tsx'), frame: mobileFrame, namespaces: ['investor', 'profile', 'verification', 'queries', 'event-queries', 'certificates', 'recovery', 'idrecovery'] });
export const Staff = portal({ pages: () => import('../portals/staff/index.tsx'), frame: desktopFrame, namespaces: ['staff'] });
export const Broker = portal({ pages: () => import('../portals/broker/index.tsx'), frame: desktopFrame, namespaces: ['staff'] });
export const FuturesDesk = portal({ pages: () => import('../portals/futures-desk/index.tsx'), frame: desktopFrame, namespaces: ['staff'] });
export const Futures = portal({ pages: () => import('../portals/futures/index.tsx'), frame: desktopFrame, namespaces: ['futures'] });
export const Issuer = portal({ pages: () => import('../portals/issuer/index.tsx'), frame: desktopFrame, namespaces: ['issuer'] });
export const Ccass = portal({
  pages: () => import('../portals/ccass/index.tsx'),
  frame: desktopFrame,
  namespaces: ['ccass'],
  languages: ['zh-HK', 'en'],
  defaultLanguage: 'zh-HK',
});
export const Verify = portal({ pages: () => import('../portals/verify/index.tsx'), frame: desktopFrame, namespaces: ['verify'] });
