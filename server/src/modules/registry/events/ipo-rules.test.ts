import { describe, expect, it } from 'vitest';
import { allotmentRule, countEndingIn, countWinning, effectiveTails, numbersFor, sharesPerNumber, winningNumbers } from './ipo-rules.ts';

/** The plain way, for cross-checking on small ranges: look at every number. */
function enumerate(first: bigint, count: bigint, tails: string[]): bigint[] {
  const out: bigint[] = [];
  for (let x = first; x < first + count; x++) if (tails.some((t) => x.toString().padStart(t.length, '0').endsWith(t))) out.push(x);
  return out;
}

describe('subscription units by market and board', () => {
  it('Shanghai main board: 1,000 shares per number; Shenzhen, ChiNext and STAR: 500', () => {
    expect(sharesPerNumber(allotmentRule('SH', 'main')!)).toBe(1000n);
    for (const [m, b] of [
      ['SZ', 'main'],
      ['SZ', 'chinext'],
      ['SH', 'star'],
    ] as const)
      expect(sharesPerNumber(allotmentRule(m, b)!)).toBe(500n);
    expect(allotmentRule('SH', 'b_share')).toBeNull();
    expect(allotmentRule('BJ', 'beijing')).toBeNull();
  });

  it('gives one number per unit and refuses what is not a positive multiple of the unit', () => {
    const sh = allotmentRule('SH', 'main')!;
    expect(numbersFor(sh, 12_000n)).toBe(12n);
    expect(numbersFor(sh, 1_500n)).toBeNull();
    expect(numbersFor(sh, 0n)).toBeNull();
    expect(numbersFor(sh, -1000n)).toBeNull();
    expect(numbersFor(allotmentRule('SZ', 'chinext')!, 1_500n)).toBe(3n);
  });
});

describe('winning tails', () => {
  it('drops a tail that ends in a shorter winning tail', () => {
    expect(effectiveTails(['125', '5', '37', '5', '0037'])).toEqual(['5', '37']);
    expect(effectiveTails(['08', '8'])).toEqual(['8']);
    expect(effectiveTails(['08', '18'])).toEqual(['08', '18']);
  });

  it('counts by arithmetic: hand-checked ranges', () => {
    // 100000001..100000020 ends in 7 twice: 100000007, 100000017
    expect(countEndingIn(100000001n, 20n, '7')).toBe(2n);
    // 1000 numbers from 100000001 contain one of each 3-digit tail
    expect(countEndingIn(100000001n, 1000n, '123')).toBe(1n);
    expect(countEndingIn(100000001n, 1000n, '000')).toBe(1n); // 100001000
    // a tail with a leading zero: 05 in 100000001..100000110 → 100000005, 100000105
    expect(countEndingIn(100000001n, 110n, '05')).toBe(2n);
    expect(countEndingIn(100000001n, 0n, '1')).toBe(0n);
    // the range starts on a match and ends on one
    expect(countEndingIn(100000037n, 101n, '37')).toBe(2n);
    expect(countEndingIn(100000038n, 99n, '37')).toBe(0n);
  });

  it('ranges crossing powers of ten', () => {
    // 9995..10004 crosses 10,000: tail 0 → 10000, tail 5 → 9995
    expect(winningNumbers(9995n, 10n, ['0', '5'])).toEqual([9995n, 10000n]);
    expect(countWinning(9995n, 10n, ['0', '5'])).toBe(2n);
    // 99990..100009 crosses 100,000: tail 0000 → 100000 only; tail 9 → 99999 and 100009
    expect(winningNumbers(99990n, 20n, ['0000'])).toEqual([100000n]);
    expect(winningNumbers(99990n, 20n, ['9'])).toEqual([99999n, 100009n]);
    expect(countWinning(999_999_990n, 20n, ['0', '000000000'])).toBe(2n); // 999999990, 1000000000
  });

  it('a number matching several tails wins once', () => {
    // 100000125 ends in 5, 25 and 125
    expect(countWinning(100000120n, 10n, ['5', '25', '125'])).toBe(1n);
    expect(winningNumbers(100000120n, 10n, ['5', '25', '125'])).toEqual([100000125n]);
    // 3 and 33: 33 adds nothing; 4 and 44 of another range stay disjoint from 3
    expect(countWinning(100000001n, 100n, ['3', '33', '44'])).toBe(11n);
  });

  it('agrees with enumeration on many ranges and tail sets', () => {
    const tailSets = [['1'], ['07', '7'], ['123', '23', '9'], ['0', '00', '000'], ['45', '545', '6545'], ['98', '1098', '2']];
    for (let first = 1n; first < 3000n; first += 137n) {
      for (const count of [1n, 9n, 10n, 11n, 99n, 100n, 1001n, 2345n]) {
        for (const tails of tailSets) {
          const expected = enumerate(first, count, tails);
          expect(countWinning(first, count, tails)).toBe(BigInt(expected.length));
          expect(winningNumbers(first, count, tails, 10_000)).toEqual(expected);
        }
      }
    }
  });

  it('lists at most the limit asked', () => {
    expect(winningNumbers(1n, 1000n, ['1'], 5)).toEqual([1n, 11n, 21n, 31n, 41n]);
  });
});
