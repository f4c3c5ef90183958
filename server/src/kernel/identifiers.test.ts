import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  classifySecurity,
  gb11643CheckChar,
  idTypeKeys,
  idTypeNamesEn,
  idTypes,
  isIdType,
  normaliseIdentifier,
  residentIdFacts,
  securitiesAccountMarket,
  usccCheckChar,
  validateBankCard,
  validateCcassInternetPassword,
  validateCcassInternetUserId,
  validateCcassParticipantId,
  validateCcassPhoneUserId,
  validateCcassPin,
  validateForeignPermanentResidence,
  validateIdNumber,
  validateMobile,
  validatePassport,
  validateResidencePermitHmt,
  validateResidentId,
  validateShanghaiAccount,
  validateShenzhenAccount,
  validateTravelPermitHkMacao,
  validateTravelPermitTaiwan,
  validateUnifiedAccount,
  validateUnifiedSocialCreditCode,
  type IdReason,
} from './identifiers.ts';

/** A fixed "today": 15 June 2026, noon in China. */
const TODAY = new Date('2026-06-15T12:00:00+08:00');

const ok = (value: string) => ({ ok: true, value });
const no = (reason: IdReason) => ({ ok: false, reason });

// Reference check characters written from the standards' own definitions (ISO 7064 MOD 11-2:
// weight 2^(17-i) mod 11, check (12 - S mod 11) mod 11 with 10 as X; GB 32100: weight 3^i mod 31),
// not from the module's tables, so the two cross-check each other.
function refGb11643(body: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * (2 ** (17 - i) % 11);
  const check = (12 - (sum % 11)) % 11;
  return check === 10 ? 'X' : String(check);
}
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
function refUscc(body: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(body[i]!) * Number(3n ** BigInt(i) % 31n);
  return USCC_CHARS[(31 - (sum % 31)) % 31]!;
}
/** A resident-ID-shaped number with a correct check character. */
const rid = (address: string, birth: string, seq = '123') => {
  const body = address + birth + seq;
  return body + refGb11643(body);
};
/** The same number with a wrong check character. */
const badCheck = (id: string) => id.slice(0, 17) + (id[17] === '0' ? '1' : '0');

describe('check-character helpers', () => {
  it.each(['11010519491231002', '44052418800101001', '91110000600037341', '00000000000000000', '99999999999999999'])('GB 11643 %s agrees with the MOD 11-2 definition', (body) =>
    expect(gb11643CheckChar(body)).toBe(refGb11643(body)),
  );
  it.each(['91110000600037341', '91440300708461136', 'Y1110000000000000', '00000000000000000', 'YYYYYYYYYYYYYYYYY'])('GB 32100 %s agrees with the 3^i mod 31 definition', (body) =>
    expect(usccCheckChar(body)).toBe(refUscc(body)),
  );
  it('refuses malformed bodies', () => {
    expect(() => gb11643CheckChar('1234')).toThrow(RangeError);
    expect(() => usccCheckChar('9111000060003734I')).toThrow(RangeError);
  });
});

