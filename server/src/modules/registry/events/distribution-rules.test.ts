import { describe, expect, it } from 'vitest';
import { cashEntitlement, formatDecimal, parseDecimal, shareEntitlements, toCents } from './distribution-rules.ts';

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
  it('gives the missing shares to the largest fractions, ties to the larger holding', () => {
    // 3 per 10: A 15 → 4.5, B 25 → 7.5, C 7 → 2.1, D 33 → 9.9; sum 24.0, whole parts 22, 2 missing:
    // D (0.9) first, then B over A (both 0.5, B holds more)
    const { total, items } = shareEntitlements(
      [
        { accountNumber: 'A000000001', quantity: 15n },
        { accountNumber: 'A000000002', quantity: 25n },
        { accountNumber: 'A000000003', quantity: 7n },
        { accountNumber: 'A000000004', quantity: 33n },
      ],
      '3',
    );
    expect(total).toBe(24n);
    expect(items.map((i) => [i.whole, i.fromFractions, i.shares])).toEqual([
      [4n, 0n, 4n],
      [7n, 1n, 8n],
      [2n, 0n, 2n],
      [9n, 1n, 10n],
    ]);
  });

  it('breaks a full tie by account number and never exceeds the issue total', () => {
    // 1 per 10: 5 → 0.5, 5 → 0.5, 3 → 0.3; total floor(1.3) = 1; the lower account number wins it
    const { total, items } = shareEntitlements(
      [
        { accountNumber: 'A000000009', quantity: 5n },
        { accountNumber: 'A000000002', quantity: 5n },
        { accountNumber: 'A000000005', quantity: 3n },
      ],
      '1',
    );
    expect(total).toBe(1n);
    expect(items.map((i) => i.shares)).toEqual([0n, 1n, 0n]);
  });

  it('handles ratios with decimals exactly (2.5 per 10 on 1,001 shares = 250.25)', () => {
    const { total, items } = shareEntitlements([{ accountNumber: 'A000000001', quantity: 1001n }], '2.5');
    expect(total).toBe(250n);
    expect(items[0]).toMatchObject({ whole: 250n, fromFractions: 0n });
  });
});
