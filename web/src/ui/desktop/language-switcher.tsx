import { GlobalOutlined } from '@ant-design/icons';
import { Button } from '../button.tsx';
import { lazy, Suspense, useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguageChoice } from '../portal.tsx';

const loadMenu = () => import('./language-menu.tsx');
const LanguageMenu = lazy(loadMenu);

/**
 * A globe button with the languages the portal offers; the choice is remembered.
 * The menu's code (antd's Dropdown and Menu, about 50 KB compressed) is fetched when
 * a pointer or the keyboard focus reaches the button, and shown on the first click.
 */
export function LanguageSwitcher({ dark = false }: { dark?: boolean }) {
  const { t } = useTranslation();
  const { language, languages } = useLanguageChoice();
  // Once asked for: the button is mounted again inside the menu, and keeps the keyboard focus it had.
  const [asked, setAsked] = useState<{ focused: boolean } | null>(null);
  const [open, setOpen] = useState(false);
  if (languages.length < 2) return null;
  const firstClick = (event: MouseEvent<HTMLElement>) => {
    setAsked({ focused: document.activeElement === event.currentTarget });
    setOpen(true);
  };
  const preload = () => void loadMenu();
  const button = (
    <Button
      type="text"
      icon={<GlobalOutlined />}
      aria-label={t('language.label')}
      data-testid="language-switcher"
      style={dark ? { color: 'rgba(255,255,255,0.88)' } : undefined}
      onClick={asked ? undefined : firstClick}
      onPointerEnter={asked ? undefined : preload}
      onFocus={asked ? undefined : preload}
      autoFocus={asked?.focused}
    >
      {t(`language.names.${language}`)}
    </Button>
  );
  if (!asked) return button;
  return (
    <Suspense fallback={button}>
      <LanguageMenu open={open} onOpenChange={setOpen}>
        {button}
      </LanguageMenu>
    </Suspense>
  );
}
