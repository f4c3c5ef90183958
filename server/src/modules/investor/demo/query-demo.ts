import type { AppContext } from '../../../context.ts';
import { AppError } from '../../../platform/errors.ts';
import { applyChanges, type BusinessTypeName, type Change, freeze, registerSecurity, securityByCode } from '../../registry/index.ts';
import { addDays } from '../../../kernel/dates.ts';
import { beijingTime } from '../../../kernel/time.ts';

/**
 * Holdings of the demo people (演示张明 A990000001 / 0199000001, 演示李华 A990000002)
 * for 证券持有余额, 证券持有变更 and 证券冻结情况: two fictitious securities
 * registered ten months ago, a trade between them four months ago and a court
 * freeze two months ago, dated from today so that the default query dates find them.
 */
const DEMO_SECURITIES = [
  { id: 99_101, code: '601990', market: 'SH' as const, name: '演示一码通', isin: 'CNE100099010' },
  { id: 99_102, code: '000990', market: 'SZ' as const, name: '演示深市', isin: 'CNE000099020' },
];

export async function seedQueryDemo(ctx: AppContext): Promise<void> {
  const exists = await securityByCode(ctx.db, 'SH', DEMO_SECURITIES[0]!.code).then(
    () => true,
    (error: unknown) => (error instanceof AppError && error.code === 'SECURITY_NOT_FOUND' ? false : Promise.reject(error)),
  );
  if (exists) return;
  const today = beijingTime(ctx.clock.now()).date;
  const [sh, sz] = DEMO_SECURITIES as [(typeof DEMO_SECURITIES)[0], (typeof DEMO_SECURITIES)[0]];
  const line = (lineNo: number, accountNumber: string, s: typeof sh, businessType: BusinessTypeName, quantity: bigint, daysAgo: number): Change => ({
    lineNo,
    accountNumber,
    market: s.market,
    securityCode: s.code,
    businessType,
    category: 'tradable',
    quantity,
    effectiveOn: addDays(today, -daysAgo),
  });
  await ctx.db.transaction(async (tx) => {
    for (const s of DEMO_SECURITIES) await registerSecurity(tx, { id: s.id, code: s.code, market: s.market, name: s.name, isin: s.isin, parValue: '1.0000' });
    await applyChanges(tx, 'demo-queries-initial', ctx.clock.now(), [
      line(1, 'A990000001', sh, 'initial_registration', 10_000n, 300),
      line(2, 'A990000002', sh, 'initial_registration', 2_000n, 300),
      line(3, '0199000001', sz, 'initial_registration', 5_000n, 300),
    ]);
    await applyChanges(tx, 'demo-queries-trade', ctx.clock.now(), [line(1, 'A990000001', sh, 'trade_settlement', -3_000n, 120), line(2, 'A990000002', sh, 'trade_settlement', 3_000n, 120)]);
  });
  await freeze(
    ctx,
    { requestId: 'demo' },
    { kind: 'system' },
    { accountNumber: 'A990000001', securityId: sh.id, authority: '演示市中级人民法院', caseNumber: '(演示)01执1号', quantity: 1_000n, on: addDays(today, -60), months: 12 },
  );
}
