import { randomUUID } from 'node:crypto';
import { hash, verify, type Algorithm } from '@node-rs/argon2';

const ARGON2ID = 2 as Algorithm; // const enum member Algorithm.Argon2id
import { AppError, defineErrors } from '../errors.ts';

export const PasswordErrors = defineErrors({
  PASSWORD_POLICY: {
    status: 400,
    zh: '密码不符合要求：须为{minLength}-{maxLength}位，同时包含字母和数字，不能含空格，且不能与手机号相同',
    en: 'The password does not meet the rules: {minLength}-{maxLength} characters with both letters and digits, no spaces, and not the same as the mobile number.',
  },
});

export interface Argon2Cost {
  memoryKib: number;
  passes: number;
}

export class PasswordHasher {
  private dummy?: Promise<string>;

  constructor(private readonly cost: Argon2Cost) {}

  hash(password: string): Promise<string> {
    return hash(password, { algorithm: ARGON2ID, memoryCost: this.cost.memoryKib, timeCost: this.cost.passes, parallelism: 1 });
  }

  /**
   * Checks a password against its hash. Without a hash (no such account) it
   * still spends the time of one verification, so timing tells nothing.
   */
  async verify(hashed: string | null, password: string): Promise<boolean> {
    if (hashed === null) {
      this.dummy ??= this.hash(randomUUID());
      await verify(await this.dummy, password).catch(() => false);
      return false;
    }
    try {
      return await verify(hashed, password);
    } catch {
      return false;
    }
  }
}

/** The one password policy of the portals, stated on every page that sets a password. */
export const passwordPolicy = { minLength: 8, maxLength: 20, requireLetter: true, requireDigit: true, forbidSpaces: true } as const;

export type PolicyRule = 'length' | 'letter' | 'digit' | 'spaces' | 'same_as_mobile';

/** Returns the first rule the password breaks, or null. */
export function policyViolation(password: string, context: { mobile?: string | null } = {}): PolicyRule | null {
  const length = [...password].length;
  if (length < passwordPolicy.minLength || length > passwordPolicy.maxLength) return 'length';
  if (/\s/.test(password)) return 'spaces';
  if (!/[A-Za-z]/.test(password)) return 'letter';
  if (!/[0-9]/.test(password)) return 'digit';
  if (context.mobile && password.includes(context.mobile)) return 'same_as_mobile';
  return null;
}

export function assertPasswordPolicy(password: string, context: { mobile?: string | null } = {}): void {
  const rule = policyViolation(password, context);
  if (rule) throw new AppError('PASSWORD_POLICY', { rule, minLength: passwordPolicy.minLength, maxLength: passwordPolicy.maxLength });
}
