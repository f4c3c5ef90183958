import { authenticator } from 'otplib';
import QRCode from 'qrcode';

const STEP_SECONDS = 30;
const ISSUER = 'Clearhall';

export function newTotpSecret(): string {
  return authenticator.generateSecret(20);
}

/**
 * The time step a code belongs to (this step or one either side, for clock
 * drift), or null when it is wrong. Callers refuse a step already used, so a
 * code cannot be replayed.
 */
export function totpStep(secret: string, code: string, now: Date): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const checker = authenticator.clone({ epoch: now.getTime(), window: 1 });
  const delta = checker.checkDelta(code, secret);
  if (delta === null) return null;
  return Math.floor(now.getTime() / 1000 / STEP_SECONDS) + delta;
}

export function totpCode(secret: string, now: Date): string {
  return authenticator.clone({ epoch: now.getTime() }).generate(secret);
}

export async function totpEnrolment(secret: string, account: string) {
  const otpauthUri = authenticator.keyuri(account, ISSUER, secret);
  return { secret, otpauthUri, qrDataUrl: await QRCode.toDataURL(otpauthUri, { margin: 1, width: 200 }) };
}
