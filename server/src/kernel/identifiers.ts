/**
 * Identifier rules of the registry (DOMAIN.md, "Identifiers"): pure functions, no I/O.
 *
 * Every validator takes what a person typed and returns either the normalised value or a
 * stable reason code that the one error-message table can turn into zh-CN and English:
 *
 *   validateResidentId(' 11010519491231002x ') → { ok: true, value: '11010519491231002X' }
 *   validateResidentId('110105194913310021')   → { ok: false, reason: 'birth_date' }
 *
 * Normalising (DOMAIN.md, "Any typed identifier"), for identifiers, never for PINs or passwords:
 * `normaliseIdentifier` alone, before every check and every look-up. Unicode NFKC, so full-width
 * digits, letters and brackets typed with a Chinese input method become ASCII; every space
 * dropped, inside or around (ideographic ones too); letters upper-cased, so a lower-case x
 * becomes X. Bank cards and mobile numbers, commonly written in groups, also drop dashes.
 *
 * Checks run in a fixed order so the reason is predictable: length, then characters, then
 * prefix/structure (address code, birth date), then the check character last.
 */

import { beijingDate } from './time.ts';

export const idReasons = [
  'length', // wrong number of characters (also: empty)
  'charset', // a character that cannot appear there
  'prefix', // the leading letter(s)/digits name no known kind
  'address_code', // GB 11643 address code: not a mainland province (resident ID) or not 810000/820000/830000 (residence permit)
  'birth_date', // GB 11643 birth date: not a calendar date, in the future, or before 1850
  'check_digit', // the check character does not match
  'composition', // a password lacking letters or digits
] as const;
export type IdReason = (typeof idReasons)[number];

export type IdResult<Extra extends object = object> = ({ ok: true; value: string } & Extra) | { ok: false; reason: IdReason };

const fail = (reason: IdReason) => ({ ok: false, reason }) as const;
const pass = (value: string) => ({ ok: true, value }) as const;

/**
 * A typed identifier (ID number, credit code, unified or securities account, mobile, security code) as it is
 * checked, stored and looked up: full-width characters become half-width, every space is dropped, letters
 * become upper case (a lower-case x becomes X). The one normaliser: every validator below starts with it.
 */
export const normaliseIdentifier = (raw: string) => raw.normalize('NFKC').replace(/\s+/g, '').toUpperCase();

/** NFKC and trimmed, case and inner spaces kept: for names a person chose (a CCASS internet user id), not identifiers. */
const trimmedNfkc = (raw: string) => raw.normalize('NFKC').trim();
const DIGITS = /^\d+$/;

// ---------------------------------------------------------------------------------------------
// ID document types

export const idTypes = {
  resident_id: '居民身份证',
  residence_permit_hmt: '港澳台居民居住证',
  travel_permit_hk_macao: '港澳居民来往内地通行证',
  travel_permit_taiwan: '台湾居民来往大陆通行证',
  passport: '护照',
  foreign_permanent_residence: '外国人永久居留身份证',
  unified_social_credit_code: '统一社会信用代码',
} as const;
export type IdType = keyof typeof idTypes;
export const idTypeKeys = Object.keys(idTypes) as IdType[];

export const idTypeNamesEn: Record<IdType, string> = {
  resident_id: 'Resident identity card',
  residence_permit_hmt: 'Residence permit for Hong Kong, Macao and Taiwan residents',
  travel_permit_hk_macao: 'Mainland travel permit for Hong Kong and Macao residents',
  travel_permit_taiwan: 'Mainland travel permit for Taiwan residents',
  passport: 'Passport',
  foreign_permanent_residence: "Foreigner's permanent residence ID card",
  unified_social_credit_code: 'Unified social credit code',
};

export const isIdType = (value: string): value is IdType => Object.hasOwn(idTypes, value);

/** One entry point for "document type + number" forms. `today` only matters for GB 11643 birth dates. */
export function validateIdNumber(idType: IdType, value: string, today: Date = new Date()): IdResult {
  switch (idType) {
    case 'resident_id':
      return validateResidentId(value, today);
    case 'residence_permit_hmt':
      return validateResidencePermitHmt(value, today);
    case 'travel_permit_hk_macao':
      return validateTravelPermitHkMacao(value);
    case 'travel_permit_taiwan':
      return validateTravelPermitTaiwan(value);
    case 'passport':
      return validatePassport(value);
    case 'foreign_permanent_residence':
      return validateForeignPermanentResidence(value);
    case 'unified_social_credit_code':
      return validateUnifiedSocialCreditCode(value);
  }
}

