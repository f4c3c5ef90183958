import { Readable } from 'node:stream';
import { and, eq, isNull } from 'drizzle-orm';
import type { AppContext } from '../../../context.ts';
import type { Actor } from '../../../platform/audit/audit.ts';
import { addDays } from '../../../kernel/dates.ts';
import { applyChanges, createOffering, type EventImportKind, eventImports, importEventBatch, ipoOfferings, ipoSubscriptions, registerSecurity, seedClosingPriceDemo } from '../../registry/index.ts';
import { recordAuthorisation, revokeAuthorisation } from '../authorisations.ts';

/**
 * Corporate-event rows for the bindable demo holders (演示张明, 演示李华), so the
 * hall's 新股配号中签情况, 放弃认购数据, 风险揭示书签署日期 and 授权管理 show
 * something after binding: written through the same imports and services as
 * real data, on two demo offerings of their own. Deterministic; the parties
 * are plainly fictitious. His subscription quota comes from two holdings of his
 * own (QUOTA_BASIS, held since 2025-11) and demo closing prices for the weeks
 * before each offering.
 */

/** 演示张明's market value in each market: 20,000 shares at 5 to 55 yuan, a quota of at least 10,000 shares. */
const QUOTA_BASIS = [
  { id: 99_111, code: '601991', market: 'SH' as const, name: '演示蓝筹', isin: 'CNE100099110', account: 'A990000001' },
  { id: 99_112, code: '000991', market: 'SZ' as const, name: '演示成长', isin: 'CNE000099120', account: '0199000001' },
];

const OFFERINGS = [
  { market: 'SH', code: '603629', name: '演示示范制造', price: '12.3600', date: '2026-06-15', account: 'A990000001', quantity: 10000n, pays: true },
  { market: 'SZ', code: '301618', name: '演示绑定科技', price: '23.8000', date: '2026-09-14', account: '0199000001', quantity: 8000n, pays: false },
] as const;

const AUTHORISATIONS = [
  { authorisationNumber: 'SQ2025031000001', accountNumber: 'A990000001', business: 'online_voting', authorisedParty: '演示投票服务有限公司', validFrom: '2025-03-10', validTo: '2026-03-09' },
  { authorisationNumber: 'SQ2026010500002', accountNumber: '0199000001', business: 'securities_query', authorisedParty: '演示财富顾问有限公司', validFrom: '2026-01-05', validTo: '2027-01-04' },
  { authorisationNumber: 'SQ2026020300003', accountNumber: 'A990000001', business: 'proxy_agency', authorisedParty: '演示律师事务所（虚构）', validFrom: '2026-02-03', validTo: '2027-02-02' },
  { authorisationNumber: 'SQ2026060100004', accountNumber: 'A990000001', business: 'meeting_attendance', authorisedParty: '演示代理人王某', validFrom: '2026-06-01', validTo: '2028-05-31' },
  { authorisationNumber: 'SQ2026040100005', accountNumber: 'A990000002', business: 'online_voting', authorisedParty: '演示投票服务有限公司', validFrom: '2026-04-01', validTo: '2027-03-31' },
  { authorisationNumber: 'SQ2026040100006', accountNumber: 'A990000003', business: 'securities_query', authorisedParty: '演示财富顾问有限公司', validFrom: '2026-04-01', validTo: '2026-09-30' },
] as const;
const REVOKED = 'SQ2026020300003';

const meta = { requestId: 'seed' };
const actor: Actor = { kind: 'system', id: 'demo-seed' };

async function load(ctx: AppContext, kind: EventImportKind, batchId: string, lines: string[]) {
  const file = [eventImports[kind].columns.join(','), ...lines].join('\n');
  await importEventBatch(ctx, meta, actor, kind, { batchId, stream: Readable.from([file]) });
}

/** Writes the rows; run once, after the demo people exist. */
export async function seedBoundHolderEvents(ctx: AppContext): Promise<void> {
  await load(ctx, 'risk-disclosures', 'DEMO-BIND-RISK', ['0199000001,chinext,2019-03-11,演示证券股份有限公司', 'A990000001,star,2020-07-06,演示证券股份有限公司', 'A990000002,star,2021-05-17,演示华信证券有限责任公司']);
  await ctx.db.transaction(async (tx) => {
    for (const s of QUOTA_BASIS) await registerSecurity(tx, { id: s.id, code: s.code, market: s.market, name: s.name, isin: s.isin, parValue: '1.0000' });
    await applyChanges(
      tx,
      'demo-bound-quota-basis',
      ctx.clock.now(),
      QUOTA_BASIS.map((s, i) => ({
        lineNo: i + 1,
        accountNumber: s.account,
        market: s.market,
        securityCode: s.code,
        businessType: 'initial_registration',
        category: 'tradable',
        quantity: 20_000n,
        effectiveOn: '2025-11-03',
      })),
    );
  });
  for (const o of OFFERINGS) {
    await seedClosingPriceDemo(ctx, { market: o.market, before: o.date });
    await createOffering(ctx, meta, actor, { market: o.market, securityCode: o.code, name: o.name, issuePrice: o.price, subscriptionDate: o.date });
    // In Shenzhen he orders again from the same account: kept as an invalid subscription (重复申购), shown with its reason.
    const repeat = o.market === 'SZ' ? [`${o.code},${o.account},1000,2,${o.date} 09:45:10`] : [];
    await load(ctx, 'ipo-subscriptions', `DEMO-BIND-SUB-${o.code}`, [`${o.code},${o.account},${o.quantity},1,${o.date} 09:31:05`, ...repeat]);
    const [range] = await ctx.db
      .select({ first: ipoSubscriptions.firstNumber })
      .from(ipoSubscriptions)
      .innerJoin(ipoOfferings, eq(ipoOfferings.id, ipoSubscriptions.offeringId))
      .where(and(eq(ipoOfferings.securityCode, o.code), eq(ipoSubscriptions.accountNumber, o.account), isNull(ipoSubscriptions.invalidReason)));
    // Two of the holder's numbers win: their last three digits are the tails.
    const first = range?.first;
    if (first === null || first === undefined) throw new Error(`the demo subscription to ${o.code} got no numbers`);
    const tails = [first + 2n, first + 7n].map((n) => n.toString().slice(-3));
    await load(
      ctx,
      'ipo-winning-tails',
      `DEMO-BIND-TAIL-${o.code}`,
      tails.map((t) => `${o.code},${t}`),
    );
    const [won] = await ctx.db
      .select({ quantity: ipoSubscriptions.winningQuantity })
      .from(ipoSubscriptions)
      .innerJoin(ipoOfferings, eq(ipoOfferings.id, ipoSubscriptions.offeringId))
      .where(and(eq(ipoOfferings.securityCode, o.code), eq(ipoSubscriptions.accountNumber, o.account), isNull(ipoSubscriptions.invalidReason)));
    await load(ctx, 'ipo-payments', `DEMO-BIND-PAY-${o.code}`, [`${o.code},${o.account},${o.pays ? won!.quantity : 0n},${addDays(o.date, 2)}`]);
  }
  await load(ctx, 'abandonments', 'DEMO-BIND-ABANDON', ['A990000001,convertible_bond,113699,演示绑定转债,10,10,2026-03-16']);
  for (const a of AUTHORISATIONS) await recordAuthorisation(ctx, meta, actor, a);
  await revokeAuthorisation(ctx, meta, actor, REVOKED);
}
