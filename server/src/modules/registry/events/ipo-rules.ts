/**
 * Pure arithmetic of IPO subscriptions: the market's subscription unit, the
 * allotment numbers (配号) of a subscription as a range, and the lottery's
 * winning tails (中签号码尾数) matched against a range without enumerating it.
 */

export interface AllotmentRule {
  /** shares in one subscription unit */
  unitShares: bigint;
  /** allotment numbers given per unit */
  numbersPerUnit: bigint;
}

/**
 * The one table of subscription units by market and board (DOMAIN.md): Shanghai
 * main board 1,000 shares per number; Shenzhen (main board, ChiNext) and STAR
 * 500 shares per number. Boards not listed take no online subscription here.
 */
export const ALLOTMENT_RULES: Readonly<Record<string, AllotmentRule>> = {
  'SH:main': { unitShares: 1000n, numbersPerUnit: 1n },
  'SH:star': { unitShares: 500n, numbersPerUnit: 1n },
  'SH:star_cdr': { unitShares: 500n, numbersPerUnit: 1n },
  'SZ:main': { unitShares: 500n, numbersPerUnit: 1n },
  'SZ:chinext': { unitShares: 500n, numbersPerUnit: 1n },
};

export function allotmentRule(market: string, board: string): AllotmentRule | null {
  return ALLOTMENT_RULES[`${market}:${board}`] ?? null;
}

export function sharesPerNumber(rule: AllotmentRule): bigint {
  return rule.unitShares / rule.numbersPerUnit;
}

/** Allotment numbers for a quantity, or null when it is not a positive multiple of the unit. */
export function numbersFor(rule: AllotmentRule, quantity: bigint): bigint | null {
  if (quantity <= 0n || quantity % rule.unitShares !== 0n) return null;
  return (quantity / rule.unitShares) * rule.numbersPerUnit;
}

export const TAIL = /^\d{1,12}$/;

/**
 * The tails that decide, each number matching at most one of them: a tail that
 * ends in a shorter winning tail adds nothing (every number ending in "125"
 * already ends in "5"), so it is dropped. What remains matches disjoint sets.
 */
export function effectiveTails(tails: readonly string[]): string[] {
  const unique = [...new Set(tails)].sort((a, b) => a.length - b.length || a.localeCompare(b));
  return unique.filter((tail) => !unique.some((other) => other.length < tail.length && tail.endsWith(other)));
}

const floorDiv = (a: bigint, b: bigint) => (a >= 0n ? a / b : -((-a + b - 1n) / b));

/** How many numbers x in [first, first + count) have x ≡ tail (mod 10^k): arithmetic, not enumeration. */
export function countEndingIn(first: bigint, count: bigint, tail: string): bigint {
  if (count <= 0n) return 0n;
  const modulus = 10n ** BigInt(tail.length);
  const t = BigInt(tail);
  const last = first + count - 1n;
  return floorDiv(last - t, modulus) - floorDiv(first - 1n - t, modulus);
}

/** Winning numbers in a range: each number wins once however many tails it matches. */
export function countWinning(first: bigint, count: bigint, tails: readonly string[]): bigint {
  return effectiveTails(tails).reduce((sum, tail) => sum + countEndingIn(first, count, tail), 0n);
}

/** The winning numbers of a range in ascending order (at most `limit`), stepping by 10^k from each tail's first match. */
export function winningNumbers(first: bigint, count: bigint, tails: readonly string[], limit = 1000): bigint[] {
  const last = first + count - 1n;
  const found: bigint[] = [];
  for (const tail of effectiveTails(tails)) {
    const modulus = 10n ** BigInt(tail.length);
    const t = BigInt(tail);
    const offset = (((t - first) % modulus) + modulus) % modulus;
    for (let x = first + offset; x <= last && found.length < limit * 2; x += modulus) found.push(x);
  }
  return found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).slice(0, limit);
}
