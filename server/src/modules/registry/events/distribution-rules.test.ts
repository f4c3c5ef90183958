import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cashEntitlement, formatDecimal, lotOf, parseDecimal, shareEntitlements, toCents } from './distribution-rules.ts';

const yuan = (units: bigint) => formatDecimal(units, 2);

describe('cash entitlements', () => {
  it('brings each account to the cent, down by default or half up', () => {
    // 1,234 × 1.2345 / 10 = 152.33733
    expect(yuan(cashEntitlement(1234n, '1.2345', 'down'))).toBe('152.33');
    expect(yuan(cashEntitlement(1234n, '1.2345', 'half_up'))).toBe('152.34');
    // 3 × 0.05 / 10 = 0.015: exactly half a cent
    expect(yuan(cashEntitlement(3n, '0.05', 'down'))).toBe('0.01');
    expect(yuan(cashEntitlement(3n, '0.05', 'half_up'))).toBe('0.02');
    // 1 × 0.04 / 10 = 0.004: nothing when rounded down
    expect(yuan(cashEntitlement(1n, '0.04', 'down'))).toBe('0.00');
    // 10,000 × 3 / 10 = 3,000 exactly
    expect(yuan(cashEntitlement(10_000n, '3', 'down'))).toBe('3000.00');
  });

  it('parses and formats decimals exactly', () => {
    expect(parseDecimal('1.5')).toBe(150_000_000n);
    expect(formatDecimal(parseDecimal('0.12345678'), 8)).toBe('0.12345678');
    expect(() => parseDecimal('0.123456789')).toThrow(RangeError);
    expect(() => parseDecimal('1e3')).toThrow(RangeError);
    expect(yuan(toCents(parseDecimal('0.0049'), 'half_up'))).toBe('0.00');
    expect(yuan(toCents(parseDecimal('0.005'), 'half_up'))).toBe('0.01');
  });
});

