import { Dropdown } from 'antd';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguageChoice } from '../portal.tsx';

/**
 * The language switcher's menu around its button: loaded only once someone opens it
 * (language-switcher.tsx), for the menu's code is a large part of a first screen.
 */
export default function LanguageMenu({ open, onOpenChange, children }: { open: boolean; onOpenChange: (open: boolean) => void; children: ReactElement }) {
  const { t } = useTranslation();
  const { language, languages, choose } = useLanguageChoice();
  return (
    <Dropdown
      trigger={['click']}
      open={open}
      onOpenChange={onOpenChange}
      menu={{
        selectable: true,
        selectedKeys: [language],
        items: languages.map((lng) => ({
          key: lng,
          label: (
            <span lang={lng} data-testid={`language-${lng}`}>
              {t(`language.names.${lng}`)}
            </span>
          ),
        })),
        onClick: ({ key }) => {
          onOpenChange(false);
          choose(key as typeof language);
        },
      }}
    >
      {children}
    </Dropdown>
  );
}
