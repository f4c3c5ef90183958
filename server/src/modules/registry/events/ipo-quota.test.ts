import { describe, expect, it } from 'vitest';
import { dailyMarketValues, priceUnits, quotaFromDailyValues, quotaRule, quotaWindow, subscriptionQuota, type QuotaPosition } from './ipo-quota.ts';

/** 2026-10-01 … 2026-10-22 as 22 consecutive "trading days" (the calendar is whatever has a price file). */
const days = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `2026-10-${String(from + i).padStart(2, '0')}`);
const CALENDAR = days(1, 22);
const T = '2026-10-23';
const WINDOW = quotaWindow(CALENDAR, T);
const SH_MAIN = quotaRule('SH', 'main');
const SZ = quotaRule('SZ', 'chinext');
const flat = (price: string, on = CALENDAR): { day: string; price: string }[] => on.map((day) => ({ day, price }));
const held = (securityCode: string, ...balances: [string, bigint][]): QuotaPosition => ({ securityCode, balances: balances.map(([from, shares]) => ({ from, shares })) });

describe('the quota window', () => {
  it('is the 20 trading days ending T−2: T−1 (the last trading day before T) and T itself are out', () => {
    expect(WINDOW).toEqual(days(2, 21));
    expect(quotaWindow([...CALENDAR, T, '2026-10-26'], T)).toEqual(days(2, 21));
  });

  it('is shorter when the calendar is, and empty with one day or none before T', () => {
    expect(quotaWindow(days(12, 22), T)).toEqual(days(12, 21));
    expect(quotaWindow(['2026-10-22'], T)).toEqual([]);
    expect(quotaWindow([], T)).toEqual([]);
  });
});

describe('the subscription quota', () => {
  it('a holding over the whole window: 20,000 shares at 10.00 is 200,000 yuan a day, 20,000 shares of quota', () => {
    const positions = [held('600001', ['2026-01-05', 20_000n])];
    const prices = new Map([['600001', flat('10.00')]]);
    expect(subscriptionQuota(WINDOW, positions, prices, SH_MAIN)).toBe(20_000n); // 20 steps of 10,000 yuan × 1,000
    expect(subscriptionQuota(WINDOW, positions, prices, SZ)).toBe(20_000n); // 40 steps of 5,000 yuan × 500
  });

  it('a holding that appears mid-window counts from its day: 2,000 shares at 25.50 for 10 of the 20 days', () => {
    const positions = [held('600002', ['2026-10-12', 2000n])];
    const prices = new Map([['600002', flat('25.50')]]);
    // 10 days × 51,000 = 510,000; ÷ 20 = 25,500 a day on average
    expect(dailyMarketValues(WINDOW, positions, prices).filter((v) => v > 0n)).toHaveLength(10);
    expect(subscriptionQuota(WINDOW, positions, prices, SH_MAIN)).toBe(2000n); // 2 whole steps of 10,000
    expect(subscriptionQuota(WINDOW, positions, prices, SZ)).toBe(2500n); // 5 whole steps of 5,000
  });

  it('a holding sold mid-window counts until its balance is zero', () => {
    const positions = [held('600003', ['2025-06-02', 1000n], ['2026-10-12', 0n])];
    const prices = new Map([['600003', flat('10')]]);
    // 10-02 … 10-11: 10 days × 10,000 = 100,000; ÷ 20 = 5,000
    expect(subscriptionQuota(WINDOW, positions, prices, SH_MAIN)).toBe(0n);
    expect(subscriptionQuota(WINDOW, positions, prices, SZ)).toBe(500n);
  });

  it('a day without a price for the security (suspended) takes its last earlier closing price', () => {
    const positions = [held('000004', ['2025-06-02', 1000n])];
    const prices = new Map([['000004', [...flat('20.00', days(1, 10)), ...flat('22.00', days(16, 22))]]]);
    // 10-02 … 10-10: 9 × 20,000 = 180,000; 10-11 … 10-15 at the carried 20.00: 100,000; 10-16 … 10-21: 6 × 22,000 = 132,000
    expect(dailyMarketValues(WINDOW, positions, prices).reduce((a, b) => a + b, 0n)).toBe(412_000n * 10_000n);
    expect(subscriptionQuota(WINDOW, positions, prices, SZ)).toBe(2000n); // 20,600 a day: 4 steps
  });

  it('missing trading days count as zero: the sum is always divided by 20', () => {
    const short = quotaWindow(days(12, 22), T); // 10 days
    const positions = [held('600005', ['2025-06-02', 10_000n])];
    const prices = new Map([['600005', flat('10.00')]]);
    // 10 × 100,000 = 1,000,000; ÷ 20 = 50,000, not 100,000
    expect(subscriptionQuota(short, positions, prices, SH_MAIN)).toBe(5000n);
  });

  it('a security never priced is worth nothing; several positions add up', () => {
    const positions = [held('600006', ['2025-06-02', 1000n]), held('600007', ['2025-06-02', 5000n]), held('600008', ['2025-06-02', 1_000_000n])];
    const prices = new Map([
      ['600006', flat('6.00')],
      ['600007', flat('1.80')],
    ]);
    // 6,000 + 9,000 = 15,000 a day
    expect(subscriptionQuota(WINDOW, positions, prices, SH_MAIN)).toBe(1000n);
    expect(subscriptionQuota(WINDOW, positions, prices, SZ)).toBe(1500n);
  });

  it('the last entry of a day is that day’s balance', () => {
    const positions = [held('600009', ['2026-10-02', 100n], ['2026-10-02', 300n])];
    expect(dailyMarketValues(['2026-10-02'], positions, new Map([['600009', flat('1')]]))).toEqual([3_000_000n]);
  });

  it('only whole steps count, on the exact average: 19,999.99 earns one step, 20,000 two, 9,999.9999 none', () => {
    const daily = (yuanTimes10k: bigint) => Array<bigint>(20).fill(yuanTimes10k);
    expect(quotaFromDailyValues(daily(199_999_900n), SH_MAIN)).toBe(1000n);
    expect(quotaFromDailyValues(daily(200_000_000n), SH_MAIN)).toBe(2000n);
    expect(subscriptionQuota(WINDOW, [held('600010', ['2025-06-02', 3n])], new Map([['600010', flat('3333.3333')]]), SH_MAIN)).toBe(0n);
    expect(quotaFromDailyValues([], SZ)).toBe(0n);
  });

  it('reads prices exactly, to four places', () => {
    expect(priceUnits('12.3456')).toBe(123_456n);
    expect(priceUnits('7.5')).toBe(75_000n);
    expect(priceUnits('0')).toBe(0n);
    expect(() => priceUnits('1.23456')).toThrow();
  });

  it('Shanghai main board earns 1,000 shares per 10,000 yuan; STAR and Shenzhen 500 per 5,000', () => {
    expect(quotaRule('SH', 'main')).toEqual({ valueStep: 10_000n, sharesPerStep: 1000n });
    expect(quotaRule('SH', 'star')).toEqual({ valueStep: 5000n, sharesPerStep: 500n });
    expect(quotaRule('SZ', 'main')).toEqual({ valueStep: 5000n, sharesPerStep: 500n });
  });
});
