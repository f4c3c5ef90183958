import { describe, expect, it } from 'vitest';
import { barOn, bars, countingOn } from './abandonment-rule.ts';

const rule = { count: 3, windowMonths: 12, barDays: 180 };
const on = (...dates: string[]) => dates.map((reportedOn, i) => ({ id: i, reportedOn }));

describe('the bar on abandoned subscriptions', () => {
  it('three within twelve months bar for 180 calendar days from the day after the last report', () => {
    const found = bars(on('2025-03-10', '2025-07-01', '2025-11-20'), rule);
    expect(found).toHaveLength(1);
    // 2025-11-21 is day 1: 10 days of November, 31 + 31 + 28 + 31 + 30 = 151 to the end of April, 19 of May: 180 on 2026-05-19
    expect(found[0]).toMatchObject({ startOn: '2025-11-21', endOn: '2026-05-19' });
    expect(barOn(found, '2025-11-20')).toBeNull(); // the day it was reported: not yet
    expect(barOn(found, '2025-11-21')).not.toBeNull();
    expect(barOn(found, '2026-05-19')).not.toBeNull(); // the 180th day
    expect(barOn(found, '2026-05-20')).toBeNull(); // the 181st: six calendar months would still bar it
  });

  it.each([
    // last report, first day barred, 180th day (counted by hand across month ends and leap days)
    ['2024-02-28', '2024-02-29', '2024-08-26'], // 1 + 31 + 30 + 31 + 30 + 31 = 154 to the end of July, 26 of August
    ['2023-02-28', '2023-03-01', '2023-08-27'], // 31 + 30 + 31 + 30 + 31 = 153 to the end of July, 27 of August
    ['2023-01-30', '2023-01-31', '2023-07-29'], // 1 + 28 + 31 + 30 + 31 + 30 = 151 to the end of June, 29 of July
    ['2024-01-30', '2024-01-31', '2024-07-28'], // 1 + 29 + 31 + 30 + 31 + 30 = 152 to the end of June, 28 of July
    ['2025-03-30', '2025-03-31', '2025-09-26'], // 1 + 30 + 31 + 30 + 31 + 31 = 154 to the end of August, 26 of September
    ['2024-12-31', '2025-01-01', '2025-06-29'], // 31 + 28 + 31 + 30 + 31 = 151 to the end of May, 29 of June
  ])('after a last report on %s the bar runs %s to %s', (last, startOn, endOn) => {
    const [bar] = bars(on(last, last, last), rule);
    expect(bar).toMatchObject({ startOn, endOn });
  });

  it('twelve consecutive months end the day before the same date a year later', () => {
    // 2025-01-10 … 2026-01-09 is twelve months: the third on 2026-01-09 bars
    expect(bars(on('2025-01-10', '2025-06-01', '2026-01-09'), rule)).toHaveLength(1);
    // on 2026-01-10 the first has left the window: two within twelve months, no bar
    expect(bars(on('2025-01-10', '2025-06-01', '2026-01-10'), rule)).toHaveLength(0);
  });

  it('slides the window: an old abandonment drops out, newer ones still count', () => {
    const found = bars(on('2024-01-05', '2024-12-01', '2025-01-20', '2025-02-01'), rule);
    expect(found).toHaveLength(1);
    expect(found[0]!.abandonments.map((a) => a.reportedOn)).toEqual(['2024-12-01', '2025-01-20', '2025-02-01']);
    expect(found[0]).toMatchObject({ startOn: '2025-02-02', endOn: '2025-07-31' }); // 27 + 31 + 30 + 31 + 30 + 31 = 180
  });

  it('abandonments that barred once are spent; three more bar again', () => {
    const found = bars(on('2025-01-01', '2025-01-02', '2025-01-03', '2025-01-04', '2025-02-01', '2025-03-01'), rule);
    expect(found.map((b) => b.startOn)).toEqual(['2025-01-04', '2025-03-02']);
  });

  it('a bar starting at a month end is counted in days, not months', () => {
    const [bar] = bars(on('2025-06-01', '2025-07-01', '2025-08-30'), rule);
    expect(bar).toMatchObject({ startOn: '2025-08-31', endOn: '2026-02-26' }); // 1 + 30 + 31 + 30 + 31 + 31 = 154 to the end of January, 26 of February
  });

  it('reports the abandonments counting on a date', () => {
    const list = on('2024-01-05', '2025-06-01', '2025-09-01');
    const found = bars(list, rule);
    expect(found).toHaveLength(0);
    expect(countingOn(list, found, '2025-10-01', rule).map((a) => a.reportedOn)).toEqual(['2025-06-01', '2025-09-01']);
  });

  it('takes its numbers from the settings', () => {
    expect(bars(on('2025-01-01', '2025-02-01'), { count: 2, windowMonths: 1, barDays: 30 })).toHaveLength(0);
    expect(bars(on('2025-01-01', '2025-01-31'), { count: 2, windowMonths: 1, barDays: 30 })[0]).toMatchObject({ startOn: '2025-02-01', endOn: '2025-03-02' });
    expect(bars(on('2024-01-31', '2024-02-29'), { count: 2, windowMonths: 1, barDays: 1 })[0]).toMatchObject({ startOn: '2024-03-01', endOn: '2024-03-01' });
  });
});