describe('normaliseIdentifier: the one rule for any typed identifier (DOMAIN.md)', () => {
  it.each([
    ['11010519491231002X', '11010519491231002X'],
    ['11010519491231002x', '11010519491231002X'], // a lower-case x becomes X
    ['１１０１０５１９４９１２３１００２ｘ', '11010519491231002X'], // full-width digits and letter
    ['110105 19491231 002X', '11010519491231002X'], // inner spaces dropped
    ['  110105\t1949\u30001231 002x\n', '11010519491231002X'], // tabs, ideographic and outer spaces
    ['１１０１０５　１９４９１２３１　００２Ｘ', '11010519491231002X'], // full-width with ideographic spaces
    ['a 123 456 789', 'A123456789'], // a Shanghai securities account
    ['ａ１２３４５６７８９', 'A123456789'],
    ['0112 345 678', '0112345678'], // a Shenzhen securities account
    ['1801 2345 6789', '180123456789'], // a unified account
    ['9111 0000 6000 3734 1l', '91110000600037341L'], // a credit code
    ['１３８ ００１３ ８０００', '13800138000'], // a mobile
    ['', ''],
  ])('%j → %j', (typed, normalised) => {
    expect(normaliseIdentifier(typed)).toBe(normalised);
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string(), (typed) => {
        expect(normaliseIdentifier(normaliseIdentifier(typed))).toBe(normaliseIdentifier(typed));
      }),
    );
  });

  it.each([
    ['resident_id', '１１０１０５ １９４９１２３１ ００２ｘ', '11010519491231002X'],
    ['resident_id', '4405 2418 8001 0100 14', '440524188001010014'],
    ['residence_permit_hmt', '810000 19940823 0021', '810000199408230021'],
    ['unified_social_credit_code', '９１１１００００６０００３７３４１ｌ', '91110000600037341L'],
    ['passport', 'e 1234 5678', 'E12345678'],
  ] as const)('every validator starts with it: %s %j → %j', (idType, typed, value) => {
    expect(validateIdNumber(idType, typed, TODAY)).toEqual(ok(value));
  });

  it.each([
    [validateUnifiedAccount, '1801 2345 6789', '180123456789'],
    [validateUnifiedAccount, '１８０１２３４５６７８９', '180123456789'],
    [validateMobile, '１３８００１３８０００', '13800138000'],
    [validateMobile, '＋８６ １３８ ００１３ ８０００', '13800138000'],
    [validateBankCard, '４１１１ １１１１ １１１１ １１１１', '4111111111111111'],
    [validateCcassPhoneUserId, '１２３４ ５６７８', '12345678'],
  ])('%o %j → %j', (validate, typed, value) => {
    expect(validate(typed)).toEqual(ok(value));
  });

  it.each([
    ['ａ１２３ ４５６ ７８９', 'A123456789', 'individual_a_share'],
    ['0112 345 678', '0112345678', 'individual_a_share'],
  ])('securities account %j → %s', (typed, value, kind) => {
    expect(validateShanghaiAccount(typed).ok || validateShenzhenAccount(typed).ok).toBe(true);
    expect(securitiesAccountMarket(typed)).toBe(value.startsWith('A') ? 'SH' : 'SZ');
    const result = value.startsWith('A') ? validateShanghaiAccount(typed) : validateShenzhenAccount(typed);
    expect(result).toEqual({ ok: true, value, kind });
  });
});

describe('resident ID address codes 71, 81, 82, 83 (issue 13)', () => {
  // Check characters by hand: S = Σ digit·weight over the first 17, R = S mod 11, check = "10X98765432"[R].
  // 71000019850615123: S = 243, R = 1 → 0; 81000019850615123: S = 250, R = 8 → 4; 82000019850615123: S = 259, R = 6 → 6;
  // 83000019850615123: S = 268, R = 4 → 8; 81010119850615123: S = 259 → 6; 11010519850615123: S = 226 → 6;
  // 65010219850615123: S = 285, R = 10 → 2.
  it.each([
    ['710000198506151230', '71, Taiwan in GB/T 2260'],
    ['810000198506151234', '81, Hong Kong'],
    ['820000198506151236', '82, Macao'],
    ['830000198506151238', '83, Taiwan (residence permits)'],
    ['810101198506151236', '81 with another address code'],
  ])('refuses %s (%s) as a resident ID although its check character is right', (id) => {
    expect(gb11643CheckChar(id.slice(0, 17))).toBe(id[17]);
    expect(validateResidentId(id, TODAY)).toEqual(no('address_code'));
    expect(validateIdNumber('resident_id', id, TODAY)).toEqual(no('address_code'));
  });

  it.each(['810000198506151234', '820000198506151236', '830000198506151238'])('accepts %s as a residence permit', (id) => {
    expect(validateResidencePermitHmt(id, TODAY)).toEqual(ok(id));
  });

  it.each(['110105198506151236', '650102198506151232'])('still accepts the mainland provinces 11 and 65: %s', (id) => {
    expect(validateResidentId(id, TODAY)).toEqual(ok(id));
  });
});

