import { describe, expect, it } from 'vitest';
import { mask, MASKING, type MaskedDatum, type MaskView } from './masking.ts';

const views: MaskView[] = ['list', 'detail', 'document', 'public', 'audit', 'staff', 'full'];
const samples: Record<MaskedDatum, string> = {
  idNumber: '11010519491231002X',
  creditCode: '91110000600037341L',
  unifiedAccount: '189900000001',
  securitiesAccount: 'A123456789',
  mobile: '13812345678',
  email: 'zhangsan@example.com',
  bankCard: '6222021234567890123',
  name: '王小明',
  username: 'lihua2026',
};

describe('the masking table', () => {
  it.each([
    ['idNumber', 'list', '1101**********002X'],
    ['idNumber', 'document', '110105********002X'],
    ['idNumber', 'public', '110105********002X'],
    ['creditCode', 'list', '9111**********341L'],
    ['securitiesAccount', 'list', 'A12****789'],
    ['securitiesAccount', 'public', 'A1******89'],
    ['securitiesAccount', 'document', 'A123456789'],
    ['unifiedAccount', 'list', '189******001'],
    ['mobile', 'list', '138****5678'],
    ['mobile', 'audit', '138****5678'],
    ['email', 'list', 'zh***@example.com'],
    ['bankCard', 'list', '6222 **** **** 0123'],
    ['bankCard', 'full', '6222 **** **** 0123'],
    ['name', 'public', '王**'],
    ['name', 'list', '王小明'],
    ['username', 'public', 'li****6'],
  ] as const)('%s in the %s view: %s', (datum, view, shown) => {
    expect(mask(datum, samples[datum], view)).toBe(shown);
  });

  it('shows every datum in full after a step-up, except a bank card, which is never shown whole', () => {
    for (const datum of Object.keys(MASKING) as MaskedDatum[]) {
      if (datum !== 'bankCard') expect(mask(datum, samples[datum], 'full')).toBe(samples[datum]);
    }
  });

  it('never shows an identifier or contact detail whole outside the staff and full views', () => {
    const hidden: MaskedDatum[] = ['idNumber', 'creditCode', 'mobile', 'email', 'bankCard'];
    for (const datum of hidden) for (const view of views.filter((v) => v !== 'staff' && v !== 'full')) expect(mask(datum, samples[datum], view)).not.toBe(samples[datum]);
  });

  it('keeps the length of an account or ID number, so a reader can tell it is the right kind', () => {
    for (const view of views) expect([...mask('securitiesAccount', 'A123456789', view)]).toHaveLength(10);
    for (const view of views) expect([...mask('idNumber', '11010519491231002X', view)]).toHaveLength(18);
  });

  it('hides a value too short to keep its ends whole, and names of one character too', () => {
    expect(mask('idNumber', 'E1234567', 'list')).toBe('****');
    expect(mask('mobile', '1381234', 'list')).toBe('****');
    expect(mask('email', '@example.com', 'list')).toBe('***');
    expect(mask('name', '李', 'public')).toBe('*');
    expect(mask('username', 'ab', 'public')).toBe('****');
  });
});
