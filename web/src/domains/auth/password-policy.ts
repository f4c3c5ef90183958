/** States the password policy from the server's numbers, and checks a password against it. */
import type { TFunction } from 'i18next';
import type { PasswordPolicy } from './api.ts';

export type PolicyRule = 'length' | 'letter' | 'digit' | 'spaces';

export function describePolicy(policy: PasswordPolicy, t: TFunction): string {
  const parts = [t('investor:policy.length', { min: policy.minLength, max: policy.maxLength })];
  if (policy.requireLetter && policy.requireDigit) parts.push(t('investor:policy.letterAndDigit'));
  else if (policy.requireLetter) parts.push(t('investor:policy.letter'));
  else if (policy.requireDigit) parts.push(t('investor:policy.digit'));
  if (policy.forbidSpaces) parts.push(t('investor:policy.noSpaces'));
  return t('investor:policy.hint', { rules: parts.join(t('investor:policy.separator')) });
}

export function brokenRule(policy: PasswordPolicy, password: string): PolicyRule | null {
  if (policy.forbidSpaces && /\s/.test(password)) return 'spaces';
  if (password.length < policy.minLength || password.length > policy.maxLength) return 'length';
  if (policy.requireLetter && !/[A-Za-z]/.test(password)) return 'letter';
  if (policy.requireDigit && !/\d/.test(password)) return 'digit';
  return null;
}

/** A message for the field, or null when the password meets the policy (or it is not known yet). */
export function policyProblem(policy: PasswordPolicy | undefined, password: string, t: TFunction): string | null {
  if (!policy || !password) return null;
  const rule = brokenRule(policy, password);
  return rule ? t(`investor:policy.errors.${rule}`, { min: policy.minLength, max: policy.maxLength }) : null;
}
