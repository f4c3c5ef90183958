import type { AppContext } from '../../../context.ts';
import { addSandboxBankCard } from '../../../platform/external/unionpay.ts';
import { type AccountKind, createHolder, findHolderByElements, type NewHolder, openSecuritiesAccount, openUnifiedAccount, recordReservedPhone } from '../../registry/index.ts';
import { seedQueryDemo } from './query-demo.ts';
import { gb11643CheckChar, luhnValid, usccCheckChar } from '../../../kernel/identifiers.ts';
import { seedBoundHolderEvents } from './event-demo.ts';
import { seedDividendTaxDemo, TAX_DEMO_DIVIDEND, TAX_DEMO_TRADES } from './dividend-tax-demo.ts';

/**
 * Demo people for identity verification and binding, plainly fictitious: holders
 * in the registry (one per category of method rules, one with several unified
 * accounts), their reserved phones, and bank cards in the UnionPay sandbox. The
 * demo investors 19900000001 and 19900000002 are 演示张明 and 演示李华.
 */

const residentId = (body17: string) => body17 + gb11643CheckChar(body17);
const creditCode = (body17: string) => body17 + usccCheckChar(body17);
/** A bank card number with its Luhn check digit. */
export function withLuhn(body: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(`${body}${d}`)) return `${body}${d}`;
  throw new Error('unreachable');
}

interface DemoHolder {
  holder: NewHolder;
  unified: { number: string; accounts: { number: string; kind: AccountKind }[] }[];
  reservedPhone: string | null;
  cards: { cardNumber: string; bankName: string; mobile: string; status?: 'normal' | 'lost' | 'cancelled' | 'timeout' }[];
}

export const DEMO_PEOPLE = {
  zhang: { kind: 'person', category: 'ordinary', name: '演示张明', idType: 'resident_id', idNumber: residentId('11010519850312123') },
  li: { kind: 'person', category: 'ordinary', name: '演示李华', idType: 'resident_id', idNumber: residentId('31010419900718246') },
  firm: { kind: 'institution', category: 'ordinary', name: '演示远航（北京）投资管理有限公司', idType: 'unified_social_credit_code', idNumber: creditCode('91110105MA0099001') },
  john: { kind: 'person', category: 'ordinary', name: '演示·约翰', idType: 'passport', idNumber: 'DP99000001' },
  nominee: { kind: 'institution', category: 'nominee_qfii', name: '演示环球资产管理公司（QFII）', idType: 'unified_social_credit_code', idNumber: creditCode('91310000MA0099002') },
  /** Never opened a securities account: not in the registry, only a bank card (未曾开立证券账户证明). */
  newcomer: { kind: 'person', category: 'ordinary', name: '演示王新', idType: 'resident_id', idNumber: residentId('44030519950106135') },
} as const satisfies Record<string, NewHolder>;

export const DEMO_CARDS = {
  zhang: withLuhn('622202990000000001'),
  zhangTimeout: withLuhn('622202990000000002'),
  zhangLost: withLuhn('622202990000000003'),
  li: withLuhn('622848990000000004'),
  newcomer: withLuhn('621700990000000005'),
} as const;

const people: DemoHolder[] = [
  {
    holder: DEMO_PEOPLE.zhang,
    unified: [
      {
        number: '189900000001',
        accounts: [
          { number: 'A990000001', kind: 'a_share' },
          { number: '0199000001', kind: 'a_share' },
        ],
      },
    ],
    reservedPhone: '19900000011',
    cards: [
      { cardNumber: DEMO_CARDS.zhang, bankName: '演示银行', mobile: '19900000001' },
      { cardNumber: DEMO_CARDS.zhangTimeout, bankName: '演示农村商业银行（超时）', mobile: '19900000001', status: 'timeout' },
      { cardNumber: DEMO_CARDS.zhangLost, bankName: '演示银行（已挂失）', mobile: '19900000001', status: 'lost' },
    ],
  },
  {
    holder: DEMO_PEOPLE.li,
    unified: [
      {
        number: '189900000002',
        accounts: [
          { number: 'A990000002', kind: 'a_share' },
          { number: '0199000002', kind: 'a_share' },
        ],
      },
      { number: '189900000003', accounts: [{ number: 'A990000003', kind: 'a_share' }] },
    ],
    reservedPhone: '19900000012',
    cards: [{ cardNumber: DEMO_CARDS.li, bankName: '演示建设银行', mobile: '19900000002' }],
  },
  {
    holder: DEMO_PEOPLE.firm,
    unified: [
      {
        number: '289900000004',
        accounts: [
          { number: 'B990000004', kind: 'a_share' },
          { number: '0899000004', kind: 'a_share' },
        ],
      },
    ],
    reservedPhone: '19900000013',
    cards: [],
  },
  { holder: DEMO_PEOPLE.john, unified: [{ number: '189900000005', accounts: [{ number: 'A990000005', kind: 'a_share' }] }], reservedPhone: null, cards: [] },
  { holder: DEMO_PEOPLE.nominee, unified: [{ number: '289900000006', accounts: [{ number: 'B990000006', kind: 'a_share' }] }], reservedPhone: '19900000016', cards: [] },
];

