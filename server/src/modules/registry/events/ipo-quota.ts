/**
 * Pure arithmetic of the subscription quota (申购额度, DOMAIN.md): the average daily
 * market value of an investor's holdings in one market over the 20 trading days
 * ending T−2, turned into shares by the offering's board. Exact: prices are decimal
 * strings of at most 4 places, values are bigint ten-thousandths of a yuan.
 */

/** Trading days in the window; the sum is always divided by this, so a day without holdings counts as zero. */
export const QUOTA_WINDOW_DAYS = 20;

export interface QuotaRule {
  /** market value (yuan) that earns one step */
  valueStep: bigint;
  /** shares one step earns */
  sharesPerStep: bigint;
}

/** Shanghai main board: each 10,000 yuan → 1,000 shares; Shenzhen, ChiNext and STAR: each 5,000 yuan → 500 shares. */
export function quotaRule(market: string, board: string): QuotaRule {
  return market === 'SH' && board === 'main' ? { valueStep: 10_000n, sharesPerStep: 1000n } : { valueStep: 5_000n, sharesPerStep: 500n };
}

const PRICE_SCALE = 10_000n;
const PRICE = /^(\d{1,14})(?:\.(\d{1,4}))?$/;

/** A closing price in ten-thousandths of a yuan. */
export function priceUnits(price: string): bigint {
  const m = PRICE.exec(price);
  if (!m) throw new Error(`not a price: ${price}`);
  return BigInt(m[1]!) * PRICE_SCALE + BigInt((m[2] ?? '').padEnd(4, '0'));
}

/**
 * The window: the 20 trading days ending T−2, oldest first. T−1 is the last trading
 * day before T, T−2 the one before it; `tradingDays` are the market's days with a
 * price file (any order, may include days after T). Fewer than 20 when the calendar
 * is shorter.
 */
export function quotaWindow(tradingDays: readonly string[], subscriptionDate: string): string[] {
  const before = [...new Set(tradingDays.filter((d) => d < subscriptionDate))].sort();
  return before.slice(Math.max(0, before.length - 1 - QUOTA_WINDOW_DAYS), Math.max(0, before.length - 1));
}

/** A position's balance from a day on (the journal's balance after, by effective day). */
export interface BalanceFrom {
  from: string;
  shares: bigint;
}

export interface QuotaPosition {
  securityCode: string;
  /** oldest first */
  balances: readonly BalanceFrom[];
}

/** A security's closing prices, oldest first. */
export type PriceHistory = ReadonlyMap<string, readonly { day: string; price: string }[]>;

/** The last entry on or before a day (entries oldest first). */
function lastOnOrBefore<T>(entries: readonly T[], dayOf: (entry: T) => string, day: string): T | undefined {
  let found: T | undefined;
  for (const e of entries) {
    if (dayOf(e) > day) break;
    found = e;
  }
  return found;
}

/**
 * The market value of the positions on each window day, in ten-thousandths of a yuan:
 * each position's balance on that day times the security's closing price that day, or
 * its last earlier one when it has none (a suspended security keeps its last price);
 * a security never priced is worth nothing.
 */
export function dailyMarketValues(window: readonly string[], positions: readonly QuotaPosition[], prices: PriceHistory): bigint[] {
  return window.map((day) =>
    positions.reduce((sum, p) => {
      const held = lastOnOrBefore(p.balances, (b) => b.from, day)?.shares ?? 0n;
      if (held === 0n) return sum;
      const price = lastOnOrBefore(prices.get(p.securityCode) ?? [], (q) => q.day, day);
      return price ? sum + held * priceUnits(price.price) : sum;
    }, 0n),
  );
}

/**
 * The quota in shares: the daily values summed over the window, divided by 20 (not by
 * the days found), then whole steps only — 19,999 yuan on the Shanghai main board earns
 * 1,000 shares, not 1,999. Computed as ⌊sum / (20 × step)⌋ × shares per step, so the
 * average is never rounded first.
 */
export function quotaFromDailyValues(dailyValues: readonly bigint[], rule: QuotaRule): bigint {
  const total = dailyValues.reduce((a, b) => a + b, 0n);
  return (total / (BigInt(QUOTA_WINDOW_DAYS) * rule.valueStep * PRICE_SCALE)) * rule.sharesPerStep;
}

export function subscriptionQuota(window: readonly string[], positions: readonly QuotaPosition[], prices: PriceHistory, rule: QuotaRule): bigint {
  return quotaFromDailyValues(dailyMarketValues(window, positions, prices), rule);
}