describe('resident ID (GB 11643)', () => {
  it.each([
    // Independently published examples
    ['11010519491231002X', ok('11010519491231002X')],
    ['440524188001010014', ok('440524188001010014')], // born 1880: why the lower bound is 1850
    // Computed offline (Python) and hard-coded
    ['110105200002291235', ok('110105200002291235')],
    ['310115199912314568', ok('310115199912314568')],
    ['650102198506150010', ok('650102198506150010')],
    // Normalising
    ['11010519491231002x', ok('11010519491231002X')],
    ['  11010519491231002X\t\n', ok('11010519491231002X')],
    ['１１０１０５１９４９１２３１００２Ｘ', ok('11010519491231002X')], // full-width, from a Chinese IME
    ['\u300011010519491231002X\u3000', ok('11010519491231002X')], // ideographic spaces
    // Length and characters
    ['', no('length')],
    ['11010519491231002', no('length')],
    ['11010519491231002X0', no('length')],
    ['110105491231002', no('length')], // first-generation 15-digit numbers are not accepted
    ['1101051949 231002X', no('length')], // the space is dropped, leaving 17 characters
    ['1101051949123100XX', no('charset')],
    ['11010519491231002Y', no('charset')],
    ['A10105194912310020', no('charset')],
    // Check character
    ['110105194912310021', no('check_digit')],
    ['440524188001010015', no('check_digit')],
    ['110105194912310020', no('check_digit')], // X is a check value, not a spare digit
  ] as const)('%j → %j', (input, expected) => {
    expect(validateResidentId(input, TODAY)).toEqual(expected);
  });

  it.each([
    ['110105', 'any real province'],
    ['120101', 'Tianjin'],
    ['150102', 'Inner Mongolia'],
    ['230102', 'Heilongjiang'],
    ['370102', 'Shandong'],
    ['460105', 'Hainan'],
    ['540102', 'Tibet'],
    ['650102', 'Xinjiang'],
  ])('accepts address code %s (%s)', (address) => {
    expect(validateResidentId(rid(address, '19850615'), TODAY).ok).toBe(true);
  });

  it.each([
    '000000',
    '100000',
    '160101',
    '240101',
    '380101',
    '470101',
    '550101',
    '600101',
    '660101',
    '700101',
    '710000',
    '710101',
    '720101',
    '800101',
    '810000',
    '810101',
    '820000',
    '830000',
    '840101',
    '910101',
    '990101',
  ])('refuses address code %s', (address) => {
    expect(validateResidentId(rid(address, '19850615'), TODAY)).toEqual(no('address_code'));
  });

  it.each([
    ['20000229', true, '29 Feb 2000: divisible by 400, a leap year'],
    ['20240229', true, '29 Feb 2024'],
    ['19000229', false, '29 Feb 1900: divisible by 100, not a leap year'],
    ['20230229', false, '29 Feb 2023'],
    ['19990230', false, '30 Feb'],
    ['19990431', false, '31 Apr'],
    ['19990430', true, '30 Apr'],
    ['19991231', true, '31 Dec'],
    ['19991301', false, 'month 13'],
    ['19990001', false, 'month 0'],
    ['19990100', false, 'day 0'],
    ['19990132', false, '32 Jan'],
    ['18500101', true, 'the earliest accepted date'],
    ['18491231', false, 'before 1850'],
    ['08500101', false, 'year 0850'],
    ['18800101', true, '1880, as in the DOMAIN example'],
    ['20260615', true, 'today'],
    ['20260616', false, 'tomorrow'],
    ['21000101', false, 'far future'],
  ])('birth date %s → %s (%s)', (birth, valid) => {
    expect(validateResidentId(rid('110105', birth), TODAY)).toEqual(valid ? ok(rid('110105', birth)) : no('birth_date'));
  });

  it("takes today's date in China (UTC+8), whatever the server's time zone", () => {
    const bornChinaToday = rid('110105', '20260616');
    expect(validateResidentId(bornChinaToday, new Date('2026-06-15T15:59:59Z')).ok).toBe(false); // 23:59:59 in Beijing
    expect(validateResidentId(bornChinaToday, new Date('2026-06-15T16:00:00Z')).ok).toBe(true); // 00:00 next day
  });

  it('checks structure before the check character, so the reason names the real problem', () => {
    expect(validateResidentId(badCheck(rid('990101', '19850615')), TODAY)).toEqual(no('address_code'));
    expect(validateResidentId(badCheck(rid('110105', '19851315')), TODAY)).toEqual(no('birth_date'));
  });

  it('defaults today to now', () => {
    expect(validateResidentId('11010519491231002X').ok).toBe(true);
    expect(validateResidentId(rid('110105', '29990101')).ok).toBe(false);
  });
});