/** Writes the demo people (once: nothing when 演示张明 exists); returns the notes to print. */
export async function seedVerificationDemo(ctx: AppContext): Promise<string[] | null> {
  if (await findHolderByElements(ctx, ctx.db, DEMO_PEOPLE.zhang)) return null;
  await ctx.db.transaction(async (tx) => {
    const opening = { agent: 'B01866', method: 'counter' as const, on: '2015-06-01' };
    for (const p of people) {
      const holderId = await createHolder(ctx, tx, p.holder);
      for (const u of p.unified) {
        await openUnifiedAccount(tx, holderId, u.number, opening);
        for (const a of u.accounts) await openSecuritiesAccount(tx, { holderId, unifiedAccountNumber: u.number, number: a.number, kind: a.kind }, opening);
      }
      if (p.reservedPhone) await recordReservedPhone(ctx, tx, holderId, p.reservedPhone);
      for (const c of p.cards) await addSandboxBankCard(tx, ctx.vault, { ...c, holderName: p.holder.name, idNumber: p.holder.idNumber });
    }
    const newcomer = DEMO_PEOPLE.newcomer;
    await addSandboxBankCard(tx, ctx.vault, { cardNumber: DEMO_CARDS.newcomer, bankName: '演示工商银行', mobile: '19900000003', holderName: newcomer.name, idNumber: newcomer.idNumber });
    await seedDividendTaxDemo(ctx, tx);
  });
  await seedBoundHolderEvents(ctx);
  await seedQueryDemo(ctx);
  return demoNotes();
}

export function demoNotes(): string[] {
  const z = DEMO_PEOPLE.zhang;
  const l = DEMO_PEOPLE.li;
  return [
    `real-name + 快捷绑定一码通: sign in as 19900000001, 去实名 with ${z.name} / ${z.idNumber} / card ${DEMO_CARDS.zhang} / bank phone 19900000001 (code in /dev/inbox)`,
    `  UnionPay failures: card ${DEMO_CARDS.zhangTimeout} times out, card ${DEMO_CARDS.zhangLost} is reported lost, any other Luhn-valid card is unknown`,
    `queries (证券持有余额, 证券持有变更, 证券冻结情况): the bound 演示张明 holds 601990 and 000990, a trade four months ago and a freeze two months ago; 演示李华 can add A990000003 by 添加证券账户`,
    `股息红利个人所得税: the bound 演示张明 has records for the ${TAX_DEMO_DIVIDEND.code} dividend of ${TAX_DEMO_DIVIDEND.recordOn} (shares sold within a year: 10%; within a month: 20%); he still holds ${TAX_DEMO_TRADES.reduce((held, t) => held + t.quantity, 0n)} of them`,
    `direct binding, several unified accounts: sign in as 19900000002, 我的一码通 → 个人 / ${l.name} / 居民身份证 / ${l.idNumber}, securities account A990000003 or A990000002`,
    `  methods: reserved phone (code to 19900000012), UnionPay card ${DEMO_CARDS.li} / bank phone 19900000002, marked order (buy on the sandbox trading terminal /sandbox/, or clearhall sandbox order-report --account A990000002 --quantity CODE), counter (/broker/ as witness)`,
    `未曾开立证券账户证明: sign in as 19900000003, 去实名 with ${DEMO_PEOPLE.newcomer.name} / ${DEMO_PEOPLE.newcomer.idNumber} / card ${DEMO_CARDS.newcomer} / bank phone 19900000003, then 未曾开立证券账户证明 (this person has no securities account)`,
    `institution (no UnionPay): 机构 / ${DEMO_PEOPLE.firm.name} / 统一社会信用代码 / ${DEMO_PEOPLE.firm.idNumber}`,
    `passport holder without a reserved phone: 个人 / ${DEMO_PEOPLE.john.name} / 护照 / ${DEMO_PEOPLE.john.idNumber}; QFII nominee (counter only): 机构 / ${DEMO_PEOPLE.nominee.name} / ${DEMO_PEOPLE.nominee.idNumber}`,
  ];
}
