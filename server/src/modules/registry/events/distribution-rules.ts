/**
 * The arithmetic of distributions, exact (decimal strings and bigints, never
 * floats). The SQL of distributions.ts computes the same thing set-based; this
 * is the statement of the rules, tested by hand, and the reference the
 * integration tests compare against.
 *
 * - Cash: quantity × (cash per 10) / 10, brought to the cent per account:
 *   rounded down by default (CSDC's practice; what is left over stays with the
 *   issuer), or half up when DIVIDEND_CASH_ROUNDING=half_up.
 * - New shares (送股 + 转增): quantity × (shares per 10) / 10 per account; each
 *   account gets the whole part; the issue's total is the whole part of the
 *   sum of the exact entitlements; the shares still missing are given one each
 *   to the accounts in descending order of their fractional part (零碎股) until
 *   the total is reached. Equal fractions are settled by a drawing of lots, not
 *   by the size of the holding (DOMAIN.md, "Fractions in share distributions"):
 *   each account's lot is md5(seed + ':' + account number), lowest first, where
 *   the seed is drawn when the distribution runs and recorded with it, so the
 *   drawing can be replayed by anyone holding the seed (decision 0032).
 */

import { createHash } from 'node:crypto';

export type CashRounding = 'down' | 'half_up';

/** Fixed-point decimals at 8 places, as bigints. */
export const SCALE = 8;
const ONE = 10n ** BigInt(SCALE);

export function parseDecimal(value: string): bigint {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!match) throw new RangeError(`not a decimal: ${value}`);
  const [, sign, whole, fraction = ''] = match;
  if (fraction.replace(/0+$/, '').length > SCALE) throw new RangeError(`more than ${SCALE} decimal places: ${value}`);
  const units = BigInt(whole!) * ONE + BigInt(fraction.padEnd(SCALE, '0').slice(0, SCALE) || '0');
  return sign ? -units : units;
}

/** A scaled value as a decimal string with `places` decimals (the value must already be exact at that many). */
export function formatDecimal(units: bigint, places = 2): string {
  const negative = units < 0n;
  const abs = negative ? -units : units;
  const whole = abs / ONE;
  const fraction = (abs % ONE).toString().padStart(SCALE, '0');
  if (BigInt(fraction.slice(places) || '0') !== 0n) throw new RangeError(`not exact at ${places} places`);
  return `${negative ? '-' : ''}${whole}${places ? `.${fraction.slice(0, places)}` : ''}`;
}

/** Brings a scaled amount to the cent. */
export function toCents(units: bigint, rounding: CashRounding): bigint {
  const cent = ONE / 100n;
  const cents = units / cent;
  const rest = units % cent;
  if (rounding === 'half_up' && rest * 2n >= cent) return (cents + 1n) * cent;
  return cents * cent;
}

/** The cash of one account: quantity × cash per 10 / 10, to the cent. Returns scaled units. */
export function cashEntitlement(quantity: bigint, cashPer10: string, rounding: CashRounding): bigint {
  return toCents((quantity * parseDecimal(cashPer10)) / 10n, rounding);
}

export interface ShareHolding {
  accountNumber: string;
  quantity: bigint;
}

export interface ShareEntitlement {
  accountNumber: string;
  whole: bigint;
  fromFractions: bigint;
  shares: bigint;
}

/** The lot an account draws in a distribution's drawing: lower lots come first among equal fractions. */
export function lotOf(lotSeed: string, accountNumber: string): string {
  return createHash('md5').update(`${lotSeed}:${accountNumber}`, 'utf8').digest('hex');
}

/** Descending fraction, then the lot; the account number only if two lots were ever equal. */
function byFractionThenLot(a: { fraction: bigint; lot: string; accountNumber: string }, b: { fraction: bigint; lot: string; accountNumber: string }): number {
  if (a.fraction !== b.fraction) return a.fraction > b.fraction ? -1 : 1;
  if (a.lot !== b.lot) return a.lot < b.lot ? -1 : 1;
  return a.accountNumber < b.accountNumber ? -1 : 1;
}

/** New shares per account, fractional parts allocated as the module comment says, equal fractions by the lots of `lotSeed`. */
export function shareEntitlements(holdings: ShareHolding[], sharesPer10: string, lotSeed: string): { total: bigint; items: ShareEntitlement[] } {
  const per10 = parseDecimal(sharesPer10);
  // exact = quantity × per10 / 10, kept as a numerator over 10 × ONE so nothing is lost
  const denominator = 10n * ONE;
  const exact = holdings.map((h) => ({ ...h, numerator: h.quantity * per10 }));
  const total = exact.reduce((sum, e) => sum + e.numerator, 0n) / denominator;
  const items = exact.map((e) => ({ accountNumber: e.accountNumber, whole: e.numerator / denominator, fraction: e.numerator % denominator, lot: lotOf(lotSeed, e.accountNumber), fromFractions: 0n }));
  let missing = total - items.reduce((sum, i) => sum + i.whole, 0n);
  const order = [...items].sort(byFractionThenLot);
  for (const item of order) {
    if (missing <= 0n || item.fraction === 0n) break;
    item.fromFractions = 1n;
    missing--;
  }
  return { total, items: items.map((i) => ({ accountNumber: i.accountNumber, whole: i.whole, fromFractions: i.fromFractions, shares: i.whole + i.fromFractions })) };
}
