import type { Locale } from '../errors.ts';

/** The message language from Accept-Language: English, Traditional Chinese (HK/TW/Hant) or, by default, Simplified Chinese. */
export function localeOf(acceptLanguage: string | undefined): Locale {
  const first = (acceptLanguage ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  if (first.startsWith('en')) return 'en';
  if (first.startsWith('zh-hk') || first.startsWith('zh-tw') || first.startsWith('zh-hant')) return 'zh-HK';
  return 'zh-CN';
}
