import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifySubscriptions, type ArrivingSubscription } from './ipo-validity.ts';

const sub = (line: number, accountNumber: string, investor: string, quantity: bigint, quota = 10_000n, offeringId = 1): ArrivingSubscription => ({ line, offeringId, accountNumber, investor, quantity, quota });

describe('one valid subscription per investor and offering', () => {
  it('the first by arrival is valid; another account of the same investor and a repeat of an account are not', () => {
    const verdicts = classifySubscriptions([sub(2, 'A1', 'zhang', 1000n), sub(3, 'A2', 'zhang', 1000n), sub(4, 'A1', 'zhang', 1000n), sub(5, 'B1', 'li', 1000n)], []);
    expect([...verdicts]).toEqual([
      [2, null],
      [3, 'DUPLICATE_INVESTOR'],
      [4, 'DUPLICATE_ACCOUNT'],
      [5, null],
    ]);
  });

  it('above the quota is invalid, and the investor’s later subscriptions stay invalid: only the first could be valid', () => {
    const verdicts = classifySubscriptions([sub(2, 'A1', 'zhang', 3000n, 2000n), sub(3, 'A2', 'zhang', 2000n, 2000n), sub(4, 'B1', 'li', 2000n, 2000n)], []);
    expect([...verdicts.values()]).toEqual(['ABOVE_QUOTA', 'DUPLICATE_INVESTOR', null]);
  });

  it('subscriptions of earlier batches arrived first; other offerings do not count', () => {
    const verdicts = classifySubscriptions([sub(2, 'A2', 'zhang', 1000n), sub(3, 'A1', 'zhang', 1000n, 10_000n, 2), sub(4, 'C1', 'wang', 500n)], [{ offeringId: 1, accountNumber: 'A1', investor: 'zhang' }]);
    expect([...verdicts.values()]).toEqual(['DUPLICATE_INVESTOR', null, null]);
  });
});

describe('property: whatever arrives', () => {
  const arrival = fc.record({
    offeringId: fc.integer({ min: 1, max: 2 }),
    investor: fc.integer({ min: 1, max: 4 }),
    account: fc.integer({ min: 1, max: 3 }),
    units: fc.integer({ min: 1, max: 6 }),
  });
  const quotas = fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 5, maxLength: 5 });

  it('each investor has at most one valid subscription per offering, none above its quota, and the valid one is the first', () => {
    fc.assert(
      fc.property(fc.array(arrival, { maxLength: 40 }), quotas, (arrivals, quotaUnits) => {
        const subs = arrivals.map((a, i) => sub(i + 2, `${a.investor}-${a.account}`, String(a.investor), BigInt(a.units * 500), BigInt(quotaUnits[a.investor]! * 500), a.offeringId));
        const verdicts = classifySubscriptions(subs, []);
        const valid = subs.filter((s) => verdicts.get(s.line) === null);
        const perInvestor = new Set(valid.map((s) => `${s.offeringId}:${s.investor}`));
        expect(perInvestor.size).toBe(valid.length);
        for (const s of valid) {
          expect(s.quantity <= s.quota).toBe(true);
          expect(subs.find((x) => x.offeringId === s.offeringId && x.investor === s.investor)).toBe(s);
        }
        expect(verdicts.size).toBe(subs.length);
      }),
      { numRuns: 300 },
    );
  });
});
