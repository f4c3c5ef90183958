/** Names of the registry's codes (markets, categories, business types, …) in the interface language. */
import { useTranslation } from 'react-i18next';
import { formatShares } from './format.ts';
import type { LineError } from '../../../domains/registry-staff/api.ts';

export function useRegistryLabels() {
  const { t } = useTranslation('staff');
  const label = (group: string) => (code: string) => t(`registry.${group}.${code}`, { defaultValue: code });
  const category = label('categories');
  const businessType = label('businessTypes');

  /** The reason of a rejected line, and its detail made readable where the server's detail has a known shape. */
  function lineError(error: LineError): { reason: string; detail: string } {
    const reason = t(`registry.reasons.${error.reason}`, { defaultValue: error.reason });
    const raw = error.detail ?? '';
    let detail = raw;
    const balances = /^tradable (-?\d+), restricted (-?\d+), frozen (-?\d+), pledged (-?\d+)$/.exec(raw);
    const unbalanced = /^(\w+) (\d{6}) (\w+) on (\d{4}-\d{2}-\d{2}): (-?\d+)$/.exec(raw);
    if (balances) {
      detail = t('registry.reasonDetails.balances', {
        tradable: formatShares(balances[1]!),
        restricted: formatShares(balances[2]!),
        frozen: formatShares(balances[3]!),
        pledged: formatShares(balances[4]!),
      });
    } else if (error.reason === 'NOT_BALANCED' && unbalanced) {
      detail = t('registry.reasonDetails.notBalanced', {
        market: unbalanced[1],
        code: unbalanced[2],
        businessType: businessType(unbalanced[3]!),
        date: unbalanced[4],
        sum: formatShares(unbalanced[5]!),
      });
    } else if (error.reason === 'BACKDATED' && raw) {
      detail = t('registry.reasonDetails.backdated', { date: raw });
    } else if (error.reason === 'COLUMN_COUNT' && raw) {
      detail = t('registry.reasonDetails.columnCount', { count: Number(raw) });
    } else if (error.reason === 'HEADER' && raw) {
      detail = t('registry.reasonDetails.header', { columns: raw });
    } else if (raw) {
      detail = t('registry.reasonDetails.value', { value: raw });
    }
    return { reason, detail };
  }

  return {
    market: label('markets'),
    securityClass: label('securityClasses'),
    category,
    businessType,
    holderKind: label('holderKinds'),
    holderCategory: label('holderCategories'),
    lineError,
  };
}
