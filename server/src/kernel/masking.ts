/**
 * The one masking policy: per datum and per view, what of a value is shown. Every API response, document and audit entry
 * that shows personal data masks it here, with `mask(datum, value, view)`; nothing else writes asterisks.
 *
 * Views:
 * - `list`     the investor's own lists and forms (accounts, bound identities, step-up destinations);
 * - `detail`   the investor's own detail pages, before a step-up;
 * - `document` issued documents (PDF certificates), which travel beyond the platform;
 * - `public`   anyone not yet proven to be the person: the certificate verification page, the account-recovery lists;
 * - `audit`    the audit trail, kept for years: never a whole contact detail or personal identifier;
 * - `staff`    staff consoles (staff are authorised and audited, and their work needs the whole value);
 * - `full`     after a step-up verification, the investor sees their own data in full.
 */

export type MaskView = 'list' | 'detail' | 'document' | 'public' | 'audit' | 'staff' | 'full';

export type MaskedDatum = 'idNumber' | 'creditCode' | 'unifiedAccount' | 'securitiesAccount' | 'mobile' | 'email' | 'bankCard' | 'name' | 'username';

/**
 * How a value is shown: in full; its first `head` and last `tail` characters around asterisks (one per hidden character, at
 * most `maxStars`, or always `stars`); its first character only; an e-mail's first two characters and domain; a bank card's
 * first and last four digits in groups.
 */
export type MaskRule = { show: 'all' } | { show: 'ends'; head: number; tail: number; stars?: number; maxStars?: number } | { show: 'initial' } | { show: 'email' } | { show: 'card' };

const all: MaskRule = { show: 'all' };
const ends = (head: number, tail: number, stars?: { stars?: number; maxStars?: number }): MaskRule => ({ show: 'ends', head, tail, ...stars });

const ID_LIST = ends(4, 4); // 1101**********1234
const ID_DOCUMENT = ends(6, 4); // 110105********1234, as certificates print it
const ACCOUNT_LIST = ends(3, 3); // A99****001
const ACCOUNT_PUBLIC = ends(2, 2); // A9******01
const MOBILE = ends(3, 4, { stars: 4 }); // 138****5678

export const MASKING: Record<MaskedDatum, Record<MaskView, MaskRule>> = {
  idNumber: { list: ID_LIST, detail: ID_LIST, document: ID_DOCUMENT, public: ID_DOCUMENT, audit: ID_DOCUMENT, staff: all, full: all },
  creditCode: { list: ID_LIST, detail: ID_LIST, document: ID_DOCUMENT, public: ID_DOCUMENT, audit: ID_DOCUMENT, staff: all, full: all },
  unifiedAccount: { list: ACCOUNT_LIST, detail: ACCOUNT_LIST, document: all, public: ACCOUNT_PUBLIC, audit: all, staff: all, full: all },
  securitiesAccount: { list: ACCOUNT_LIST, detail: ACCOUNT_LIST, document: all, public: ACCOUNT_PUBLIC, audit: all, staff: all, full: all },
  mobile: { list: MOBILE, detail: MOBILE, document: MOBILE, public: MOBILE, audit: MOBILE, staff: all, full: all },
  email: { list: { show: 'email' }, detail: { show: 'email' }, document: { show: 'email' }, public: { show: 'email' }, audit: { show: 'email' }, staff: all, full: all },
  bankCard: { list: { show: 'card' }, detail: { show: 'card' }, document: { show: 'card' }, public: { show: 'card' }, audit: { show: 'card' }, staff: { show: 'card' }, full: { show: 'card' } },
  name: { list: all, detail: all, document: all, public: { show: 'initial' }, audit: { show: 'initial' }, staff: all, full: all },
  username: { list: all, detail: all, document: all, public: ends(2, 1, { maxStars: 4 }), audit: all, staff: all, full: all },
};

/** A value too short to keep its ends and still hide something is hidden whole. */
const HIDDEN = '****';

function apply(rule: MaskRule, value: string): string {
  switch (rule.show) {
    case 'all':
      return value;
    case 'ends': {
      const chars = [...value];
      const hidden = chars.length - rule.head - rule.tail;
      if (hidden < 1) return HIDDEN;
      const stars = rule.stars ?? Math.min(hidden, rule.maxStars ?? hidden);
      return `${chars.slice(0, rule.head).join('')}${'*'.repeat(stars)}${rule.tail ? chars.slice(-rule.tail).join('') : ''}`;
    }
    case 'initial': {
      const chars = [...value.trim()];
      return chars.length <= 1 ? '*' : chars[0]! + '*'.repeat(chars.length - 1);
    }
    case 'email': {
      const at = value.indexOf('@');
      return at < 1 ? '***' : `${value.slice(0, Math.min(2, at))}***${value.slice(at)}`;
    }
    case 'card':
      return value.length < 12 ? HIDDEN : `${value.slice(0, 4)} **** **** ${value.slice(-4)}`;
  }
}

/** A datum as the view may show it (the one masking table, `MASKING`). */
export function mask(datum: MaskedDatum, value: string, view: MaskView): string {
  return apply(MASKING[datum][view], value);
}
