import { describe, expect, it } from 'vitest';
import { formatMoney, formatOptionalQuantity, formatQuantity } from './figures.ts';

describe('money, in yuan to the fen', () => {
  it('shows the amounts the tax records carry at 8 decimals with two', () => {
    expect(formatMoney('62.50000000')).toBe('62.50');
    expect(formatMoney('375.00000000')).toBe('375.00');
    expect(formatMoney('1234.5')).toBe('1,234.50');
    expect(formatMoney('1234567.89')).toBe('1,234,567.89');
    expect(formatMoney('0')).toBe('0.00');
    expect(formatMoney('12')).toBe('12.00');
  });

  it('rounds half up to the fen, carrying into the yuan, without a float', () => {
    expect(formatMoney('0.86100000')).toBe('0.86');
    expect(formatMoney('0.005')).toBe('0.01');
    expect(formatMoney('0.00499999')).toBe('0.00');
    expect(formatMoney('999.995')).toBe('1,000.00');
    expect(formatMoney('-1234.565')).toBe('-1,234.57');
    expect(formatMoney('-0.001')).toBe('0.00');
    // beyond a double's exact range
    expect(formatMoney('123456789012345678.125')).toBe('123,456,789,012,345,678.13');
  });

  it('leaves what is not a decimal as it is', () => {
    expect(formatMoney('—')).toBe('—');
    expect(formatMoney('1e5')).toBe('1e5');
  });
});

describe('quantities, as whole shares', () => {
  it('groups by thousands', () => {
    expect(formatQuantity('1500')).toBe('1,500');
    expect(formatQuantity('999')).toBe('999');
    expect(formatQuantity('-1234567')).toBe('-1,234,567');
    expect(formatQuantity('123456789012345678901')).toBe('123,456,789,012,345,678,901');
  });

  it('drops a zero fraction and keeps a real one as it came', () => {
    expect(formatQuantity('1500.00000000')).toBe('1,500');
    expect(formatQuantity('0.5')).toBe('0.5');
    expect(formatQuantity('abc')).toBe('abc');
  });

  it('shows an absent quantity as a dash', () => {
    expect(formatOptionalQuantity(null)).toBe('—');
    expect(formatOptionalQuantity('2000')).toBe('2,000');
  });
});
