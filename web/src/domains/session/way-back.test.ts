import { describe, expect, it } from 'vitest';
import { wayBackTo } from './way-back.ts';

describe('wayBackTo', () => {
  it('returns the person whose page it was to that page', () => {
    expect(wayBackTo({ from: '/query/holdings', owner: 'a' }, 'a')).toBe('/query/holdings');
  });

  it('does not send the next person to the previous one’s page (after 退出 or 注销)', () => {
    expect(wayBackTo({ from: '/user/deregister', owner: 'a' }, 'b')).toBeNull();
  });

  it('takes anyone to a page opened while nobody was signed in (a link followed before signing in)', () => {
    expect(wayBackTo({ from: '/query/holdings', owner: null }, 'b')).toBe('/query/holdings');
  });

  it('has nothing to offer without a way back', () => {
    expect(wayBackTo(null, 'a')).toBeNull();
    expect(wayBackTo({ from: 42 }, 'a')).toBeNull();
  });
});
