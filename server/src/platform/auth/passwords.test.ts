import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { PasswordHasher, assertPasswordPolicy, policyViolation } from './passwords.ts';

describe('password policy', () => {
  it.each([
    ['abc12345', null],
    ['Abcdefgh12345678901x', null],
    ['abc1234', 'length'],
    ['abcdefghij1234567890z', 'length'],
    ['abcdefgh', 'digit'],
    ['12345678', 'letter'],
    ['abc 12345', 'spaces'],
    ['abc\t12345', 'spaces'],
  ] as const)('%s → %s', (password, rule) => {
    expect(policyViolation(password)).toBe(rule);
  });

  it('refuses a password containing the mobile number', () => {
    expect(policyViolation('a13812345678', { mobile: '13812345678' })).toBe('same_as_mobile');
    expect(policyViolation('a13812345678', {})).toBeNull();
  });

  it('counts characters, not UTF-16 units', () => {
    expect(policyViolation('密码密码密码1a')).toBeNull();
  });

  it('throws PASSWORD_POLICY naming the rule', () => {
    try {
      assertPasswordPolicy('short1');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('PASSWORD_POLICY');
      expect((error as AppError).details.rule).toBe('length');
    }
  });
});

describe('argon2id hasher', () => {
  const hasher = new PasswordHasher({ memoryKib: 8192, passes: 1 });

  it('hashes with argon2id and verifies', async () => {
    const hashed = await hasher.hash('abc12345');
    expect(hashed.startsWith('$argon2id$')).toBe(true);
    expect(await hasher.verify(hashed, 'abc12345')).toBe(true);
    expect(await hasher.verify(hashed, 'abc12346')).toBe(false);
  });

  it('answers false without a hash, and for a malformed hash', async () => {
    expect(await hasher.verify(null, 'abc12345')).toBe(false);
    expect(await hasher.verify('not-a-hash', 'abc12345')).toBe(false);
  });
});
