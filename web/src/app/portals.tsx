/**
 * The portals of DESIGN §1: the one list the router (app.tsx) and anything else that
 * enumerates portals reads. Adding a portal = one entry here. Each one is loaded on
 * demand: its pages (one chunk), the frame of its UI library (antd or antd-mobile, shared
 * by the portals that use it) and its translations are fetched together the first time
 * its route is visited.
 */
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import { LANGUAGES, preparePortal, type Language, type PortalLanguages } from '../i18n/index.ts';

type Module<P = object> = Promise<{ default: ComponentType<P> }>;
type FrameProps = { portal: PortalLanguages; children: ReactNode };

const desktopFrame = (): Module<FrameProps> => import('../ui/desktop/desktop-frame.tsx');
const mobileFrame = (): Module<FrameProps> => import('../ui/mobile/mobile-frame.tsx');

interface PortalSpec {
  /** What the portal is, for people reading this list. */
  name: string;
  /** Where it is mounted, without a trailing slash (`''` for the site root). */
  path: string;
  pages: () => Module;
  frame: () => Module<FrameProps>;
  /** Translation namespaces besides `common`. */
  namespaces: string[];
  languages?: readonly Language[];
  defaultLanguage?: Language;
}

export interface Portal {
  name: string;
  path: string;
  Component: LazyExoticComponent<ComponentType>;
}

function portal(spec: PortalSpec): Portal {
  const languages: PortalLanguages = { languages: spec.languages ?? LANGUAGES, defaultLanguage: spec.defaultLanguage ?? 'zh-CN' };
  const Component = lazy(async () => {
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
  return { name: spec.name, path: spec.path, Component };
}

const INVESTOR_NAMESPACES = ['investor', 'profile', 'verification', 'queries', 'event-queries', 'certificates', 'recovery', 'idrecovery'];

export const PORTALS: readonly Portal[] = [
  portal({ name: 'investor hall, mobile', path: '/m', pages: () => import('../portals/investor-mobile/index.tsx'), frame: mobileFrame, namespaces: INVESTOR_NAMESPACES }),
  portal({ name: 'depository staff console', path: '/staff', pages: () => import('../portals/staff/index.tsx'), frame: desktopFrame, namespaces: ['staff'] }),
  portal({ name: 'broker staff console', path: '/broker', pages: () => import('../portals/broker/index.tsx'), frame: desktopFrame, namespaces: ['staff'] }),
  portal({ name: 'futures company staff console', path: '/futures/desk', pages: () => import('../portals/futures-desk/index.tsx'), frame: desktopFrame, namespaces: ['staff'] }),
  portal({ name: 'futures cloud', path: '/futures', pages: () => import('../portals/futures/index.tsx'), frame: desktopFrame, namespaces: ['futures'] }),
  portal({ name: 'issuer platform', path: '/issuer', pages: () => import('../portals/issuer/index.tsx'), frame: desktopFrame, namespaces: ['issuer'] }),
  portal({
    name: 'CCASS internet system',
    path: '/ccass',
    pages: () => import('../portals/ccass/index.tsx'),
    frame: desktopFrame,
    namespaces: ['ccass'],
    languages: ['zh-HK', 'en'],
    defaultLanguage: 'zh-HK',
  }),
  portal({ name: 'sandbox trading terminal (demo mode)', path: '/sandbox', pages: () => import('../portals/sandbox/index.tsx'), frame: desktopFrame, namespaces: ['sandbox'] }),
  portal({ name: 'certificate verification', path: '/verify', pages: () => import('../portals/verify/index.tsx'), frame: desktopFrame, namespaces: ['verify'] }),
  portal({ name: 'investor hall, desktop', path: '', pages: () => import('../portals/investor/index.tsx'), frame: desktopFrame, namespaces: INVESTOR_NAMESPACES }),
];
