import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { gb11643CheckChar } from '../server/src/kernel/identifiers.ts';
import { mask } from '../server/src/kernel/masking.ts';
import { PiiVault } from '../server/src/platform/crypto/pii.ts';
import { findPersonalData } from './personal-data.ts';

const ID = `11010519850312123${gb11643CheckChar('11010519850312123')}`;
const CARD = `622202020011223344${luhnDigit('622202020011223344')}`;
function luhnDigit(body: string): string {
  for (let d = 0; d <= 9; d++) {
    const digits = `${body}${d}`;
    let sum = 0;
    for (let i = 0; i < digits.length; i++) {
      let n = Number(digits[digits.length - 1 - i]);
      if (i % 2 === 1) n = n * 2 > 9 ? n * 2 - 9 : n * 2;
      sum += n;
    }
    if (sum % 10 === 0) return String(d);
  }
  throw new Error('unreachable');
}

const data = (text: string) => findPersonalData(text).map((h) => [h.datum, h.value]);

describe('the personal-data scanner', () => {
  it('finds valid unmasked ID numbers, mobiles, card numbers and securities accounts, in logs and JSON alike', () => {
    const line = JSON.stringify({ msg: 'x', url: `/api/v1/broker/counter-verifications?idNumber=${ID}&mobile=13812345678`, card: CARD, accounts: ['A990000001', '0199000001'] });
    expect(data(line)).toEqual([
      ['idNumber', ID],
      ['mobile', '13812345678'],
      ['bankCard', CARD],
      ['securitiesAccount', 'A990000001'],
      ['securitiesAccount', '0199000001'],
    ]);
    expect(findPersonalData(`account=A990000001`)[0]!.context).toBe('account=<securitiesAccount>');
  });

  it('does not flag the masked forms, nor invalid look-alikes', () => {
    const masked = [
      mask('idNumber', ID, 'list'),
      mask('idNumber', ID, 'document'),
      mask('mobile', '13812345678', 'list'),
      mask('bankCard', CARD, 'list'),
      mask('securitiesAccount', 'A990000001', 'list'),
      mask('securitiesAccount', '0199000001', 'public'),
    ];
    expect(data(JSON.stringify(masked))).toEqual([]);
    const wrongCheck = ID.slice(0, 17) + (ID[17] === '0' ? '1' : '0');
    expect(data(`${wrongCheck} 12812345678 ${CARD.slice(0, -1)}${(Number(CARD.slice(-1)) + 1) % 10} 0299000001 E990000001`)).toEqual([]);
  });

  it('does not flag UUIDs, hashes, timestamps, request ids or opaque references', () => {
    const vault = new PiiVault(randomBytes(32));
    const noise = [
      randomUUID(),
      randomBytes(32).toString('hex'),
      randomBytes(32).toString('hex').toUpperCase(),
      randomBytes(32).toString('base64url'),
      String(Date.now()),
      new Date().toISOString(),
      'SQ2026010500002',
      'A990000001x',
      'xA990000001',
      ...Array.from({ length: 200 }, (_, i) => vault.reference('securities-account', `A99${String(i).padStart(7, '0')}`)),
    ];
    expect(findPersonalData(JSON.stringify({ time: Date.now(), reqId: randomUUID(), responseTime: 0.6887220000062371, elapsed: 3580119999969611.5, noise }))).toEqual([]);
  });
});
