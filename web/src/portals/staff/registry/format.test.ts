import { describe, expect, it } from 'vitest';
import { formatBytes, formatShares, formatSignedShares, isNegativeShares, monthBefore, todayInShanghai } from './format.ts';

describe('registry formatting', () => {
  it('groups whole shares by thousands without going through a number', () => {
    expect(formatShares('0')).toBe('0');
    expect(formatShares('999')).toBe('999');
    expect(formatShares('1000')).toBe('1,000');
    expect(formatShares('-1234567')).toBe('-1,234,567');
    expect(formatShares('123456789012345678901')).toBe('123,456,789,012,345,678,901');
    expect(formatShares('abc')).toBe('abc');
  });

  it('shows the sign of a change', () => {
    expect(formatSignedShares('400')).toBe('+400');
    expect(formatSignedShares('-400')).toBe('-400');
    expect(formatSignedShares('0')).toBe('0');
    expect(isNegativeShares('-1')).toBe(true);
    expect(isNegativeShares('-0')).toBe(false);
    expect(isNegativeShares('12')).toBe(false);
  });

  it('sizes files', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.50 KB');
    expect(formatBytes(200 * 1024 * 1024)).toBe('200.0 MB');
  });

  it('takes days in Beijing time', () => {
    expect(todayInShanghai(new Date('2024-05-05T16:30:00Z'))).toBe('2024-05-06');
    expect(monthBefore('2024-05-06')).toBe('2024-04-07');
    expect(monthBefore('2024-03-31')).toBe('2024-03-01');
    expect(monthBefore('2024-01-15')).toBe('2023-12-16');
  });
});
