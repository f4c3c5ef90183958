import { createPrivateKey, X509Certificate } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { byteFlips, publicKeyInfo, swapSignerKeys } from '../../../../test/tampering.ts';
import { generateDemoIdentity, type SigningIdentity } from './identity.ts';
import { signDetached, verifyDetached } from './pkcs7.ts';

describe('verifyDetached', () => {
  let identity: SigningIdentity;
  let signature: Buffer;
  const content = Buffer.from('%PDF-1.7 the signed bytes of a certificate');

  beforeAll(() => {
    const { keyPem, chainPem } = generateDemoIdentity();
    const pems = chainPem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g)!;
    const certificate = new X509Certificate(pems[0]!);
    identity = { key: createPrivateKey(keyPem), chainPem: pems, certificate, certificateDer: certificate.raw, fingerprint: '', subject: certificate.subject, demo: true };
    signature = signDetached(identity, content, new Date('2026-11-20T02:00:00Z'));
  });

  it('accepts the genuine signature', () => {
    expect(verifyDetached(signature, content, identity.certificate)).toMatchObject({ valid: true, signingTime: new Date('2026-11-20T02:00:00Z') });
  });

  it.each(['ed25519', 'x25519', 'ed448', 'ec', 'dsa'] as const)('answers "not valid", without throwing, when the signer certificate carries a %s key', (type) => {
    const swapped = swapSignerKeys(signature, publicKeyInfo(type));
    expect(verifyDetached(swapped, content, identity.certificate)).toMatchObject({ valid: false });
  });

  it('never throws over 2000 random byte flips of the signature', () => {
    for (const { at, mutated } of byteFlips(signature, 2000, 20261205)) {
      expect(() => verifyDetached(mutated, content, identity.certificate), `flip at ${at}`).not.toThrow();
    }
  });

  it('never calls valid a signature whose signer certificate or signature value was flipped', () => {
    // Other bytes (the issuer's certificate, unsigned fields) are not what the check relies on.
    const signer = signature.indexOf(identity.certificate.raw);
    const inSigner = byteFlips(signature, 300, 7, signer, signer + identity.certificate.raw.length);
    const inValue = byteFlips(signature, 100, 8, signature.length - 256);
    for (const { at, mutated } of [...inSigner, ...inValue]) expect(verifyDetached(mutated, content, identity.certificate).valid, `flip at ${at}`).toBe(false);
    expect(verifyDetached(signature, Buffer.concat([content, Buffer.from(' ')]), identity.certificate)).toMatchObject({ valid: false, reason: 'digest_mismatch' });
  });

  it('never throws for truncated, extended or arbitrary input', () => {
    for (let length = 0; length < signature.length; length += 7) expect(verifyDetached(signature.subarray(0, length), content, identity.certificate).valid).toBe(false);
    expect(verifyDetached(Buffer.concat([signature, Buffer.from('trailing')]), content, identity.certificate)).toBeDefined();
    for (const junk of [Buffer.alloc(0), Buffer.from([0x30]), Buffer.from([0x30, 0x84, 0xff, 0xff, 0xff, 0xff]), Buffer.from('not der at all')]) {
      expect(verifyDetached(junk, content, identity.certificate)).toMatchObject({ valid: false, reason: 'malformed' });
    }
  });
});
