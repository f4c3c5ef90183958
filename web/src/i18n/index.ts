/**
 * react-i18next setup. Translations are JSON files, one per language and namespace:
 * `locales/<language>/<namespace>.json`. A portal has its own namespace (`investor`,
 * `ccass`, `staff`, ...) next to the shared `common`; each file is its own chunk,
 * loaded when a portal first asks for it.
 */
import i18n, { type BackendModule, type ReadCallback } from 'i18next';
import { initReactI18next } from 'react-i18next';

export const LANGUAGES = ['zh-CN', 'en', 'zh-HK'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'zh-CN';

const STORAGE_KEY = 'ch_lang';

type Resource = Record<string, unknown>;
const files = import.meta.glob<Resource>('./locales/*/*.json', { import: 'default' });

const jsonBackend: BackendModule = {
  type: 'backend',
  init() {},
  read(language: string, namespace: string, callback: ReadCallback) {
    const load = files[`./locales/${language}/${namespace}.json`];
    if (!load) {
      callback(null, {});
      return;
    }
    load().then(
      (resource) => callback(null, resource),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), null),
    );
  },
};

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The language the person chose last, on any portal. */
export function storedLanguage(): Language | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : null;
  } catch {
    return null;
  }
}

/** Switches the interface language and remembers the choice. */
export async function setLanguage(language: Language): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // private mode: the choice lasts for this page only
  }
  await i18n.changeLanguage(language);
}

export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE;
}

/** The languages a portal offers, and the one it starts in for someone who never chose. */
export interface PortalLanguages {
  languages: readonly Language[];
  defaultLanguage: Language;
}

export function languageForPortal({ languages, defaultLanguage }: PortalLanguages): Language {
  const stored = storedLanguage();
  return stored && languages.includes(stored) ? stored : defaultLanguage;
}

/** Puts the interface in the portal's language and loads the portal's translations. */
export async function preparePortal(portal: PortalLanguages, namespaces: readonly string[]): Promise<void> {
  const language = languageForPortal(portal);
  if (i18n.language !== language) await i18n.changeLanguage(language);
  await i18n.loadNamespaces([...namespaces]);
}

i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});

export const i18nReady = i18n
  .use(jsonBackend)
  .use(initReactI18next)
  .init({
    lng: storedLanguage() ?? DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    fallbackLng: { 'zh-HK': ['zh-CN'], default: [DEFAULT_LANGUAGE] },
    load: 'currentOnly',
    ns: ['common'],
    defaultNS: 'common',
    fallbackNS: 'common',
    interpolation: { escapeValue: false },
    react: { useSuspense: true },
  });

export default i18n;
