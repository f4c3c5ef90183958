import { describe, expect, it } from 'vitest';
import { allowedMethods, methodsForSubject } from './verification-policy.ts';

const person = { kind: 'person' as const, category: 'ordinary', idType: 'resident_id' };

describe('verification methods by holder category', () => {
  it('offers all four holder methods to a person with a resident ID', () => {
    expect(methodsForSubject(person)).toEqual(['reserved_phone', 'unionpay', 'trading', 'counter']);
  });
  it('leaves out UnionPay for institutions and persons without a resident ID', () => {
    expect(methodsForSubject({ kind: 'institution', category: 'ordinary', idType: 'unified_social_credit_code' })).toEqual(['reserved_phone', 'trading', 'counter']);
    expect(methodsForSubject({ kind: 'person', category: 'ordinary', idType: 'passport' })).toEqual(['reserved_phone', 'trading', 'counter']);
  });
  it('sends nominee and collateral holders to the counter', () => {
    for (const category of ['nominee_hkscc', 'nominee_qfii', 'credit_collateral', 'refinancing_collateral']) {
      expect(methodsForSubject({ kind: 'institution', category, idType: 'unified_social_credit_code' })).toEqual(['counter']);
    }
  });
  it('real-name verification uses UnionPay only, and purposes narrow the list', () => {
    expect(allowedMethods('real-name', { kind: 'user' })).toEqual(['unionpay']);
    expect(allowedMethods('recover-password', { ...person, mobile: true, email: true })).toEqual(['user_mobile', 'user_email', 'unionpay', 'trading', 'counter']);
  });
});

describe('own codes and the profile purposes', () => {
  it('offers own codes only for the contacts the user has', () => {
    expect(allowedMethods('change-mobile', { kind: 'user', mobile: true, email: false })).toEqual(['user_mobile']);
    expect(allowedMethods('recover-password', { kind: 'user', mobile: false, email: true })).toEqual(['user_email']);
    expect(allowedMethods('real-name', { kind: 'user', mobile: true, email: true })).toEqual(['unionpay']);
  });
  it('a bound user changes contacts with the four holder methods (§一.2.1.4 (3))', () => {
    expect(allowedMethods('change-mobile', { ...person, mobile: true, email: true })).toEqual(['reserved_phone', 'unionpay', 'trading', 'counter']);
    expect(allowedMethods('change-email', { kind: 'institution', category: 'nominee_hkscc', idType: 'unified_social_credit_code', mobile: true })).toEqual(['counter']);
  });
  it('a verified user without binding adds UnionPay (§一.3.2), when the ID is a resident ID', () => {
    expect(allowedMethods('recover-password', { kind: 'identity', idType: 'resident_id', mobile: true, email: true })).toEqual(['user_mobile', 'user_email', 'unionpay']);
    expect(allowedMethods('change-mobile', { kind: 'identity', idType: 'passport', mobile: true })).toEqual(['user_mobile']);
    expect(allowedMethods('recover-username', { kind: 'identity', idType: 'resident_id', mobile: true })).toEqual(['unionpay']);
  });
  it('deregistration recommends the phone first, then what the subject allows', () => {
    expect(allowedMethods('deregister', { ...person, mobile: true, email: true })).toEqual(['user_mobile', 'user_email', 'reserved_phone', 'unionpay', 'trading', 'counter']);
    expect(allowedMethods('deregister', { kind: 'user', mobile: true })).toEqual(['user_mobile']);
  });
});
