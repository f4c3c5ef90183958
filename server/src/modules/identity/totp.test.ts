import { describe, expect, it } from 'vitest';
import { newTotpSecret, totpCode, totpEnrolment, totpStep } from './totp.ts';

describe('TOTP', () => {
  const secret = newTotpSecret();
  const now = new Date('2026-11-21T10:00:15Z');
  const step = Math.floor(now.getTime() / 30_000);

  it('accepts the current code and names its step', () => {
    expect(totpStep(secret, totpCode(secret, now), now)).toBe(step);
  });

  it('accepts one step of drift either side, not two', () => {
    expect(totpStep(secret, totpCode(secret, new Date(now.getTime() - 30_000)), now)).toBe(step - 1);
    expect(totpStep(secret, totpCode(secret, new Date(now.getTime() + 30_000)), now)).toBe(step + 1);
    expect(totpStep(secret, totpCode(secret, new Date(now.getTime() - 90_000)), now)).toBeNull();
  });

  it('refuses malformed codes', () => {
    expect(totpStep(secret, '12345', now)).toBeNull();
    expect(totpStep(secret, 'abcdef', now)).toBeNull();
  });

  it('enrols with an otpauth URI and a QR image', async () => {
    const enrolment = await totpEnrolment(secret, 'admin');
    expect(enrolment.otpauthUri).toMatch(/^otpauth:\/\/totp\/Clearhall:admin\?secret=/);
    expect(enrolment.qrDataUrl.startsWith('data:image/png;base64,')).toBe(true);
  });
});
