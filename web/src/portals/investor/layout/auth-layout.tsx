import { useTranslation } from 'react-i18next';
import { Link, Outlet } from 'react-router-dom';
import { LanguageSwitcher } from '../../../ui/desktop/language-switcher.tsx';

/** Login and registration pages: the hall's name, an introduction and the form box. */
export function AuthLayout() {
  const { t } = useTranslation('investor');
  return (
    <div className="ih-page">
      <header className="ih-header">
        <Link to="/login" className="ih-brand">
          <span className="ih-logo" aria-hidden="true" />
          {t('hall.name')}
        </Link>
        <div className="ih-header-right">
          <Link to="/portals" data-testid="to-portals">
            {t('portals.signIn')}
          </Link>
          <LanguageSwitcher />
        </div>
      </header>
      <main className="ih-auth-hero">
        <div className="ih-auth-intro">
          <h1>{t('hall.name')}</h1>
          <p>{t('hall.intro')}</p>
        </div>
        <div className="ih-auth-box">
          <Outlet />
        </div>
      </main>
      <footer className="ih-footer">{t('hall.footer')}</footer>
    </div>
  );
}
