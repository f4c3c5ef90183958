/**
 * A scanner for personal data left in clear (issue 12 item 7): valid resident ID numbers (GB 11643 check character, province
 * and birth date), mainland mobile numbers, bank card numbers (Luhn) and securities account numbers (the formats of
 * `kernel/identifiers.ts`). It reads log lines and API responses; masked values never match, as their asterisks break the
 * digits, and neither do UUIDs, hashes, timestamps, decimals or opaque references: a value counts only when no letter or
 * digit touches it on either side and it is not part of a decimal number.
 *
 * Used by the integration tests' log capture (`test/context.ts`, checked after every test file by
 * `test/personal-data-setup.ts`) and by the e2e support, which scans the API responses a page receives.
 */
import { luhnValid, validateResidentId, validateShanghaiAccount, validateShenzhenAccount, validateUnifiedSocialCreditCode } from '../server/src/kernel/identifiers.ts';

export type PersonalDatum = 'idNumber' | 'mobile' | 'bankCard' | 'securitiesAccount';

export interface PersonalDataHit {
  datum: PersonalDatum;
  value: string;
  /** up to 60 characters either side, the value itself masked, to find where it came from */
  context: string;
}

/**
 * Not touched by a letter or a digit on either side, nor part of a decimal number (so a run inside a hash, a UUID, a longer
 * number or the fraction of a response time never counts).
 */
const alone = (body: string) => new RegExp(`(?<![0-9A-Za-z]|[0-9]\\.)${body}(?![0-9A-Za-z]|\\.[0-9])`, 'g');

const PATTERNS: ReadonlyArray<{ datum: PersonalDatum; pattern: RegExp; valid: (value: string) => boolean }> = [
  { datum: 'idNumber', pattern: alone('\\d{17}[\\dXx]'), valid: (v) => validateResidentId(v).ok },
  { datum: 'mobile', pattern: alone('1[3-9]\\d{9}'), valid: () => true },
  {
    datum: 'bankCard',
    // Issuer ranges of the card schemes the platform meets (UnionPay 62, Visa 4, Mastercard 5, Amex/JCB 3) and the Luhn check;
    // an 18-digit value that is a resident ID or a credit code is reported as such, not as a card.
    pattern: alone('[3-6]\\d{15,18}'),
    valid: (v) => luhnValid(v) && !validateResidentId(v).ok && !validateUnifiedSocialCreditCode(v).ok,
  },
  { datum: 'securitiesAccount', pattern: alone('[ABCDF]\\d{9}'), valid: (v) => validateShanghaiAccount(v).ok },
  { datum: 'securitiesAccount', pattern: alone('(?:00|01|08|20)\\d{8}'), valid: (v) => validateShenzhenAccount(v).ok },
];

/** Every unmasked personal datum in the text. */
export function findPersonalData(text: string): PersonalDataHit[] {
  const hits: PersonalDataHit[] = [];
  for (const { datum, pattern, valid } of PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const value = match[0];
      if (!valid(value)) continue;
      const at = match.index;
      const context = `${text.slice(Math.max(0, at - 60), at)}<${datum}>${text.slice(at + value.length, at + value.length + 60)}`;
      hits.push({ datum, value, context });
    }
  }
  return hits;
}

/** Hits collected over a run (a test file's logs, an e2e spec's responses), with how much was read. */
export class PersonalDataScan {
  readonly hits: (PersonalDataHit & { source: string })[] = [];
  scanned = 0;

  scan(source: string, text: string): void {
    this.scanned++;
    for (const hit of findPersonalData(text)) this.hits.push({ ...hit, source });
  }

  /** One line per hit, for a failing assertion's message. */
  report(): string {
    return this.hits.map((h) => `${h.datum} in ${h.source}: …${h.context}…`).join('\n');
  }
}
