import { describe, expect, it } from 'vitest';
import { localName } from './local-name.ts';

describe('localName', () => {
  const signing = { typeNameZh: '风险揭示书', typeNameEn: 'Risk disclosure' };

  it('gives the Chinese text for any Chinese interface language', () => {
    expect(localName(signing, 'typeName', 'zh-CN')).toBe('风险揭示书');
    expect(localName(signing, 'typeName', 'zh')).toBe('风险揭示书');
  });

  it('gives the English text otherwise', () => {
    expect(localName(signing, 'typeName', 'en')).toBe('Risk disclosure');
  });
});
