import { GlobalOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLanguageChoice } from '../portal.tsx';

/** A globe button with the languages the portal offers; the choice is remembered. */
export function LanguageSwitcher({ dark = false }: { dark?: boolean }) {
  const { t } = useTranslation();
  const { language, languages, choose } = useLanguageChoice();
  if (languages.length < 2) return null;
  return (
    <Dropdown
      trigger={['click']}
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
        onClick: ({ key }) => choose(key as typeof language),
      }}
    >
      <Button type="text" icon={<GlobalOutlined />} aria-label={t('language.label')} data-testid="language-switcher" style={dark ? { color: 'rgba(255,255,255,0.88)' } : undefined}>
        {t(`language.names.${language}`)}
      </Button>
    </Dropdown>
  );
}
