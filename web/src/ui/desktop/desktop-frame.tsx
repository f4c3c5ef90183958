/** Wraps a desktop portal: antd in the current language, and the portal's languages. */
import { App, ConfigProvider } from 'antd';
import type { Locale } from 'antd/es/locale';
// The ES modules: this package is "type": "module", so a default import of antd's CommonJS
// `antd/locale/*` yields the whole exports object and antd silently falls back to English.
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import zhHK from 'antd/es/locale/zh_HK';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language, PortalLanguages } from '../../i18n/index.ts';
import { PortalProvider } from '../portal.tsx';
import { desktopTheme } from './theme.ts';
import './theme.css';

const antdLocales: Record<Language, Locale> = { 'zh-CN': zhCN, en: enUS, 'zh-HK': zhHK };

export default function DesktopFrame({ portal, children }: { portal: PortalLanguages; children: ReactNode }) {
  const { i18n } = useTranslation();
  const locale = antdLocales[i18n.language as Language] ?? zhCN;
  return (
    <PortalProvider portal={portal}>
      {/* Not virtual: a virtual select list draws its options without role="option" (the roles sit on a hidden copy). */}
      <ConfigProvider locale={locale} theme={desktopTheme} button={{ autoInsertSpace: false }} virtual={false}>
        <App>{children}</App>
      </ConfigProvider>
    </PortalProvider>
  );
}
