import { describe, expect, it } from 'vitest';
import { localeOf } from './locale.ts';

describe('localeOf', () => {
  it.each([
    [undefined, 'zh-CN'],
    ['zh-CN,zh;q=0.9', 'zh-CN'],
    ['en-US,en;q=0.8', 'en'],
    ['zh-HK', 'zh-HK'],
    ['zh-Hant-TW', 'zh-HK'],
    ['fr', 'zh-CN'],
  ])('%s → %s', (header, locale) => {
    expect(localeOf(header)).toBe(locale);
  });
});