describe('residentIdFacts', () => {
  it.each([
    ['11010519491231002X', { birthDate: '1949-12-31', sex: 'female', addressCode: '110105' }],
    ['440524188001010014', { birthDate: '1880-01-01', sex: 'male', addressCode: '440524' }],
    [' 110105200002291235 ', { birthDate: '2000-02-29', sex: 'male', addressCode: '110105' }],
    ['810000199408230021', { birthDate: '1994-08-23', sex: 'female', addressCode: '810000' }], // a residence permit
  ])('%s → %j', (input, facts) => {
    expect(residentIdFacts(input, TODAY)).toEqual(facts);
  });

  it.each(['', '110105194912310021', rid('110105', '19000229')])('is null for invalid %j', (input) => {
    expect(residentIdFacts(input, TODAY)).toBeNull();
  });
});

describe('HK/Macao/Taiwan residence permit', () => {
  it.each([
    ['810000199408230021', ok('810000199408230021')], // Hong Kong, computed offline
    ['82000020010101003x', ok('82000020010101003X')], // Macao
    [' 830000198007150046 ', ok('830000198007150046')], // Taiwan
    [rid('810000', '20000229'), ok(rid('810000', '20000229'))],
    ['11010519491231002X', no('address_code')], // a valid resident ID is not a residence permit
    [rid('810100', '19900101'), no('address_code')],
    [rid('710000', '19900101'), no('address_code')], // Taiwan's GB/T 2260 code is not used here
    [rid('840000', '19900101'), no('address_code')],
    [rid('810000', '19000229'), no('birth_date')],
    [rid('810000', '20270101'), no('birth_date')],
    ['810000199408230022', no('check_digit')],
    ['81000019940823002', no('length')],
    ['81000019940823002Z', no('charset')],
  ])('%j → %j', (input, expected) => {
    expect(validateResidencePermitHmt(input, TODAY)).toEqual(expected);
  });
});

describe('travel permits', () => {
  it.each([
    ['H12345678', ok('H12345678')],
    ['M87654321', ok('M87654321')],
    ['h12345678', ok('H12345678')],
    [' H1234567801 ', ok('H1234567801')], // older form: 10 digits
    ['M0000000001', ok('M0000000001')],
    ['', no('length')],
    ['12345678', no('prefix')],
    ['A12345678', no('prefix')],
    ['H1234567', no('length')],
    ['H123456789', no('length')],
    ['H123456789012', no('length')],
    ['H1234567A', no('charset')],
    ['H 1234567', no('length')], // the space is dropped: H + 7 digits
    ['H 1234 5678', ok('H12345678')],
  ])('HK/Macao %j → %j', (input, expected) => {
    expect(validateTravelPermitHkMacao(input)).toEqual(expected);
  });

  it.each([
    ['12345678', ok('12345678')],
    [' 01234567 ', ok('01234567')],
    ['12345678(B)', ok('12345678(B)')], // older form with a re-issue mark
    ['12345678(b)', ok('12345678(B)')],
    ['12345678（B）', ok('12345678(B)')], // full-width brackets
    ['12345678B', ok('12345678(B)')],
    ['12345678(AB)', ok('12345678(AB)')],
    ['', no('length')],
    ['1234567', no('length')],
    ['123456789', no('length')],
    ['1234567890', no('length')], // ten bare digits: not accepted (see the module's note)
    ['1234567(B)', no('length')],
    ['12345678(ABC)', no('charset')],
    ['12345678(B', no('charset')],
    ['12345678()', no('charset')],
    ['12345678(1)', no('charset')],
    ['T12345678', no('charset')],
  ])('Taiwan %j → %j', (input, expected) => {
    expect(validateTravelPermitTaiwan(input)).toEqual(expected);
  });
});

describe('passport', () => {
  it.each([
    ['E12345678', ok('E12345678')],
    ['e12345678', ok('E12345678')],
    [' 123456789 ', ok('123456789')],
    ['AB123', ok('AB123')],
    ['A'.repeat(20), ok('A'.repeat(20))],
    ['AB12', no('length')],
    ['A'.repeat(21), no('length')],
    ['', no('length')],
    ['E 1234567', ok('E1234567')], // spaces dropped
    ['E-1234567', no('charset')],
    ['护照12345', no('charset')],
  ])('%j → %j', (input, expected) => {
    expect(validatePassport(input)).toEqual(expected);
  });
});

