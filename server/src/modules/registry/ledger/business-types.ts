/**
 * Business types of the journal (业务类型), with their Chinese names, the
 * balance categories each may change, and whether it conserves the quantity
 * of a security (a transfer between holders) or changes it (issuance,
 * cancellation). Encumbrances (frozen, pledged) never change a security's total.
 */
export type Category = 'tradable' | 'restricted' | 'frozen' | 'pledged';
export const categories: Category[] = ['tradable', 'restricted', 'frozen', 'pledged'];

interface BusinessType {
  zh: string;
  en: string;
  categories: readonly Category[];
  /** transfers between holders: tradable + restricted changes sum to zero per security, batch and date */
  conserving: boolean;
}

export const businessTypes = {
  trade_settlement: { zh: '交易过户', en: 'Settlement of a trade', categories: ['tradable'], conserving: true },
  custody_transfer: { zh: '转托管', en: 'Custody transfer', categories: ['tradable', 'restricted'], conserving: true },
  non_trade_transfer: { zh: '非交易过户', en: 'Non-trade transfer', categories: ['tradable', 'restricted'], conserving: true },
  bonus_shares: { zh: '送股/转增', en: 'Bonus shares', categories: ['tradable', 'restricted'], conserving: false },
  judicial_freeze: { zh: '司法冻结', en: 'Judicial freeze', categories: ['frozen'], conserving: false },
  judicial_release: { zh: '司法解冻', en: 'Release of a judicial freeze', categories: ['frozen'], conserving: false },
  waiting_freeze_effective: { zh: '轮候冻结生效', en: 'Waiting freeze takes effect', categories: ['frozen'], conserving: false },
  freeze_expiry: { zh: '冻结到期解除', en: 'Freeze expired', categories: ['frozen'], conserving: false },
  pledge: { zh: '质押登记', en: 'Pledge registration', categories: ['pledged'], conserving: false },
  pledge_release: { zh: '质押解除', en: 'Release of a pledge', categories: ['pledged'], conserving: false },
  lockup_registration: { zh: '限售登记', en: 'Lock-up registration', categories: ['tradable', 'restricted'], conserving: true },
  lockup_release: { zh: '解除限售', en: 'Lock-up release', categories: ['tradable', 'restricted'], conserving: true },
  initial_registration: { zh: '初始登记', en: 'Initial share registration', categories: ['tradable', 'restricted'], conserving: false },
  new_share_registration: { zh: '新增股份登记', en: 'New-share registration', categories: ['tradable', 'restricted'], conserving: false },
  exit_registration: { zh: '退出登记', en: 'Exit registration', categories: ['tradable', 'restricted'], conserving: false },
  share_cancellation: { zh: '股份注销', en: 'Cancellation of shares', categories: ['tradable', 'restricted'], conserving: false },
  /** the opposite of every entry of an earlier batch (ledger/batches.ts), which is itself conserving or not */
  reversal: { zh: '冲正', en: 'Reversal', categories: ['tradable', 'restricted', 'frozen', 'pledged'], conserving: false },
} as const satisfies Record<string, BusinessType>;

export type BusinessTypeName = keyof typeof businessTypes;

export function isBusinessType(name: string): name is BusinessTypeName {
  return Object.hasOwn(businessTypes, name);
}

/** Rows for a VALUES list in SQL: (name, category, conserving). */
export function businessTypeRows(): [string, Category, boolean][] {
  return Object.entries(businessTypes).flatMap(([name, spec]) => spec.categories.map((c) => [name, c, spec.conserving] as [string, Category, boolean]));
}
