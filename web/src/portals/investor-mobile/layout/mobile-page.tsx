import { NavBar } from 'antd-mobile';
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
  children: ReactNode;
  testId?: string;
}

/** A mobile hall page: the title bar (back, title, language) and the content. */
export function MobilePage({ title, back, left, children, testId }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  useDocumentTitle(title);
  return (
    <div data-testid={testId}>
      <NavBar className="ch-m-navbar" back={back !== undefined ? t('actions.back') : null} left={left} onBack={back !== undefined ? () => navigate(back) : undefined} right={<MobileLanguageSwitcher />}>
        {title}
      </NavBar>
      <div className="ch-m-page">{children}</div>
    </div>
  );
}
