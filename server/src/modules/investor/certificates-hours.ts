import type { AppContext } from '../../context.ts';
import type { CertificateErrors } from './certificate-errors.ts';
// Registers the codes' messages (a type-only import would not).
import './certificate-errors.ts';

/** Asia/Shanghai has no daylight saving: UTC+8 all year (Hong Kong shares it). */
const SHANGHAI_OFFSET_MS = 8 * 3600_000;

export function shanghaiTime(now: Date): { date: string; minuteOfDay: number; text: string } {
  const local = new Date(now.getTime() + SHANGHAI_OFFSET_MS);
  const iso = local.toISOString();
  return { date: iso.slice(0, 10), minuteOfDay: local.getUTCHours() * 60 + local.getUTCMinutes(), text: `${iso.slice(0, 10)} ${iso.slice(11, 19)}` };
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
/** "06:00" → "6:00", as the manual writes it */
const asManual = (hhmm: string) => hhmm.replace(/^0(\d)/, '$1');

export interface ProofHours {
  proofHoursStart: string;
  proofHoursEnd: string;
}

export function withinProofHours(hours: ProofHours, now: Date): boolean {
  const minute = shanghaiTime(now).minuteOfDay;
  const from = minutesOf(hours.proofHoursStart);
  const until = minutesOf(hours.proofHoursEnd);
  return from <= until ? minute >= from && minute < until : minute >= from || minute < until;
}

export type Eligibility = { eligible: true } | { eligible: false; code: keyof typeof CertificateErrors; details: Record<string, string> };

/**
 * Who may obtain the "never opened a securities account" proof (manual 000
 * §一.2.2.10): only within the service hours (06:00–21:00 Asia/Shanghai by
 * default); never a user who has bound a unified account; only after real-name
 * verification; and not when the verified person has securities accounts.
 */
export function neverOpenedProofEligibility(
  ctx: Pick<AppContext, 'config'>,
  facts: { now: Date; verified: boolean; hasSecuritiesAccounts: boolean; bound: boolean },
): Eligibility {
  const { proofHoursStart, proofHoursEnd } = ctx.config;
  if (!withinProofHours(ctx.config, facts.now)) {
    return { eligible: false, code: 'PROOF_OUTSIDE_HOURS', details: { closedFrom: asManual(proofHoursEnd), closedUntil: asManual(proofHoursStart) } };
  }
  if (facts.bound) return { eligible: false, code: 'PROOF_BOUND', details: {} };
  if (!facts.verified) return { eligible: false, code: 'PROOF_NOT_VERIFIED', details: {} };
  if (facts.hasSecuritiesAccounts) return { eligible: false, code: 'PROOF_HAS_ACCOUNTS', details: {} };
  return { eligible: true };
}
