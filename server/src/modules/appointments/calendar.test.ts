import { describe, expect, it } from 'vitest';
import { bookingDays, bookingRefusal, cancellationDeadline, mayCancel, scheduleProblem, strandedBy, weekdayOf, type HallSchedule } from './calendar.ts';

const schedule: HallSchedule = {
  openWeekdays: [1, 2, 3, 4, 5],
  periods: [
    { starts: '09:00', ends: '10:00' },
    { starts: '13:00', ends: '14:00' },
  ],
  categories: [{ code: 'account', name: '证券账户业务', nameEn: 'Securities accounts', prefix: 'A', capacity: 2 }],
};
const none = new Set<string>();
/** Monday 2026-12-07, 08:59:59 in Beijing (00:59:59 UTC). */
const mondayBeforeNine = new Date('2026-12-07T00:59:59Z');

describe('appointment date rules', () => {
  it('knows the weekday of a day (2026-12-07 is a Monday, 2026-12-13 a Sunday)', () => {
    expect(weekdayOf('2026-12-07')).toBe(1);
    expect(weekdayOf('2026-12-13')).toBe(7);
  });

  it("books today's period until the second it begins, not after", () => {
    expect(bookingRefusal(schedule, none, '2026-12-07', '09:00', 'account', mondayBeforeNine, 14)).toBeNull();
    const nine = new Date('2026-12-07T01:00:00Z'); // 09:00:00 Beijing
    expect(bookingRefusal(schedule, none, '2026-12-07', '09:00', 'account', nine, 14)).toBe('period_started');
    expect(bookingRefusal(schedule, none, '2026-12-07', '13:00', 'account', nine, 14)).toBeNull();
  });

  it('refuses a day gone by', () => {
    expect(bookingRefusal(schedule, none, '2026-12-04', '13:00', 'account', mondayBeforeNine, 14)).toBe('period_started');
  });

  it('refuses a weekend and a holiday of the hall calendar', () => {
    expect(bookingRefusal(schedule, none, '2026-12-12', '09:00', 'account', mondayBeforeNine, 14)).toBe('day_closed');
    expect(bookingRefusal(schedule, new Set(['2026-12-08']), '2026-12-08', '09:00', 'account', mondayBeforeNine, 14)).toBe('day_closed');
    expect(bookingRefusal(schedule, new Set(['2026-12-08']), '2026-12-09', '09:00', 'account', mondayBeforeNine, 14)).toBeNull();
  });

  it('books up to the horizon and not a day beyond (today 2026-12-07 + 14 = 2026-12-21)', () => {
    expect(bookingRefusal(schedule, none, '2026-12-21', '09:00', 'account', mondayBeforeNine, 14)).toBeNull();
    expect(bookingRefusal(schedule, none, '2026-12-22', '09:00', 'account', mondayBeforeNine, 14)).toBe('beyond_horizon');
    expect(bookingDays(mondayBeforeNine, 2)).toEqual(['2026-12-07', '2026-12-08', '2026-12-09']);
  });

  it('takes the Beijing day, not the UTC one: 23:30 UTC on Sunday is already Monday 07:30 in Beijing', () => {
    const at = new Date('2026-12-06T23:30:00Z');
    expect(bookingDays(at, 0)).toEqual(['2026-12-07']);
    expect(bookingRefusal(schedule, none, '2026-12-07', '09:00', 'account', at, 0)).toBeNull();
  });

  it('refuses a period or category the hall does not have', () => {
    expect(bookingRefusal(schedule, none, '2026-12-08', '10:00', 'account', mondayBeforeNine, 14)).toBe('period_unknown');
    expect(bookingRefusal(schedule, none, '2026-12-08', '09:00', 'pledge', mondayBeforeNine, 14)).toBe('category_unknown');
  });

  it('allows cancelling until the cut-off before the period, not at it (120 minutes before 13:00 is 11:00)', () => {
    expect(cancellationDeadline('2026-12-08', '13:00', 120).toISOString()).toBe('2026-12-08T03:00:00.000Z');
    expect(mayCancel('2026-12-08', '13:00', 120, new Date('2026-12-08T02:59:59Z'))).toBe(true);
    expect(mayCancel('2026-12-08', '13:00', 120, new Date('2026-12-08T03:00:00Z'))).toBe(false);
    expect(mayCancel('2026-12-08', '09:00', 0, new Date('2026-12-08T00:59:59Z'))).toBe(true);
  });

  it("finds the appointments a change of the hall's hours strands, and keeps the rest", () => {
    const booked = { day: '2026-12-08', periodStarts: '13:00', periodEnds: '14:00', category: 'account' };
    expect(strandedBy(schedule, none, booked)).toBeNull();
    const later = {
      ...schedule,
      periods: [
        { starts: '09:00', ends: '10:00' },
        { starts: '13:30', ends: '14:30' },
      ],
    };
    expect(strandedBy(later, none, booked)).toBe('period_removed');
    const shorter = {
      ...schedule,
      periods: [
        { starts: '09:00', ends: '10:00' },
        { starts: '13:00', ends: '13:30' },
      ],
    };
    expect(strandedBy(shorter, none, booked)).toBe('period_removed');
    expect(strandedBy({ ...schedule, openWeekdays: [1, 3, 4, 5] }, none, booked)).toBe('day_closed');
    expect(strandedBy(schedule, new Set(['2026-12-08']), booked)).toBe('day_closed');
    expect(strandedBy({ ...schedule, categories: [] }, none, booked)).toBe('category_removed');
  });

  it('refuses overlapping periods and categories sharing a prefix', () => {
    expect(scheduleProblem(schedule)).toBeNull();
    expect(
      scheduleProblem({
        ...schedule,
        periods: [
          { starts: '09:00', ends: '10:00' },
          { starts: '09:30', ends: '11:00' },
        ],
      }),
    ).toBe('periods');
    expect(scheduleProblem({ ...schedule, periods: [{ starts: '10:00', ends: '09:00' }] })).toBe('periods');
    expect(scheduleProblem({ ...schedule, categories: [...schedule.categories, { ...schedule.categories[0]!, code: 'query' }] })).toBe('categories');
  });
});
