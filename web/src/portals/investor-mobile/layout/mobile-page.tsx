import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { MobileLanguageSwitcher } from '../../../ui/mobile/language-switcher.tsx';
import { useDocumentTitle } from '../../../ui/portal.tsx';

interface Props {
  title: string;
  /** Where the back arrow goes; no arrow without it. */
  back?: string;
  left?: ReactNode;
  /** Actions at the right of the title bar, before the language switcher (e.g. the (+) of 我的一码通). */
  right?: ReactNode;
  children: ReactNode;
  testId?: string;
}

/**
 * A mobile hall page: the title bar (back, title, language) and the content. The bar is drawn
 * here rather than with antd-mobile's NavBar, whose left side is an unnamed role="button" even
 * when empty and hides the back text from screen readers.
 */
export function MobilePage({ title, back, left, right, children, testId }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  useDocumentTitle(title);
  return (
    <div data-testid={testId}>
      <header className="ch-m-navbar">
        <div className="ch-m-navbar-side">
          {back !== undefined && (
            <button type="button" className="ch-m-navbar-back" onClick={() => navigate(back)}>
              <svg aria-hidden="true" viewBox="0 0 24 24" width="24" height="24">
                <path d="M15 5l-7 7 7 7" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
              </svg>
              {t('actions.back')}
            </button>
          )}
          {left}
        </div>
        <div className="ch-m-navbar-title">{title}</div>
        <div className="ch-m-navbar-side ch-m-navbar-end">
          {right}
          <MobileLanguageSwitcher />
        </div>
      </header>
      <div className="ch-m-page">{children}</div>
    </div>
  );
}
