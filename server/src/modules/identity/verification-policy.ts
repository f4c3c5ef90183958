/**
 * Which identity-verification methods a purpose offers, and which of them a
 * subject may use (manual 000 §一.2.1.1 (4): 身份认证方式根据证券账户持有人类别有所区分).
 * Pure rules, no I/O. docs/decisions/0007-verification-methods-by-holder-category.md
 * gives the reasons.
 */

export const verificationPurposes = ['real-name', 'bind', 'change-mobile', 'change-email', 'recover-password', 'recover-username', 'deregister'] as const;
export type VerificationPurpose = (typeof verificationPurposes)[number];

/** 通过（开户预留）手机号认证, 通过银联身份认证, 通过交易报盘身份认证, 通过临柜身份认证 — in the manual's order. */
export const verificationMethods = ['reserved_phone', 'unionpay', 'trading', 'counter'] as const;
export type VerificationMethod = (typeof verificationMethods)[number];

export const isVerificationMethod = (value: string): value is VerificationMethod => (verificationMethods as readonly string[]).includes(value);

/** What the rules know of a subject: the user alone, or a registry holder. */
export type SubjectFacts = { kind: 'user' } | { kind: 'person' | 'institution'; category: string; idType: string };

const HOLDER_METHODS: readonly VerificationMethod[] = verificationMethods;

/** Methods each purpose offers for a holder subject; real-name has no holder and uses UnionPay only (§一.2.1.2). */
const byPurpose: Record<VerificationPurpose, readonly VerificationMethod[]> = {
  'real-name': ['unionpay'],
  bind: HOLDER_METHODS,
  'change-mobile': HOLDER_METHODS,
  'change-email': HOLDER_METHODS,
  'recover-password': ['unionpay', 'trading', 'counter'],
  'recover-username': ['unionpay', 'trading', 'counter'],
  deregister: HOLDER_METHODS,
};

/**
 * By holder category:
 * - nominee and collateral accounts (HKSCC, QFII/RQFII, credit and refinancing
 *   collateral) are held for others: only the counter can check who stands behind them;
 * - UnionPay checks a mainland resident ID against a personal bank card: persons with
 *   a resident ID only;
 * - every ordinary holder may use the reserved phone, a marked order and the counter.
 */
export function methodsForSubject(subject: SubjectFacts): VerificationMethod[] {
  if (subject.kind === 'user') return ['unionpay'];
  if (subject.category !== 'ordinary') return ['counter'];
  return HOLDER_METHODS.filter((m) => m !== 'unionpay' || (subject.kind === 'person' && subject.idType === 'resident_id'));
}

export function allowedMethods(purpose: VerificationPurpose, subject: SubjectFacts): VerificationMethod[] {
  const offered = byPurpose[purpose];
  return methodsForSubject(subject).filter((m) => offered.includes(m));
}

/** Verification securities for the marked order of trading-terminal verification, by market. */
export const tradingVerificationSecurity = { SH: '799988', SZ: '369999' } as const;
