import type { AppContext } from '../../context.ts';
import { withinBeijingHours } from '../../kernel/time.ts';
import type { CertificateErrors } from './certificate-errors.ts';
// Registers the codes' messages (a type-only import would not).
import './certificate-errors.ts';

/** "06:00" → "6:00", as the manual writes it */
const asManual = (hhmm: string) => hhmm.replace(/^0(\d)/, '$1');

export interface ProofHours {
  proofHoursStart: string;
  proofHoursEnd: string;
}

export function withinProofHours(hours: ProofHours, now: Date): boolean {
  return withinBeijingHours({ from: hours.proofHoursStart, until: hours.proofHoursEnd }, now);
}

export type Eligibility = { eligible: true } | { eligible: false; code: keyof typeof CertificateErrors; details: Record<string, string> };

/**
 * Who may obtain the "never opened a securities account" proof (manual 000
 * §一.2.2.10): only within the service hours (06:00–21:00 Asia/Shanghai by
 * default); never a user who has bound a unified account; only after real-name
 * verification; and not when the verified person has securities accounts.
 */
export function neverOpenedProofEligibility(ctx: Pick<AppContext, 'config'>, facts: { now: Date; verified: boolean; hasSecuritiesAccounts: boolean; bound: boolean }): Eligibility {
  const { proofHoursStart, proofHoursEnd } = ctx.config;
  if (!withinProofHours(ctx.config, facts.now)) {
    return { eligible: false, code: 'PROOF_OUTSIDE_HOURS', details: { closedFrom: asManual(proofHoursEnd), closedUntil: asManual(proofHoursStart) } };
  }
  if (facts.bound) return { eligible: false, code: 'PROOF_BOUND', details: {} };
  if (!facts.verified) return { eligible: false, code: 'PROOF_NOT_VERIFIED', details: {} };
  if (facts.hasSecuritiesAccounts) return { eligible: false, code: 'PROOF_HAS_ACCOUNTS', details: {} };
  return { eligible: true };
}