describe("foreigner's permanent residence card", () => {
  it.each([
    ['USA110075012345', ok('USA110075012345')], // 2017 form: 3 letters + 12 digits
    ['usa110075012345', ok('USA110075012345')],
    ['931015619870501005', ok('931015619870501005')], // 2023 form, computed offline
    [' 931015619870501005 ', ok('931015619870501005')],
    ['931015619870501006', no('check_digit')],
    ['110105194912310020', no('prefix')], // 18 digits not starting 9: a citizen's number shape
    ['11010519491231002X', no('prefix')],
    ['93101561987050100A', no('charset')],
    ['US1110075012345', no('charset')],
    ['USA11007501234X', no('charset')],
    ['USA11007501234', no('length')],
    ['', no('length')],
  ])('%j → %j', (input, expected) => {
    expect(validateForeignPermanentResidence(input)).toEqual(expected);
  });

  it('computes 2023-form check characters like a resident ID, X included', () => {
    const bodyOf = (i: number) => `9${String(i).padStart(16, '0')}`;
    let i = 0;
    while (refGb11643(bodyOf(i)) !== 'X') i++;
    const body = bodyOf(i);
    expect(validateForeignPermanentResidence(`${body}x`)).toEqual(ok(`${body}X`));
  });
});

describe('unified social credit code (GB 32100)', () => {
  const computed = ['91110000MA01ABCDE', '12100000400000624', '5110000050000000N', 'Y1110000000000000'].map((b) => b + refUscc(b));

  it.each([
    // Independently published codes
    ['91110000600037341L', ok('91110000600037341L')],
    ['914403001922038216', ok('914403001922038216')],
    ['91440300708461136T', ok('91440300708461136T')],
    ['91110108551385082Q', ok('91110108551385082Q')],
    // Computed offline (Python) and hard-coded
    ['91110000MA01ABCDEX', ok('91110000MA01ABCDEX')],
    ['12100000400000624D', ok('12100000400000624D')],
    // Normalising
    ['91110000600037341l', ok('91110000600037341L')],
    [' 91110000600037341L\n', ok('91110000600037341L')],
    // Failures
    ['', no('length')],
    ['91110000600037341', no('length')],
    ['91110000600037341LL', no('length')],
    ['91110000600037341I', no('charset')], // I, O, S, V, Z are not in the set
    ['9111000060003734OL', no('charset')],
    ['91110000600037341S', no('charset')],
    ['91110000600037341V', no('charset')],
    ['91110000600037341Z', no('charset')],
    ['911100006000 7341L', no('length')], // the space is dropped, leaving 17 characters
    ['9111 0000 6000 3734 1L', ok('91110000600037341L')],
    ['91110000600037341M', no('check_digit')],
    ['91110000600037342L', no('check_digit')],
    ['91110000100003862Y', no('check_digit')],
  ])('%j → %j', (input, expected) => {
    expect(validateUnifiedSocialCreditCode(input)).toEqual(expected);
  });

  it.each(computed)('accepts %s, computed with the reference algorithm', (code) => {
    expect(validateUnifiedSocialCreditCode(code)).toEqual(ok(code));
  });
});

describe('bank card (Luhn)', () => {
  it.each([
    ['4111111111111111', ok('4111111111111111')],
    ['5555555555554444', ok('5555555555554444')],
    ['622202123456789012', ok('622202123456789012')], // 18 digits
    ['6225880123456789017', ok('6225880123456789017')], // 19 digits
    ['123456789015', ok('123456789015')], // 12 digits
    ['6222 0212 3456 7890 12', ok('622202123456789012')],
    ['4111-1111-1111-1111', ok('4111111111111111')],
    [' 4111111111111111 ', ok('4111111111111111')],
    ['', no('length')],
    ['79927398713', no('length')], // Luhn-valid, but 11 digits
    ['62258801234567890170', no('length')],
    ['4111111111111112', no('check_digit')],
    ['4111111111111121', no('check_digit')],
    ['6222021234567890123', no('check_digit')],
    ['4111 1111 1111 111A', no('charset')],
    ['4111.1111.1111.1111', no('charset')],
  ])('%j → %j', (input, expected) => {
    expect(validateBankCard(input)).toEqual(expected);
  });
});

