import { describe, expect, it } from 'vitest';
import { formatDecimal, parseDecimal } from '../events/index.ts';
import { dividendTaxRecords, holdingBand, taxOn, type DailyChange } from './dividend-tax.ts';
import { termEnd } from '../../../kernel/dates.ts';

const buy = (on: string, quantity: bigint): DailyChange => ({ on, kind: 'market', quantity });
const sell = (on: string, quantity: bigint): DailyChange => ({ on, kind: 'market', quantity: -quantity });

describe('holding period', () => {
  it('counts one month from day D to day D−1 of the next month', () => {
    expect(termEnd('2024-01-05', 1)).toBe('2024-02-04');
    expect(termEnd('2023-03-31', 1)).toBe('2023-04-30');
    expect(termEnd('2024-03-01', 1)).toBe('2024-03-31');
    expect(termEnd('2024-12-20', 1)).toBe('2025-01-19');
  });

  it('ends on the last day of a short month (Jan 31 → Feb)', () => {
    expect(termEnd('2024-01-31', 1)).toBe('2024-02-29');
    expect(termEnd('2023-01-31', 1)).toBe('2023-02-28');
    expect(termEnd('2023-01-29', 1)).toBe('2023-02-28');
    expect(termEnd('2023-01-28', 1)).toBe('2023-02-27');
  });

  it('counts a year the same way', () => {
    expect(termEnd('2023-01-05', 12)).toBe('2024-01-04');
    expect(termEnd('2024-02-29', 12)).toBe('2025-02-28');
    expect(termEnd('2023-03-01', 12)).toBe('2024-02-29');
  });

  it('puts a sale in its band by the day before its settlement date', () => {
    // bought 5 Jan: held to 4 Feb (sold 5 Feb) is one month; to 5 Feb is more
    expect(holdingBand('2024-01-05', '2024-02-05')).toBe('up_to_1_month');
    expect(holdingBand('2024-01-05', '2024-02-06')).toBe('up_to_1_year');
    // bought 31 Jan 2024 (leap year): one month ends 29 Feb
    expect(holdingBand('2024-01-31', '2024-03-01')).toBe('up_to_1_month');
    expect(holdingBand('2024-01-31', '2024-03-02')).toBe('up_to_1_year');
    // 31 Jan 2023: ends 28 Feb
    expect(holdingBand('2023-01-31', '2023-03-01')).toBe('up_to_1_month');
    expect(holdingBand('2023-01-31', '2023-03-02')).toBe('up_to_1_year');
    // a year: bought 5 Jan 2023, held to 4 Jan 2024 is within it, to 5 Jan 2024 is not
    expect(holdingBand('2023-01-05', '2024-01-05')).toBe('up_to_1_year');
    expect(holdingBand('2023-01-05', '2024-01-06')).toBe('over_1_year');
  });
});

describe('tax amounts', () => {
  it('is 20% of the taxable amount, rounded half up to the cent', () => {
    expect(formatDecimal(taxOn(parseDecimal('375')), 2)).toBe('75.00');
    expect(formatDecimal(taxOn(parseDecimal('0.861')), 2)).toBe('0.17'); // 0.1722
    expect(formatDecimal(taxOn(parseDecimal('0.4305')), 2)).toBe('0.09'); // 0.0861
    expect(formatDecimal(taxOn(parseDecimal('0.025')), 2)).toBe('0.01'); // 0.005 exactly
    expect(formatDecimal(taxOn(parseDecimal('0.0249')), 2)).toBe('0.00'); // 0.00498
  });
});

describe('dividend tax on sales, first in first out', () => {
  const dividend = { distributionId: 'd1', recordOn: '2024-03-20', perShare: '0.25' };

  it('the worked example: two purchases, a dividend, a sale within a month, the rest after six months', () => {
    const changes = [buy('2024-03-01', 2000n), buy('2024-03-15', 1000n), sell('2024-03-29', 1500n), sell('2024-09-20', 1500n)];
    const records = dividendTaxRecords(changes, [dividend]);
    expect(records.map((r) => [r.acquiredOn, r.soldOn, r.quantity, r.band, r.dividendAmount, r.taxableAmount, r.taxAmount])).toEqual([
      // 1,500 of the 1 March lot, held 1–28 March (a month runs to 31 March): 1,500 × 0.25 = 375; all taxable; 20% = 75
      ['2024-03-01', '2024-03-29', 1500n, 'up_to_1_month', '375.00000000', '375.00000000', '75.00'],
      // the other 500 of it, held to 19 September: 500 × 0.25 = 125; half taxable = 62.50; 20% = 12.50
      ['2024-03-01', '2024-09-20', 500n, 'up_to_1_year', '125.00000000', '62.50000000', '12.50'],
      // the 15 March lot: 1,000 × 0.25 = 250; half = 125; 20% = 25
      ['2024-03-15', '2024-09-20', 1000n, 'up_to_1_year', '250.00000000', '125.00000000', '25.00'],
    ]);
    // total 75 + 12.50 + 25 = 112.50
    expect(records.reduce((sum, r) => sum + parseDecimal(r.taxAmount), 0n)).toBe(parseDecimal('112.50'));
  });

  it('taxes nothing for shares bought after the record date, sold after a year, or not bought on the market', () => {
    const changes: DailyChange[] = [
      buy('2023-01-05', 1000n),
      { on: '2023-06-01', kind: 'other', quantity: 500n }, // lock-up release: not bought on the market
      buy('2024-03-21', 300n), // after the record date
      sell('2024-04-01', 1800n),
    ];
    // the 2023-01-05 lot is held more than a year: exempt; the released 500 are outside the rule; the 300 had no dividend
    expect(dividendTaxRecords(changes, [dividend])).toEqual([]);
  });

  it('uses end-of-day net changes: a buy and sell on one day net to one change', () => {
    // bought 1,000 on 1 March; on 25 March sold 400 and bought 100: net −300
    const changes = [buy('2024-03-01', 1000n), { on: '2024-03-25', kind: 'market' as const, quantity: -300n }];
    const [record] = dividendTaxRecords(changes, [dividend]);
    expect(record).toMatchObject({ quantity: 300n, band: 'up_to_1_month', taxAmount: '15.00' }); // 300 × 0.25 × 20%
  });

  it('bonus shares keep the holding period of their lot but do not receive the dividend they came with', () => {
    // 1,000 bought 1 March; record date 20 March: 2.50 cash and 3 bonus shares per 10; the 300 bonus shares arrive 22 March
    const changes: DailyChange[] = [buy('2024-03-01', 1000n), { on: '2024-03-22', kind: 'bonus', quantity: 300n }, sell('2024-03-28', 1300n)];
    const records = dividendTaxRecords(changes, [dividend]);
    // only the 1,000 original shares got the cash dividend: 1,000 × 0.25 = 250 taxable, tax 50
    expect(records.map((r) => [r.quantity, r.acquiredOn, r.band, r.taxAmount])).toEqual([[1000n, '2024-03-01', 'up_to_1_month', '50.00']]);
  });
});