/**
 * An ID number as stored and looked up for its type: the validator's value when it is valid (a Taiwan permit's
 * re-issue mark gets its brackets), otherwise `normaliseIdentifier`'s, so a look-up of an invalid number still
 * compares like with like and simply finds nothing.
 */
export function normaliseIdNumber(idType: string, raw: string, today: Date = new Date()): string {
  if (!isIdType(idType)) return normaliseIdentifier(raw);
  const checked = validateIdNumber(idType, raw, today);
  return checked.ok ? checked.value : normaliseIdentifier(raw);
}

// ---------------------------------------------------------------------------------------------
// GB 11643 (resident ID, HK/Macao/Taiwan residence permit, 2023 permanent residence card)

const GB11643_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const GB11643_CHECK = '10X98765432';

/** The check character (ISO 7064 MOD 11-2) for a 17-digit body. */
export function gb11643CheckChar(body17: string): string {
  if (!/^\d{17}$/.test(body17)) throw new RangeError('a GB 11643 body is 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body17[i]) * GB11643_WEIGHTS[i]!;
  return GB11643_CHECK[sum % 11]!;
}

/**
 * Province-level codes of GB/T 2260 on the mainland, the first two digits of a resident ID's address
 * code (DOMAIN.md: 11–65):
 * 11 Beijing, 12 Tianjin, 13 Hebei, 14 Shanxi, 15 Inner Mongolia,
 * 21 Liaoning, 22 Jilin, 23 Heilongjiang,
 * 31 Shanghai, 32 Jiangsu, 33 Zhejiang, 34 Anhui, 35 Fujian, 36 Jiangxi, 37 Shandong,
 * 41 Henan, 42 Hubei, 43 Hunan, 44 Guangdong, 45 Guangxi, 46 Hainan,
 * 50 Chongqing, 51 Sichuan, 52 Guizhou, 53 Yunnan, 54 Tibet,
 * 61 Shaanxi, 62 Gansu, 63 Qinghai, 64 Ningxia, 65 Xinjiang.
 * 71 (Taiwan in GB/T 2260), 81, 82 and 83 are not resident-ID prefixes: no resident ID is issued
 * there. 810000/820000/830000 appear only on residence permits, which have their own rule.
 */
export const provinceCodes: readonly string[] = [
  '11', '12', '13', '14', '15',
  '21', '22', '23',
  '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54',
  '61', '62', '63', '64', '65',
]; // prettier-ignore
const PROVINCES = new Set(provinceCodes);

export const residencePermitAddressCodes = { '810000': 'HK', '820000': 'MO', '830000': 'TW' } as const;

/**
 * Earliest accepted birth year. Not 1900: the DOMAIN example 440524188001010014 is born in
 * 1880, and second-generation cards (from 2004) were issued to people then well over 100.
 * The oldest verified lifespan is 122 years (born 1875), so nobody alive when 18-digit
 * numbers were introduced (1999) was born before about 1875; 1850 leaves a margin while
 * still refusing typos such as 0985 or 1085 for 1985.
 */
export const EARLIEST_BIRTH_YEAR = 1850;

const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const daysInMonth = (year: number, month: number) => (month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31);

/** Today's calendar date in Beijing as YYYYMMDD. */
const chinaDate = (today: Date) => beijingDate(today).replaceAll('-', '');

function isPlausibleBirthDate(yyyymmdd: string, today: Date): boolean {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  if (year < EARLIEST_BIRTH_YEAR) return false;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  return yyyymmdd <= chinaDate(today); // same-length digit strings compare as numbers
}

function validateGb11643(raw: string, today: Date, addressCodeOk: (code: string) => boolean): IdResult {
  const value = normaliseIdentifier(raw);
  if (value.length !== 18) return fail('length');
  if (!/^\d{17}[\dX]$/.test(value)) return fail('charset');
  if (!addressCodeOk(value.slice(0, 6))) return fail('address_code');
  if (!isPlausibleBirthDate(value.slice(6, 14), today)) return fail('birth_date');
  if (gb11643CheckChar(value.slice(0, 17)) !== value[17]) return fail('check_digit');
  return pass(value);
}

/** 居民身份证 (18-digit, second generation; the 15-digit first generation is not accepted). */
export function validateResidentId(value: string, today: Date = new Date()): IdResult {
  return validateGb11643(value, today, (code) => PROVINCES.has(code.slice(0, 2)));
}

/** 港澳台居民居住证: GB 11643 with address code 810000 (HK), 820000 (Macao) or 830000 (Taiwan). */
export function validateResidencePermitHmt(value: string, today: Date = new Date()): IdResult {
  return validateGb11643(value, today, (code) => Object.hasOwn(residencePermitAddressCodes, code));
}

export interface ResidentIdFacts {
  birthDate: string; // YYYY-MM-DD
  sex: 'male' | 'female';
  addressCode: string;
}

/** What a valid resident ID (or residence permit) number says about its holder; null if invalid. */
export function residentIdFacts(value: string, today: Date = new Date()): ResidentIdFacts | null {
  const asResidentId = validateResidentId(value, today);
  const result = asResidentId.ok ? asResidentId : validateResidencePermitHmt(value, today);
  if (!result.ok) return null;
  const id = result.value;
  return {
    birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
    sex: Number(id[16]) % 2 === 1 ? 'male' : 'female',
    addressCode: id.slice(0, 6),
  };
}

/**
 * 外国人永久居留身份证.
 * - 2017 form, 15 characters: 3 letters (nationality) + 12 digits. Only the shape is checked:
 *   the layout of the 12 digits and any check digit are not in our sources.
 * - 2023 form (issued from 1 Dec 2023), 18 characters: '9' (marks a foreigner; citizens'
 *   numbers start 1-8) + 16 digits + MOD 11-2 check character, computed as for a resident ID.
 *   The National Immigration Administration's notice confirms the leading 9, the 17+1 digits
 *   and the check; the inner layout (province, numeric nationality, birth date, sequence) is
 *   not confirmed by our sources, so no field inside is checked.
 */
export function validateForeignPermanentResidence(raw: string): IdResult {
  const value = normaliseIdentifier(raw);
  if (value.length === 15) return /^[A-Z]{3}\d{12}$/.test(value) ? pass(value) : fail('charset');
  if (value.length !== 18) return fail('length');
  if (value[0] !== '9') return fail('prefix');
  if (!/^\d{17}[\dX]$/.test(value)) return fail('charset');
  if (gb11643CheckChar(value.slice(0, 17)) !== value[17]) return fail('check_digit');
  return pass(value);
}

// ---------------------------------------------------------------------------------------------
// Travel permits and passports
//
// Sources disagree on these numbers and publish no check algorithm, so they are kept lenient
// but shape-checked:
// - 港澳居民来往内地通行证 (home-return permit): the card issued since 2013 reads 'H' (Hong Kong)
//   or 'M' (Macao) + 8 digits; the older booklet/card read the letter + 10 digits, the last two
//   counting re-issues. Both accepted.
// - 台湾居民来往大陆通行证 (Taiwan compatriot permit): the card issued since 2015 is 8 digits;
//   older ones carry a re-issue mark of one or two letters in brackets, e.g. 12345678(B).
//   Accepted with or without the brackets (ASCII or full-width) and normalised to
//   '12345678(B)'. Ten bare digits, which some systems record, are NOT accepted: we found no
//   source saying which two characters those are.

/** 港澳居民来往内地通行证: 'H'/'M' + 8 digits (current) or + 10 digits (older). */
export function validateTravelPermitHkMacao(raw: string): IdResult {
  const value = normaliseIdentifier(raw);
  if (value.length === 0) return fail('length');
  if (value[0] !== 'H' && value[0] !== 'M') return fail('prefix');
  if (value.length !== 9 && value.length !== 11) return fail('length');
  if (!DIGITS.test(value.slice(1))) return fail('charset');
  return pass(value);
}

/** 台湾居民来往大陆通行证: 8 digits, optionally followed by a 1-2 letter re-issue mark. */
export function validateTravelPermitTaiwan(raw: string): IdResult {
  const value = normaliseIdentifier(raw);
  if (value.length === 0) return fail('length');
  const match = /^(\d+)(?:\(([A-Z]{1,2})\)|([A-Z]{1,2}))?$/.exec(value);
  if (!match) return fail('charset');
  const [, digits = '', bracketed, bare] = match;
  if (digits.length !== 8) return fail('length');
  const mark = bracketed ?? bare;
  return pass(mark ? `${digits}(${mark})` : digits);
}

/** 护照: any country's passport number, 5-20 letters and digits, no spaces. */
export function validatePassport(raw: string): IdResult {
  const value = normaliseIdentifier(raw);
  if (value.length < 5 || value.length > 20) return fail('length');
  if (!/^[A-Z0-9]+$/.test(value)) return fail('charset');
  return pass(value);
}

// ---------------------------------------------------------------------------------------------
// Unified social credit code (GB 32100)

const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'; // no I, O, S, V, Z; values 0-30
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The GB 32100 check character for a 17-character body. */
export function usccCheckChar(body17: string): string {
  if (body17.length !== 17) throw new RangeError('a USCC body is 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_CHARSET.indexOf(body17[i]!);
    if (v < 0) throw new RangeError(`not a USCC character: ${body17[i]}`);
    sum += v * USCC_WEIGHTS[i]!;
  }
  return USCC_CHARSET[(31 - (sum % 31)) % 31]!;
}

/** 统一社会信用代码: charset and check character only (registration-authority and type codes are not checked). */
export function validateUnifiedSocialCreditCode(raw: string): IdResult {
  const value = normaliseIdentifier(raw);
  if (value.length !== 18) return fail('length');
  for (const ch of value) if (!USCC_CHARSET.includes(ch)) return fail('charset');
  if (usccCheckChar(value.slice(0, 17)) !== value[17]) return fail('check_digit');
  return pass(value);
}

// ---------------------------------------------------------------------------------------------
// Bank card and mobile

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Bank card: 12-19 digits with a valid Luhn check; spaces and dashes between groups dropped. */
export function validateBankCard(raw: string): IdResult {
  const value = normaliseIdentifier(raw).replace(/-/g, '');
  if (!DIGITS.test(value)) return value.length === 0 ? fail('length') : fail('charset');
  if (value.length < 12 || value.length > 19) return fail('length');
  if (!luhnValid(value)) return fail('check_digit');
  return pass(value);
}

/** Mainland mobile: `1[3-9]` + 9 digits; '+86'/'86' and spaces/dashes dropped; value is the 11 digits. */
export function validateMobile(raw: string): IdResult {
  let value = normaliseIdentifier(raw).replace(/-/g, '');
  if (value.startsWith('+')) {
    if (!value.startsWith('+86')) return fail('prefix');
    value = value.slice(3);
  } else if (value.length === 13 && value.startsWith('86')) {
    value = value.slice(2);
  }
  if (!DIGITS.test(value)) return value.length === 0 ? fail('length') : fail('charset');
  if (value.length !== 11) return fail('length');
  if (!/^1[3-9]/.test(value)) return fail('prefix');
  return pass(value);
}

// ---------------------------------------------------------------------------------------------
// Depository accounts

/** 一码通 unified account: 12 digits. No check digit is published; none is invented. */
export function validateUnifiedAccount(raw: string): IdResult {
  const value = normaliseIdentifier(raw);
  if (value.length !== 12) return fail('length');
  if (!DIGITS.test(value)) return fail('charset');
  return pass(value);
}

export type SecuritiesAccountKind = 'individual_a_share' | 'institutional_a_share' | 'financial_proprietary' | 'fund' | 'b_share';

const SHANGHAI_KINDS: Record<string, SecuritiesAccountKind> = {
  A: 'individual_a_share',
  B: 'institutional_a_share',
  D: 'financial_proprietary',
  F: 'fund',
  C: 'b_share',
};

/**
 * Shanghai securities account: a letter and 9 digits. The last digit is said to be a check
 * digit, but its algorithm is not public: it is not checked.
 */
export function validateShanghaiAccount(raw: string): IdResult<{ kind: SecuritiesAccountKind }> {
  const value = normaliseIdentifier(raw);
  if (value.length !== 10) return fail('length');
  const kind = SHANGHAI_KINDS[value[0]!];
  if (!kind) return fail('prefix');
  if (!DIGITS.test(value.slice(1))) return fail('charset');
  return { ok: true, value, kind };
}

/**
 * Shenzhen securities account: 10 digits. Prefixes, longest first: '001' fund before '00'
 * older individual A-share, so an individual account that happens to start 001 is read as a
 * fund account. We have no source separating the two; fund accounts are the documented
 * '001' range, so the more specific rule wins. Anything else (e.g. '02', '21') is refused.
 */
const SHENZHEN_PREFIXES: ReadonlyArray<readonly [string, SecuritiesAccountKind]> = [
  ['001', 'fund'],
  ['00', 'individual_a_share'],
  ['01', 'individual_a_share'],
  ['08', 'institutional_a_share'],
  ['20', 'b_share'],
];

export function validateShenzhenAccount(raw: string): IdResult<{ kind: SecuritiesAccountKind }> {
  const value = normaliseIdentifier(raw);
  if (value.length !== 10) return fail('length');
  if (!DIGITS.test(value)) return fail('charset');
  const entry = SHENZHEN_PREFIXES.find(([prefix]) => value.startsWith(prefix));
  if (!entry) return fail('prefix');
  return { ok: true, value, kind: entry[1] };
}

/** Which exchange a securities account number belongs to, or null if it is neither. */
export function securitiesAccountMarket(number: string): 'SH' | 'SZ' | null {
  if (validateShanghaiAccount(number).ok) return 'SH';
  if (validateShenzhenAccount(number).ok) return 'SZ';
  return null;
}

// ---------------------------------------------------------------------------------------------
// Security codes

export type Market = 'SH' | 'SZ' | 'BJ';
export type Board = 'main' | 'star' | 'star_cdr' | 'chinext' | 'b_share' | 'beijing';
export interface SecurityClass {
  market: Market;
  board: Board;
  class: 'A' | 'B' | 'CDR';
}

const SECURITY_PREFIXES: ReadonlyArray<readonly [string, SecurityClass]> = [
  ['600', { market: 'SH', board: 'main', class: 'A' }],
  ['601', { market: 'SH', board: 'main', class: 'A' }],
  ['603', { market: 'SH', board: 'main', class: 'A' }],
  ['605', { market: 'SH', board: 'main', class: 'A' }],
  ['688', { market: 'SH', board: 'star', class: 'A' }],
  ['689', { market: 'SH', board: 'star_cdr', class: 'CDR' }],
  ['900', { market: 'SH', board: 'b_share', class: 'B' }],
  ['000', { market: 'SZ', board: 'main', class: 'A' }],
  ['001', { market: 'SZ', board: 'main', class: 'A' }],
  ['002', { market: 'SZ', board: 'main', class: 'A' }],
  ['003', { market: 'SZ', board: 'main', class: 'A' }],
  ['300', { market: 'SZ', board: 'chinext', class: 'A' }],
  ['301', { market: 'SZ', board: 'chinext', class: 'A' }],
  ['200', { market: 'SZ', board: 'b_share', class: 'B' }],
  ['920', { market: 'BJ', board: 'beijing', class: 'A' }], // since 2024; all listed stocks moved here in 2025
  ['43', { market: 'BJ', board: 'beijing', class: 'A' }], // older codes, still seen in history
  ['83', { market: 'BJ', board: 'beijing', class: 'A' }],
  ['87', { market: 'BJ', board: 'beijing', class: 'A' }],
];

/**
 * Market, board and share class of a 6-digit stock code; null for anything else (bonds,
 * funds, indices, unknown ranges). When `market` is given, a code whose range belongs to
 * another exchange is null rather than reinterpreted: the same six digits can mean different
 * things on different exchanges (000001 is a Shenzhen stock and a Shanghai index).
 */
export function classifySecurity(code: string, market?: Market): SecurityClass | null {
  const value = normaliseIdentifier(code);
  if (!/^\d{6}$/.test(value)) return null;
  const entry = SECURITY_PREFIXES.find(([prefix]) => value.startsWith(prefix));
  if (!entry || (market && entry[1].market !== market)) return null;
  return { ...entry[1] };
}

// ---------------------------------------------------------------------------------------------
// CCASS (Hong Kong) credentials
//
// PINs and passwords are secrets: checked as given, never trimmed or otherwise altered.

/** CCASS participant id: a letter + 5 digits (custodians 'C', e.g. C00019; brokers' letters unsure). */
export function validateCcassParticipantId(raw: string): IdResult {
  const value = normaliseIdentifier(raw);
  if (value.length !== 6) return fail('length');
  if (!/^[A-Z]/.test(value)) return fail('prefix');
  if (!DIGITS.test(value.slice(1))) return fail('charset');
  return pass(value);
}

/** CCASS phone-system user id: 8 digits. */
export function validateCcassPhoneUserId(raw: string): IdResult {
  const value = normaliseIdentifier(raw);
  if (value.length !== 8) return fail('length');
  if (!DIGITS.test(value)) return fail('charset');
  return pass(value);
}

/** CCASS phone-system PIN: 8 digits, taken as given. */
export function validateCcassPin(pin: string): IdResult {
  if (pin.length !== 8) return fail('length');
  if (!DIGITS.test(pin)) return fail('charset');
  return pass(pin);
}

/** CCASS internet user id: 8 letters or digits, chosen by the recipient; case kept as typed. */
export function validateCcassInternetUserId(raw: string): IdResult {
  const value = trimmedNfkc(raw);
  if (value.length !== 8) return fail('length');
  if (!/^[A-Za-z0-9]+$/.test(value)) return fail('charset');
  return pass(value);
}

/**
 * CCASS internet password: 8-15 characters containing both letters and digits. Whether
 * symbols are allowed is not in our sources; printable ASCII other than space is accepted.
 */
export function validateCcassInternetPassword(password: string): IdResult {
  if (password.length < 8 || password.length > 15) return fail('length');
  if (!/^[\x21-\x7E]+$/.test(password)) return fail('charset');
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return fail('composition');
  return pass(password);
}
