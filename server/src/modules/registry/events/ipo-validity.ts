/**
 * Which subscriptions are valid (DOMAIN.md, one subscription per investor): per
 * offering, an investor's first subscription by time of arrival is the only one
 * that may be valid, and only if it is within the investor's quota. Every later
 * one — through another account (DUPLICATE_INVESTOR) or the same account
 * (DUPLICATE_ACCOUNT) — is invalid, whatever became of the first. Pure.
 */

export type InvalidReason = 'DUPLICATE_INVESTOR' | 'DUPLICATE_ACCOUNT' | 'ABOVE_QUOTA';
export const INVALID_REASONS: readonly InvalidReason[] = ['DUPLICATE_INVESTOR', 'DUPLICATE_ACCOUNT', 'ABOVE_QUOTA'];

export interface ArrivingSubscription {
  line: number;
  offeringId: number;
  accountNumber: string;
  /** the holder identity: same name and same normalised ID number */
  investor: string;
  quantity: bigint;
  /** the investor's quota in shares for this offering */
  quota: bigint;
}

/** A subscription recorded by an earlier batch (valid or not): it arrived before every one in this batch. */
export interface EarlierSubscription {
  offeringId: number;
  accountNumber: string;
  investor: string;
}

/**
 * The verdict per line: null (valid) or the reason. `arriving` must be in order of
 * arrival (ordered_at, order_seq, line).
 */
export function classifySubscriptions(arriving: readonly ArrivingSubscription[], earlier: readonly EarlierSubscription[]): Map<number, InvalidReason | null> {
  const investors = new Set(earlier.map((e) => `${e.offeringId}\u0000${e.investor}`));
  const accounts = new Set(earlier.map((e) => `${e.offeringId}\u0000${e.accountNumber}`));
  const verdicts = new Map<number, InvalidReason | null>();
  for (const s of arriving) {
    const investor = `${s.offeringId}\u0000${s.investor}`;
    const account = `${s.offeringId}\u0000${s.accountNumber}`;
    verdicts.set(s.line, accounts.has(account) ? 'DUPLICATE_ACCOUNT' : investors.has(investor) ? 'DUPLICATE_INVESTOR' : s.quantity > s.quota ? 'ABOVE_QUOTA' : null);
    investors.add(investor);
    accounts.add(account);
  }
  return verdicts;
}