describe('mainland mobile', () => {
  it.each([
    ['13800138000', ok('13800138000')],
    ['19912345678', ok('19912345678')],
    ['+8613800138000', ok('13800138000')],
    ['8613800138000', ok('13800138000')],
    ['+86 138 0013 8000', ok('13800138000')],
    ['138-0013-8000', ok('13800138000')],
    [' 13800138000 ', ok('13800138000')],
    ['＋８６１３８００１３８０００', ok('13800138000')], // full-width
    ['', no('length')],
    ['1380013800', no('length')],
    ['138001380000', no('length')],
    ['+861380013800', no('length')],
    ['008613800138000', no('length')],
    ['12800138000', no('prefix')],
    ['10800138000', no('prefix')],
    ['23800138000', no('prefix')],
    ['+85291234567', no('prefix')],
    ['1380013800O', no('charset')],
    ['(138)00138000', no('charset')],
  ])('%j → %j', (input, expected) => {
    expect(validateMobile(input)).toEqual(expected);
  });
});

describe('unified account (一码通)', () => {
  it.each([
    ['180123456789', ok('180123456789')],
    ['000000000000', ok('000000000000')], // no check digit is invented
    [' 180123456789 ', ok('180123456789')],
    ['', no('length')],
    ['18012345678', no('length')],
    ['1801234567890', no('length')],
    ['18012345678A', no('charset')],
    ['180 12345678', no('length')], // the space is dropped, leaving 11 digits
    ['1801 2345 6789', ok('180123456789')],
    ['１８０１２３４５６７８９', ok('180123456789')],
  ])('%j → %j', (input, expected) => {
    expect(validateUnifiedAccount(input)).toEqual(expected);
  });
});

describe('securities accounts', () => {
  it.each([
    ['A123456789', { ok: true, value: 'A123456789', kind: 'individual_a_share' }],
    ['B123456789', { ok: true, value: 'B123456789', kind: 'institutional_a_share' }],
    ['D123456789', { ok: true, value: 'D123456789', kind: 'financial_proprietary' }],
    ['F123456789', { ok: true, value: 'F123456789', kind: 'fund' }],
    ['C123456789', { ok: true, value: 'C123456789', kind: 'b_share' }],
    [' a123456780 ', { ok: true, value: 'A123456780', kind: 'individual_a_share' }], // any last digit
    ['A123456781', { ok: true, value: 'A123456781', kind: 'individual_a_share' }],
    ['', no('length')],
    ['A12345678', no('length')],
    ['A1234567890', no('length')],
    ['E123456789', no('prefix')],
    ['0123456789', no('prefix')],
    ['A12345678X', no('charset')],
    ['AB23456789', no('charset')],
  ])('Shanghai %j → %j', (input, expected) => {
    expect(validateShanghaiAccount(input)).toEqual(expected);
  });

  it.each([
    ['0112345678', { ok: true, value: '0112345678', kind: 'individual_a_share' }],
    ['0098765432', { ok: true, value: '0098765432', kind: 'individual_a_share' }], // older
    ['0812345678', { ok: true, value: '0812345678', kind: 'institutional_a_share' }],
    ['2012345678', { ok: true, value: '2012345678', kind: 'b_share' }],
    ['0011234567', { ok: true, value: '0011234567', kind: 'fund' }], // '001' wins over '00'
    [' 0112345678 ', { ok: true, value: '0112345678', kind: 'individual_a_share' }],
    ['', no('length')],
    ['011234567', no('length')],
    ['01123456789', no('length')],
    ['011234567X', no('charset')],
    ['A112345678', no('charset')],
    ['0212345678', no('prefix')],
    ['2112345678', no('prefix')],
    ['9912345678', no('prefix')],
  ])('Shenzhen %j → %j', (input, expected) => {
    expect(validateShenzhenAccount(input)).toEqual(expected);
  });

  it.each([
    ['A123456789', 'SH'],
    ['c123456789', 'SH'],
    ['0112345678', 'SZ'],
    ['2012345678', 'SZ'],
    ['0011234567', 'SZ'],
    ['E123456789', null],
    ['0212345678', null],
    ['180123456789', null], // a unified account is neither
    ['', null],
  ])('market of %j → %j', (input, market) => {
    expect(securitiesAccountMarket(input)).toBe(market);
  });
});

