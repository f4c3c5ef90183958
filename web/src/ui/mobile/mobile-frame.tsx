/** Wraps a mobile portal: antd-mobile in the current language. No antd desktop here. */
import { ConfigProvider } from 'antd-mobile';
import enUS from 'antd-mobile/es/locales/en-US';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import zhHK from 'antd-mobile/es/locales/zh-HK';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language, PortalLanguages } from '../../i18n/index.ts';
import { PortalProvider } from '../portal.tsx';
import './mobile.css';

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
