import { useTranslation } from 'react-i18next';

/** A server row that carries a text in both languages, as `<field>Zh` and `<field>En` (e.g. typeNameZh, typeNameEn). */
export type Bilingual<K extends string> = Record<`${K}Zh` | `${K}En`, string>;

/** The row's text in the interface language: the Chinese one while the interface is in Chinese, the English one otherwise. */
export function localName<K extends string>(row: Bilingual<K>, field: K, language: string): string {
  return language.startsWith('zh') ? row[`${field}Zh`] : row[`${field}En`];
}

/** `localName` bound to the current interface language: `const name = useLocalName(); name(row, 'typeName')`. */
export function useLocalName() {
  const { i18n } = useTranslation();
  return <K extends string>(row: Bilingual<K>, field: K) => localName(row, field, i18n.language);
}