describe('classifySecurity', () => {
  const sh = (board: string, cls = 'A') => ({ market: 'SH', board, class: cls });
  const sz = (board: string, cls = 'A') => ({ market: 'SZ', board, class: cls });
  const bj = { market: 'BJ', board: 'beijing', class: 'A' };

  it.each([
    ['600519', sh('main')],
    ['601398', sh('main')],
    ['603288', sh('main')],
    ['605499', sh('main')],
    ['688981', sh('star')],
    ['689009', sh('star_cdr', 'CDR')],
    ['900901', sh('b_share', 'B')],
    ['000001', sz('main')],
    ['001979', sz('main')],
    ['002594', sz('main')],
    ['003816', sz('main')],
    ['300750', sz('chinext')],
    ['301236', sz('chinext')],
    ['200002', sz('b_share', 'B')],
    ['920118', bj],
    ['430047', bj],
    ['830799', bj],
    ['871981', bj],
    [' 600519 ', sh('main')],
    ['602000', null],
    ['604000', null],
    ['500001', null], // a fund
    ['510300', null], // an ETF
    ['019547', null], // a bond
    ['110001', null],
    ['399001', null], // an index
    ['004001', null],
    ['302000', null],
    ['201000', null],
    ['901000', null],
    ['921000', null],
    ['880001', null],
    ['60051', null],
    ['6005190', null],
    ['60051A', null],
    ['', null],
  ])('%j → %j', (code, expected) => {
    expect(classifySecurity(code)).toEqual(expected);
  });

  it.each([
    ['600519', 'SH', sh('main')],
    ['600519', 'SZ', null],
    ['000001', 'SZ', sz('main')],
    ['000001', 'SH', null], // in Shanghai 000001 is an index, not a stock
    ['920118', 'BJ', bj],
    ['920118', 'SH', null],
    ['200002', 'BJ', null],
  ] as const)('%j on %s → %j', (code, market, expected) => {
    expect(classifySecurity(code, market)).toEqual(expected);
  });

  it('hands out copies, not the shared table', () => {
    const first = classifySecurity('600519')!;
    first.board = 'star';
    expect(classifySecurity('600519')).toEqual(sh('main'));
  });
});

describe('CCASS', () => {
  it.each([
    ['C00019', ok('C00019')],
    ['c00088', ok('C00088')],
    [' B01234 ', ok('B01234')],
    ['', no('length')],
    ['C0019', no('length')],
    ['C000190', no('length')],
    ['000190', no('prefix')],
    ['CC0019', no('charset')],
  ])('participant id %j → %j', (input, expected) => {
    expect(validateCcassParticipantId(input)).toEqual(expected);
  });

  it.each([
    ['12345678', ok('12345678')],
    [' 12345678 ', ok('12345678')],
    ['1234567', no('length')],
    ['123456789', no('length')],
    ['1234567A', no('charset')],
  ])('phone-system user id %j → %j', (input, expected) => {
    expect(validateCcassPhoneUserId(input)).toEqual(expected);
  });

  it.each([
    ['12345678', ok('12345678')],
    ['00000000', ok('00000000')],
    [' 1234567', no('charset')], // a secret is never trimmed
    ['1234567', no('length')],
    ['123456789', no('length')],
    ['1234567A', no('charset')],
  ])('PIN %j → %j', (input, expected) => {
    expect(validateCcassPin(input)).toEqual(expected);
  });

  it.each([
    ['abcd1234', ok('abcd1234')], // case kept as chosen
    ['ABCDEFGH', ok('ABCDEFGH')],
    ['12345678', ok('12345678')],
    [' abcd1234 ', ok('abcd1234')],
    ['abcd123', no('length')],
    ['abcd12345', no('length')],
    ['abcd-123', no('charset')],
    ['abcd 123', no('charset')],
  ])('internet user id %j → %j', (input, expected) => {
    expect(validateCcassInternetUserId(input)).toEqual(expected);
  });

  it.each([
    ['abcd1234', ok('abcd1234')],
    ['Abcdefghijklm15', ok('Abcdefghijklm15')], // 15
    ['abc!1234', ok('abc!1234')],
    ['abc1234', no('length')], // 7
    ['Abcdefghijklm156', no('length')], // 16
    ['', no('length')],
    ['abcd 1234', no('charset')],
    ['abcd1234密', no('charset')],
    ['abcdefgh', no('composition')],
    ['12345678', no('composition')],
    ['!!!!1234', no('composition')],
  ])('internet password %j → %j', (input, expected) => {
    expect(validateCcassInternetPassword(input)).toEqual(expected);
  });
});

