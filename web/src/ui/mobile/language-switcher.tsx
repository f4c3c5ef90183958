import { ActionSheet } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../i18n/index.ts';
import { useLanguageChoice } from '../portal.tsx';

export function MobileLanguageSwitcher() {
  const { t } = useTranslation();
  const { language, languages, choose } = useLanguageChoice();
  const [open, setOpen] = useState(false);
  if (languages.length < 2) return null;
  return (
    <>
      <button type="button" className="ch-m-link" onClick={() => setOpen(true)} aria-label={t('language.label')} data-testid="language-switcher">
        {t(`language.names.${language}`)}
      </button>
      <ActionSheet
        visible={open}
        onClose={() => setOpen(false)}
        cancelText={t('actions.cancel')}
        actions={languages.map((lng) => ({ key: lng, text: <span data-testid={`language-${lng}`}>{t(`language.names.${lng}`)}</span> }))}
        onAction={(action) => {
          choose(action.key as Language);
          setOpen(false);
        }}
      />
    </>
  );
}
