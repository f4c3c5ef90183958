import { Card, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../portal.tsx';
import { LanguageSwitcher } from './language-switcher.tsx';
import './portal-intro.css';

/** The frame of a portal's public front page: its name and the language switcher on top, the footer below. */
export function PortalIntroFrame({ name, children }: { name: string; children: ReactNode }) {
  const { t } = useTranslation();
  useDocumentTitle(name);
  return (
    <div className="ch-intro">
      <header className="ch-intro-header">
        <span className="ch-intro-brand">
          <span className="ch-intro-logo" aria-hidden="true" />
          {name}
        </span>
        <LanguageSwitcher />
      </header>
      <main className="ch-intro-main">{children}</main>
      <footer className="ch-intro-footer">{t('common:footer')}</footer>
    </div>
  );
}

/**
 * The front page of a portal whose business pages are not built yet: its name, who it
 * is for, and the language switcher. Texts: `portal.name`, `portal.audience`,
 * `portal.description` in the portal's namespace.
 */
export function PortalIntro({ namespace }: { namespace: string }) {
  const { t } = useTranslation(namespace);
  return (
    <PortalIntroFrame name={t('portal.name')}>
      <Card className="ch-intro-card" data-testid="portal-intro">
        <Typography.Title level={2} style={{ marginTop: 0 }}>
          {t('portal.name')}
        </Typography.Title>
        <Typography.Paragraph strong data-testid="portal-audience">
          {t('portal.audience')}
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('portal.description')}
        </Typography.Paragraph>
      </Card>
    </PortalIntroFrame>
  );
}
