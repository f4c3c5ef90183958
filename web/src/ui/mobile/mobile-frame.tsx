/** Wraps a mobile portal: antd-mobile in the current language. No antd desktop here. */
import { ConfigProvider, unstableSetRender } from 'antd-mobile';
import enUS from 'antd-mobile/es/locales/en-US';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import zhHK from 'antd-mobile/es/locales/zh-HK';
import type { ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { useTranslation } from 'react-i18next';
import type { Language, PortalLanguages } from '../../i18n/index.ts';
import { PortalProvider } from '../portal.tsx';
import './mobile.css';

// antd-mobile's imperative pop-ups (Toast.show) render with the legacy ReactDOM.render, which React 19
// no longer has ("f is not a function"): give them React 19's root API, one root per container.
const roots = new WeakMap<Element | DocumentFragment, Root>();
unstableSetRender((node, container) => {
  const root = roots.get(container) ?? createRoot(container);
  roots.set(container, root);
  root.render(node);
  return async () => {
    await Promise.resolve();
    root.unmount();
    roots.delete(container);
  };
});

const locales = { 'zh-CN': zhCN, en: enUS, 'zh-HK': zhHK } satisfies Record<Language, unknown>;

export default function MobileFrame({ portal, children }: { portal: PortalLanguages; children: ReactNode }) {
  const { i18n } = useTranslation();
  const locale = locales[i18n.language as Language] ?? zhCN;
  return (
    <PortalProvider portal={portal}>
      <ConfigProvider locale={locale}>
        <div className="ch-m">{children}</div>
      </ConfigProvider>
    </PortalProvider>
  );
}
