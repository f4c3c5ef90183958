/** What a portal tells the shared components about itself: the languages it offers. */
import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, DEFAULT_LANGUAGE, isLanguage, languageForPortal, setLanguage, type Language, type PortalLanguages } from '../i18n/index.ts';

const PortalContext = createContext<PortalLanguages>({ languages: LANGUAGES, defaultLanguage: DEFAULT_LANGUAGE });

export function PortalProvider({ portal, children }: { portal: PortalLanguages; children: ReactNode }) {
  const { i18n } = useTranslation();
  // Coming from another portal in the same tab: switch to a language this portal offers.
  useEffect(() => {
    if (!portal.languages.includes(i18n.language as Language)) void i18n.changeLanguage(languageForPortal(portal));
  }, [i18n, portal]);
  return <PortalContext.Provider value={portal}>{children}</PortalContext.Provider>;
}

export function usePortal(): PortalLanguages {
  return useContext(PortalContext);
}

/** The current language, the ones to offer, and a way to switch (remembered for next time). */
export function useLanguageChoice() {
  const { i18n } = useTranslation();
  const { languages } = usePortal();
  const language: Language = isLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE;
  return { language, languages, choose: (next: Language) => void setLanguage(next) };
}

export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = title;
  }, [title]);
}
