/**
 * The `staff` translation namespace, shared by the three staff consoles
 * (/staff/, /broker/, /futures/desk/). Registered when a console's code loads.
 */
import { useTranslation } from 'react-i18next';
import i18n from '../../i18n/index.ts';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';

export const STAFF_NS = 'staff';

i18n.addResourceBundle('zh-CN', STAFF_NS, zhCN, true, true);
i18n.addResourceBundle('en', STAFF_NS, en, true, true);

export function useStaffT() {
  return useTranslation(STAFF_NS);
}
