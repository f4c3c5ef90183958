import { describe, expect, it } from 'vitest';
import { allowedMethods, methodsForSubject } from './verification-policy.ts';

describe('verification methods by holder category', () => {
  it('offers all four methods to a person with a resident ID', () => {
    expect(methodsForSubject({ kind: 'person', category: 'ordinary', idType: 'resident_id' })).toEqual(['reserved_phone', 'unionpay', 'trading', 'counter']);
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
    expect(allowedMethods('recover-password', { kind: 'person', category: 'ordinary', idType: 'resident_id' })).toEqual(['unionpay', 'trading', 'counter']);
  });
});
