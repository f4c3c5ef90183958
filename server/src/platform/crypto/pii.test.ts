import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PiiVault } from './pii.ts';

describe('personal data vault', () => {
  const vault = new PiiVault(randomBytes(32));

  it('round-trips and never repeats a ciphertext', () => {
    const a = vault.encrypt('13812345678');
    const b = vault.encrypt('13812345678');
    expect(a).not.toBe(b);
    expect(vault.decrypt(a)).toBe('13812345678');
  });

  it('detects a tampered ciphertext', () => {
    const sealed = vault.encrypt('11010519491231002X');
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64');
    expect(() => vault.decrypt(parts.join('.'))).toThrow();
  });

  it('look-up hashes are stable, keyed and kind-separated', () => {
    expect(vault.lookupHash('mobile', '13812345678')).toBe(vault.lookupHash('mobile', '13812345678'));
    expect(vault.lookupHash('mobile', '13812345678')).not.toBe(vault.lookupHash('email', '13812345678'));
    expect(new PiiVault(randomBytes(32)).lookupHash('mobile', '13812345678')).not.toBe(vault.lookupHash('mobile', '13812345678'));
  });

  it('references are stable, opaque, kind-separated and refuse tampering', () => {
    const ref = vault.reference('securitiesAccount', 'A990000001');
    expect(ref).toBe(vault.reference('securitiesAccount', 'A990000001'));
    expect(ref).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(ref).not.toContain('990000001');
    expect(vault.openReference('securitiesAccount', ref)).toBe('A990000001');
    expect(vault.reference('securitiesAccount', 'A990000002')).not.toBe(ref);
    expect(vault.openReference('unifiedAccount', ref)).toBeNull();
    expect(new PiiVault(randomBytes(32)).openReference('securitiesAccount', ref)).toBeNull();
    const flipped = Buffer.from(ref, 'base64url');
    flipped[flipped.length - 1]! ^= 1;
    expect(vault.openReference('securitiesAccount', flipped.toString('base64url'))).toBeNull();
    for (const junk of ['', 'A990000001', '@@@', 'x'.repeat(40)]) expect(vault.openReference('securitiesAccount', junk)).toBeNull();
  });
});
