import { describe, expect, it } from 'vitest';
import { formatShares, freezesContent, holdingBalanceContent, holdingChangesContent, neverOpenedContent } from './certificate-templates.ts';
import { mask } from '../../kernel/masking.ts';

const subject = { holderName: '王小明', idNumberMasked: '110105********1234', accountNumber: 'A123456789', market: 'SH' };
const position = (code: string, tradable: bigint, restricted = 0n, frozen = 0n) => ({ securityId: 1, market: 'SH', code, name: `证券${code}`, securityClass: 'A', tradable, restricted, frozen, pledged: 0n });

describe('certificate templates', () => {
  it('formats share quantities exactly, beyond what a float holds', () => {
    expect(formatShares(0n)).toBe('0');
    expect(formatShares(1234567n)).toBe('1,234,567');
    expect(formatShares(-1500n)).toBe('-1,500');
    expect(formatShares(9007199254740993n)).toBe('9,007,199,254,740,993');
  });

  it('holding balance: one row per security, totals of tradable + restricted, the date in the statement', () => {
    const content = holdingBalanceContent(subject, '2026-06-30', [position('600000', 1000n, 500n, 200n), position('600001', 9007199254740993n)], '交易市场 SH');
    expect(content.title).toBe('证券持有余额电子凭证');
    expect(content.fields).toContainEqual({ label: '证券账户', value: 'A123456789（上海）' });
    expect(content.fields).toContainEqual({ label: '查询范围', value: '交易市场 SH' });
    expect(content.table!.rows[0]).toEqual(['600000', '证券600000', '1,000', '500', '200', '0', '1,500']);
    expect(content.summary).toEqual({ date: '2026-06-30', account: 'A123456789', securities: 2, totalHeld: '9007199254742493' });
    expect(content.paragraphs[0]).toContain('截至 2026-06-30 日终');
  });

  it('holding changes: signed quantities and Chinese business types', () => {
    const content = holdingChangesContent(
      subject,
      '2026-01-01',
      '2026-06-30',
      [
        { id: '1', securityId: 1, market: 'SH', code: '600000', name: '甲', businessType: 'trade_settlement', category: 'tradable', quantity: 300n, balanceAfter: 1300n, effectiveOn: '2026-02-03', batchId: 'b' },
        { id: '2', securityId: 1, market: 'SH', code: '600000', name: '甲', businessType: 'judicial_freeze', category: 'frozen', quantity: -100n, balanceAfter: 0n, effectiveOn: '2026-03-04', batchId: 'b' },
      ],
      null,
    );
    expect(content.table!.rows.map((r) => [r[3], r[4], r[5]])).toEqual([
      ['交易过户', '无限售流通股', '+300'],
      ['司法冻结', '冻结', '-100'],
    ]);
    expect(content.summary.entries).toBe(2);
  });

  it('freezes: waiting freezes show their queue number, and an empty table says why', () => {
    const empty = freezesContent(subject, '2026-06-30', [], null);
    expect(empty.table!.rows).toEqual([]);
    expect(empty.table!.empty).toBe('查询日期日终该证券账户无冻结');
    const content = freezesContent(
      subject,
      '2026-06-30',
      [
        {
          id: 'f',
          securityId: 1,
          code: '600000',
          name: '甲',
          kind: 'waiting',
          status: 'waiting',
          authority: '某某法院',
          caseNumber: 'x',
          quantity: 100n,
          frozenQuantity: 0n,
          waitingQuantity: 100n,
          queueNo: 2,
          periodMonths: 12,
          startOn: null,
          endOn: null,
        },
      ],
      null,
    );
    expect(content.table!.rows[0]).toContain('轮候序号 2');
    expect(content.summary).toMatchObject({ freezes: 1, frozen: '0' });
  });

  it('never-opened proof: the person, masked ID, the time of the search', () => {
    const content = neverOpenedContent({ name: '赵六', idTypeName: '居民身份证', idNumberMasked: mask('idNumber', '11010519950505123X', 'document') }, '2026-11-21 10:00:00');
    expect(content.table).toBeUndefined();
    expect(content.paragraphs[0]).toBe('兹证明：经查询本登记结算系统，截至 2026-11-21 10:00:00，赵六（证件号码 110105********123X）名下未曾开立证券账户。');
  });
});
