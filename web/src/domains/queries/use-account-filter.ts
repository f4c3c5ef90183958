import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { SECURITY_CLASSES, accountChoiceLabel, useQueryAccounts } from './api.ts';

/**
 * The choices of the account-query filter, desktop and mobile alike: 证券类别, the
 * investor's 证券账户, and the 交易市场 of the chosen account (all of them before one is chosen),
 * with the rules of the two required fields.
 */
export function useAccountFilter(account: string | undefined) {
  const { t } = useTranslation('queries');
  const accounts = useQueryAccounts();
  const markets = useMemo(() => [...new Set((accounts.data?.items ?? []).filter((a) => !account || a.ref === account).map((a) => a.market))], [accounts.data, account]);
  return {
    accounts,
    markets,
    classOptions: SECURITY_CLASSES.map((c) => ({ value: c, label: t(`classes.${c}`) })),
    accountOptions: (accounts.data?.items ?? []).map((a) => ({ value: a.ref, label: accountChoiceLabel(a, t) })),
    marketOptions: markets.map((m) => ({ value: m, label: t(`markets.${m}`, { defaultValue: m }) })),
    accountRules: [{ required: true, message: t('filter.accountRequired') }],
    marketRules: [{ required: true, message: t('filter.marketRequired') }],
  };
}
