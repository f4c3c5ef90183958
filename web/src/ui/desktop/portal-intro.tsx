import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../portal.tsx';
import { LanguageSwitcher } from './language-switcher.tsx';
import './portal-intro.css';

/**
 * The front page of a portal whose business pages are not built yet: its name, who it
 * is for, and the language switcher. Texts: `portal.name`, `portal.audience`,
 * `portal.description` in the portal's namespace.
 */
export function PortalIntro({ namespace }: { namespace: string }) {
  const { t } = useTranslation(namespace);
  useDocumentTitle(t('portal.name'));
  return (
    <div className="ch-intro">
      <header className="ch-intro-header">
        <span className="ch-intro-brand">
          <span className="ch-intro-logo" aria-hidden="true" />
          {t('portal.name')}
        </span>
        <LanguageSwitcher />
      </header>
      <main className="ch-intro-main">
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
      </main>
      <footer className="ch-intro-footer">{t('common:footer')}</footer>
    </div>
  );
}
