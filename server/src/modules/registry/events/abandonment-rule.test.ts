import { describe, expect, it } from 'vitest';
import { barOn, bars, countingOn } from './abandonment-rule.ts';

const rule = { count: 3, windowMonths: 12, barMonths: 6 };
const on = (...dates: string[]) => dates.map((reportedOn, i) => ({ id: i, reportedOn }));

describe('the bar on abandoned subscriptions', () => {
  it('three within twelve months bar for six months from the day after the last report', () => {
    const found = bars(on('2025-03-10', '2025-07-01', '2025-11-20'), rule);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ startOn: '2025-11-21', endOn: '2026-05-20' });
    expect(barOn(found, '2025-11-20')).toBeNull(); // the day it was reported: not yet
    expect(barOn(found, '2025-11-21')).not.toBeNull();
    expect(barOn(found, '2026-05-20')).not.toBeNull(); // the last day of six months
    expect(barOn(found, '2026-05-21')).toBeNull(); // the day after
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
    expect(found[0]).toMatchObject({ startOn: '2025-02-02', endOn: '2025-08-01' });
  });

  it('abandonments that barred once are spent; three more bar again', () => {
    const found = bars(on('2025-01-01', '2025-01-02', '2025-01-03', '2025-01-04', '2025-02-01', '2025-03-01'), rule);
    expect(found.map((b) => b.startOn)).toEqual(['2025-01-04', '2025-03-02']);
  });

  it('a bar starting at a month end runs to the last day of a month that has no day before the start day (DOMAIN.md, "Dates")', () => {
    const [bar] = bars(on('2025-06-01', '2025-07-01', '2025-08-30'), rule);
    expect(bar).toMatchObject({ startOn: '2025-08-31', endOn: '2026-02-28' }); // February has no 30th: the term runs to its last day
  });

  it('reports the abandonments counting on a date', () => {
    const list = on('2024-01-05', '2025-06-01', '2025-09-01');
    const found = bars(list, rule);
    expect(found).toHaveLength(0);
    expect(countingOn(list, found, '2025-10-01', rule).map((a) => a.reportedOn)).toEqual(['2025-06-01', '2025-09-01']);
  });

  it('takes its numbers from the settings', () => {
    expect(bars(on('2025-01-01', '2025-02-01'), { count: 2, windowMonths: 1, barMonths: 1 })).toHaveLength(0);
    expect(bars(on('2025-01-01', '2025-01-31'), { count: 2, windowMonths: 1, barMonths: 1 })[0]).toMatchObject({ startOn: '2025-02-01', endOn: '2025-02-28' });
  });
});
