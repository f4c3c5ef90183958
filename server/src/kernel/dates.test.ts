import { describe, expect, it } from 'vitest';
import { addDays, addMonths, periodEnd } from './dates.ts';

describe('registry dates', () => {
  it('ends a period the day before the same date N months later', () => {
    expect(periodEnd('2006-01-12', 24)).toBe('2008-01-11');
    expect(periodEnd('2024-03-01', 12)).toBe('2025-02-28');
    expect(periodEnd('2023-03-01', 12)).toBe('2024-02-29');
  });

  it('clamps to the last day of a shorter month', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2023-01-31', 1)).toBe('2023-02-28');
    expect(addMonths('2024-12-15', 1)).toBe('2025-01-15');
  });

  it('adds days across month and year ends', () => {
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });
});
