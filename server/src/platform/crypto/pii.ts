import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Personal data at rest: AES-256-GCM ciphertexts, and keyed hashes (HMAC-SHA256)
 * so a phone number or ID number can be looked up without storing it in clear.
 * Both keys are derived from the one configured PII key.
 */
export class PiiVault {
  private readonly encKey: Buffer;
  private readonly hashKey: Buffer;
  private readonly refEncKey: Buffer;
  private readonly refIvKey: Buffer;

  constructor(masterKey: Buffer) {
    if (masterKey.length !== 32) throw new Error('PII key must be 32 bytes');
    this.encKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'clearhall pii encryption', 32));
    this.hashKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'clearhall pii lookup', 32));
    this.refEncKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'clearhall reference encryption', 32));
    this.refIvKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'clearhall reference iv', 32));
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encKey, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join('.');
  }

  decrypt(sealed: string): string {
    const [version, iv, tag, body] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('not a sealed value');
    const decipher = createDecipheriv('aes-256-gcm', this.encKey, Buffer.from(iv, 'base64'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
  }

  /** Look-up hash of a normalised value; `kind` keeps equal strings of different kinds apart. */
  lookupHash(kind: string, value: string): string {
    return createHmac('sha256', this.hashKey).update(`${kind}\u0000${value}`).digest('base64url');
  }

  /**
   * An opaque reference to an identifier, for URLs and requests instead of the identifier itself
   * (docs/decisions/0024-opaque-account-references-and-route-logs.md). Deterministic (the same value always gives the same reference, so a
   * page's link and a select's value agree) and reversible only with the key: AES-256-CTR under a synthetic IV, the HMAC of
   * `kind` and value (SIV construction), which `openReference` recomputes to authenticate. base64url, no padding.
   */
  reference(kind: string, value: string): string {
    const iv = this.referenceIv(kind, value);
    const cipher = createCipheriv('aes-256-ctr', this.refEncKey, iv);
    return Buffer.concat([iv, cipher.update(value, 'utf8'), cipher.final()]).toString('base64url');
  }

  /** The value behind a reference of this kind, or null when it is not one (altered, another kind, another key). */
  openReference(kind: string, reference: string): string | null {
    const bytes = Buffer.from(reference, 'base64url');
    if (bytes.length <= 16 || bytes.toString('base64url') !== reference) return null;
    const iv = bytes.subarray(0, 16);
    const decipher = createDecipheriv('aes-256-ctr', this.refEncKey, iv);
    const value = Buffer.concat([decipher.update(bytes.subarray(16)), decipher.final()]).toString('utf8');
    return timingSafeEqual(iv, this.referenceIv(kind, value)) ? value : null;
  }

  private referenceIv(kind: string, value: string): Buffer {
    return createHmac('sha256', this.refIvKey).update(`${kind}\u0000${value}`).digest().subarray(0, 16);
  }
}
