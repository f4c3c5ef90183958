/**
 * Which identity-verification methods a purpose offers, and which of them a
 * subject may use (manual 000 §一.2.1.1 (4): 身份认证方式根据证券账户持有人类别有所区分).
 * Pure rules, no I/O. docs/decisions/0007-verification-methods-by-holder-category.md
 * and 0013-one-verification-framework.md give the reasons.
 */

export const verificationPurposes = ['real-name', 'bind', 'change-mobile', 'change-email', 'recover-password', 'recover-username', 'deregister'] as const;
export type VerificationPurpose = (typeof verificationPurposes)[number];

/**
 * 通过手机号认证, 通过电子邮箱认证 (a code to the user's own registered phone or
 * mailbox), then 通过（开户预留）手机号认证, 通过银联身份认证, 通过交易报盘身份认证,
 * 通过临柜身份认证 — in the manual's order.
 */
export const verificationMethods = ['user_mobile', 'user_email', 'reserved_phone', 'unionpay', 'trading', 'counter'] as const;
export type VerificationMethod = (typeof verificationMethods)[number];

export const isVerificationMethod = (value: string): value is VerificationMethod => (verificationMethods as readonly string[]).includes(value);

/** The user's own registered contacts, which the own-code methods send to. */
export interface OwnContacts {
  mobile: boolean;
  email: boolean;
}

/**
 * What the rules know of a subject: the user alone (not real-name verified), a
 * real-name verified user not bound to a holder ('identity'), or a registry holder.
 */
export type SubjectFacts =
  ({ kind: 'user' } & Partial<OwnContacts>) | ({ kind: 'identity'; idType: string } & Partial<OwnContacts>) | ({ kind: 'person' | 'institution'; category: string; idType: string } & Partial<OwnContacts>);

type SubjectClass = 'user' | 'identity' | 'holder';

const OWN: readonly VerificationMethod[] = ['user_mobile', 'user_email'];
const HOLDER: readonly VerificationMethod[] = ['reserved_phone', 'unionpay', 'trading', 'counter'];

/**
 * Methods each purpose offers, by subject class. Own codes prove the hall
 * account's phone or mailbox; UnionPay proves a resident ID (against the user's
 * verified identity or the holder's); the holder methods need a holder.
 * - change of mobile or e-mail: bound users the four holder methods (§一.2.1.4 (3));
 *   others their own codes, and UnionPay once real-name verified;
 * - password recovery: §一.3.1 own codes; §一.3.2 plus UnionPay; §一.3.3 own codes,
 *   UnionPay, trading and counter;
 * - deregistration: 手机号认证（推荐）等方式 — own codes first, then what the subject allows;
 * - user-name recovery (§一.5.1): UnionPay only.
 */
const byPurpose: Record<VerificationPurpose, Record<SubjectClass, readonly VerificationMethod[]>> = {
  'real-name': { user: ['unionpay'], identity: [], holder: [] },
  bind: { user: [], identity: [], holder: HOLDER },
  'change-mobile': { user: OWN, identity: [...OWN, 'unionpay'], holder: HOLDER },
  'change-email': { user: OWN, identity: [...OWN, 'unionpay'], holder: HOLDER },
  'recover-password': { user: OWN, identity: [...OWN, 'unionpay'], holder: [...OWN, 'unionpay', 'trading', 'counter'] },
  'recover-username': { user: [], identity: ['unionpay'], holder: ['unionpay'] },
  deregister: { user: OWN, identity: [...OWN, 'unionpay'], holder: [...OWN, ...HOLDER] },
};

const classOf = (subject: SubjectFacts): SubjectClass => (subject.kind === 'user' || subject.kind === 'identity' ? subject.kind : 'holder');

/**
 * By subject:
 * - own codes need the contact on the user's record;
 * - nominee and collateral accounts (HKSCC, QFII/RQFII, credit and refinancing
 *   collateral) are held for others: of the holder methods only the counter can check
 *   who stands behind them;
 * - UnionPay checks a mainland resident ID against a personal bank card: persons
 *   (or verified identities) with a resident ID only;
 * - every ordinary holder may use the reserved phone, a marked order and the counter.
 */
export function methodsForSubject(subject: SubjectFacts): VerificationMethod[] {
  return verificationMethods.filter((m) => {
    if (m === 'user_mobile') return subject.mobile === true;
    if (m === 'user_email') return subject.email === true;
    if (subject.kind === 'user') return m === 'unionpay';
    if (subject.kind === 'identity') return m === 'unionpay' && subject.idType === 'resident_id';
    if (subject.category !== 'ordinary') return m === 'counter';
    return m !== 'unionpay' || (subject.kind === 'person' && subject.idType === 'resident_id');
  });
}

export function allowedMethods(purpose: VerificationPurpose, subject: SubjectFacts): VerificationMethod[] {
  const offered = byPurpose[purpose][classOf(subject)];
  return methodsForSubject(subject).filter((m) => offered.includes(m));
}

/** Verification securities for the marked order of trading-terminal verification, by market. */
export const tradingVerificationSecurity = { SH: '799988', SZ: '369999' } as const;