describe('bonus shares and fractional parts (零碎股)', () => {
  // Lots by hand (md5 of "<seed>:<account>", computed outside this code with Python's hashlib):
  //   seed 5eed: A000000001 05ca2db3…, A000000002 e608ee97…, A000000003 9289c634…, A000000004 c677f4f5…, A000000009 3d672152…
  //   seed 0123456789abcdef0123456789abcdef: A000000001 dc1ec8db…, A000000002 9a67fd90…, A000000009 d6e33c9e…
  const SEED = '5eed';
  const OTHER_SEED = '0123456789abcdef0123456789abcdef';
  const fourHoldings = [
    { accountNumber: 'A000000001', quantity: 15n },
    { accountNumber: 'A000000002', quantity: 25n },
    { accountNumber: 'A000000003', quantity: 7n },
    { accountNumber: 'A000000004', quantity: 33n },
  ];

  it('gives the missing shares to the largest fractions, equal fractions by the drawn lots, not by holding', () => {
    // 3 per 10: A1 15 → 4.5, A2 25 → 7.5, A3 7 → 2.1, A4 33 → 9.9; sum 24.0, whole parts 22, 2 missing:
    // A4 (0.9) first; A1 and A2 tie at 0.5 and A1's lot (05ca…) is below A2's (e608…): the smaller holding wins
    const { total, items } = shareEntitlements(fourHoldings, '3', SEED);
    expect(total).toBe(24n);
    expect(items.map((i) => [i.whole, i.fromFractions, i.shares])).toEqual([
      [4n, 1n, 5n],
      [7n, 0n, 7n],
      [2n, 0n, 2n],
      [9n, 1n, 10n],
    ]);
  });

  it('another seed, another drawing: A2 (9a67…) now draws below A1 (dc1e…)', () => {
    const { items } = shareEntitlements(fourHoldings, '3', OTHER_SEED);
    expect(items.map((i) => i.shares)).toEqual([4n, 8n, 2n, 10n]);
  });

  it('replays: the same seed gives the same allocation, whatever order the holdings come in', () => {
    const first = shareEntitlements(fourHoldings, '3', SEED);
    const again = shareEntitlements([...fourHoldings].reverse(), '3', SEED);
    const byAccount = (r: typeof first) => Object.fromEntries(r.items.map((i) => [i.accountNumber, i.shares]));
    expect(byAccount(again)).toEqual(byAccount(first));
  });

  it('settles a full tie by lot, not by account number, and never exceeds the issue total', () => {
    // 1 per 10: 5 → 0.5, 5 → 0.5, 3 → 0.3; total floor(1.3) = 1; A9's lot (3d67…) is below A2's (e608…)
    const holdings = [
      { accountNumber: 'A000000009', quantity: 5n },
      { accountNumber: 'A000000002', quantity: 5n },
      { accountNumber: 'A000000005', quantity: 3n },
    ];
    const bySeed = shareEntitlements(holdings, '1', SEED);
    expect(bySeed.total).toBe(1n);
    expect(bySeed.items.map((i) => i.shares)).toEqual([1n, 0n, 0n]);
    // with the other seed A2 (9a67…) draws below A9 (d6e3…)
    expect(shareEntitlements(holdings, '1', OTHER_SEED).items.map((i) => i.shares)).toEqual([0n, 1n, 0n]);
  });

  it('draws among more equal fractions than shares left: four at 0.5, two shares, lots A1 < A3 < A4 < A2', () => {
    const holdings = ['A000000001', 'A000000002', 'A000000003', 'A000000004'].map((accountNumber) => ({ accountNumber, quantity: 5n }));
    const { total, items } = shareEntitlements(holdings, '1', SEED);
    expect(total).toBe(2n);
    expect(items.map((i) => [i.accountNumber, i.fromFractions])).toEqual([
      ['A000000001', 1n],
      ['A000000002', 0n],
      ['A000000003', 1n],
      ['A000000004', 0n],
    ]);
  });

  it('computes each lot as md5 of "<seed>:<account>"', () => {
    expect(lotOf(SEED, 'A000000001')).toBe('05ca2db3eb2eb469758a3135958d7cbe');
    expect(lotOf(OTHER_SEED, 'A000000002')).toBe('9a67fd908a160b42d8461a3c09a3e8ea');
  });

  it('always issues the whole part of the sum, at most one fractional share per account, never passing over a larger fraction', () => {
    const holding = fc.record({ accountNumber: fc.stringMatching(/^A\d{9}$/), quantity: fc.bigInt({ min: 1n, max: 10n ** 12n }) });
    const ratio = fc.tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 999_999 })).map(([whole, micro]) => `${whole}.${String(micro).padStart(6, '0')}`);
    fc.assert(
      fc.property(
        fc.uniqueArray(holding, { selector: (h) => h.accountNumber, minLength: 1, maxLength: 30 }),
        ratio,
        fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 1, maxLength: 32 }),
        (holdings, per10, seed) => {
          const { total, items } = shareEntitlements(holdings, per10, seed);
          expect(items.reduce((sum, i) => sum + i.shares, 0n)).toBe(total);
          const fraction = (h: { quantity: bigint }) => (h.quantity * parseDecimal(per10)) % (10n * 10n ** 8n);
          const winners = holdings.filter((_, i) => items[i]!.fromFractions === 1n).map(fraction);
          const losers = holdings.filter((_, i) => items[i]!.fromFractions === 0n).map(fraction);
          for (const i of items) expect([0n, 1n]).toContain(i.fromFractions);
          if (winners.length) for (const lost of losers) expect(lost <= winners.reduce((a, b) => (a < b ? a : b))).toBe(true);
        },
      ),
    );
  });

  it('handles ratios with decimals exactly (2.5 per 10 on 1,001 shares = 250.25)', () => {
    const { total, items } = shareEntitlements([{ accountNumber: 'A000000001', quantity: 1001n }], '2.5', '5eed');
    expect(total).toBe(250n);
    expect(items[0]).toMatchObject({ whole: 250n, fromFractions: 0n });
  });
});