describe('ID types and the dispatcher', () => {
  it('names every type in Chinese and English', () => {
    expect(idTypes).toEqual({
      resident_id: '居民身份证',
      residence_permit_hmt: '港澳台居民居住证',
      travel_permit_hk_macao: '港澳居民来往内地通行证',
      travel_permit_taiwan: '台湾居民来往大陆通行证',
      passport: '护照',
      foreign_permanent_residence: '外国人永久居留身份证',
      unified_social_credit_code: '统一社会信用代码',
    });
    expect(Object.keys(idTypeNamesEn).sort()).toEqual([...idTypeKeys].sort());
    for (const key of idTypeKeys) expect(idTypeNamesEn[key]).toMatch(/^[A-Z][\w ,']+$/);
  });

  it.each([
    ['resident_id', true],
    ['passport', true],
    ['toString', false],
    ['driving_licence', false],
  ])('isIdType(%j) → %s', (value, expected) => {
    expect(isIdType(value)).toBe(expected);
  });

  it.each([
    ['resident_id', '11010519491231002x', ok('11010519491231002X')],
    ['resident_id', '810000199408230021', no('address_code')], // a residence permit is not a resident ID
    ['residence_permit_hmt', '810000199408230021', ok('810000199408230021')],
    ['residence_permit_hmt', '11010519491231002X', no('address_code')],
    ['travel_permit_hk_macao', 'h12345678', ok('H12345678')],
    ['travel_permit_taiwan', '12345678(b)', ok('12345678(B)')],
    ['passport', 'e12345678', ok('E12345678')],
    ['foreign_permanent_residence', '931015619870501005', ok('931015619870501005')],
    ['unified_social_credit_code', '91110000600037341l', ok('91110000600037341L')],
    ['passport', '11010519491231002X', ok('11010519491231002X')],
    ['unified_social_credit_code', '11010519491231002X', no('check_digit')],
  ] as const)('%s %j → %j', (idType, value, expected) => {
    expect(validateIdNumber(idType, value, TODAY)).toEqual(expected);
  });

  it('passes today through to birth-date checks', () => {
    const id = rid('110105', '20260616');
    expect(validateIdNumber('resident_id', id, TODAY)).toEqual(no('birth_date'));
    expect(validateIdNumber('resident_id', id, new Date('2026-06-16T08:00:00+08:00'))).toEqual(ok(id));
  });
});

describe('properties', () => {
  const PROVINCES = ['11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65'];
  const digits = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });
  const birthDate = fc.date({ min: new Date('1850-01-01T00:00:00Z'), max: new Date('2026-06-14T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10).replaceAll('-', ''));
  const residentIdBody = fc.tuple(fc.constantFrom(...PROVINCES), digits(4), birthDate, digits(3)).map((parts) => parts.join(''));

  it('a body with a real province and date plus its check character is valid; any one-character change is not', () => {
    fc.assert(
      fc.property(residentIdBody, (body) => {
        const id = body + refGb11643(body);
        expect(validateResidentId(id, TODAY)).toEqual(ok(id));
        for (let position = 0; position < 18; position++) {
          for (const replacement of '0123456789X') {
            if (replacement === id[position]) continue;
            const changed = id.slice(0, position) + replacement + id.slice(position + 1);
            expect(validateResidentId(changed, TODAY).ok).toBe(false);
          }
        }
      }),
    );
  });

  it('a USCC body plus its check character is valid; any one-character change is not', () => {
    const usccBody = fc.string({ unit: fc.constantFrom(...USCC_CHARS), minLength: 17, maxLength: 17 });
    fc.assert(
      fc.property(usccBody, fc.integer({ min: 0, max: 17 }), fc.constantFrom(...USCC_CHARS), (body, position, replacement) => {
        const code = body + refUscc(body);
        expect(validateUnifiedSocialCreditCode(code)).toEqual(ok(code));
        fc.pre(replacement !== code[position]);
        const changed = code.slice(0, position) + replacement + code.slice(position + 1);
        expect(validateUnifiedSocialCreditCode(changed)).toEqual(no('check_digit'));
      }),
    );
  });
});
