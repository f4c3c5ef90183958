import { and, count, eq } from 'drizzle-orm';
import type { AppContext } from '../../../context.ts';
import type { Executor } from '../../../platform/db/client.ts';
import { applyChanges, type Change, createHolder, DEMO_DISTRIBUTIONS, DEMO_HISTORY, distributions, type NewHolder, openSecuritiesAccount, openUnifiedAccount, securities } from '../../registry/index.ts';
import { addDays } from '../../../kernel/dates.ts';
import { usccCheckChar } from '../../../kernel/identifiers.ts';

/**
 * Market trades of 演示张明 (A990000001) in the demo registry's 演示银行 601555
 * around its cash dividend (DEMO_DISTRIBUTIONS[0]), so that the hall's
 * 股息红利个人所得税 has records for him: two lots bought before the record
 * date, the older sold within a year of buying (10%), part of the newer within
 * a month (20%); the rest he still holds. The other side of every trade is a
 * plainly fictitious institution, whose opening balance is dated on the first
 * day of the demo history like the registry's own.
 *
 * Written through the ledger before the distributions run, so that the
 * distribution pays him and computeDividendTax (in seedDistributionDemo)
 * finds his sales; nothing when the security is not there (no demo registry)
 * or already has a distribution.
 */

export const TAX_DEMO_DIVIDEND = DEMO_DISTRIBUTIONS[0];
export const TAX_DEMO_ACCOUNT = 'A990000001';

export const TAX_DEMO_COUNTERPARTY = {
  holder: { kind: 'institution', category: 'ordinary', name: '演示对手方投资有限公司', idType: 'unified_social_credit_code', idNumber: `91110105MA0099007${usccCheckChar('91110105MA0099007')}` },
  unifiedAccount: '289900000007',
  account: 'B990000007',
  openingBalance: 100_000n,
} as const satisfies { holder: NewHolder; unifiedAccount: string; account: string; openingBalance: bigint };

/** 演示张明's trade settlements, in days from the record date (all on weekdays): purchases positive, sales negative. */
export const TAX_DEMO_TRADES = [
  { daysFromRecord: -120, quantity: 3_000n },
  { daysFromRecord: -10, quantity: 2_000n },
  { daysFromRecord: 5, quantity: -3_000n },
  { daysFromRecord: 12, quantity: -1_000n },
] as const;

export const taxDemoTradeDate = (daysFromRecord: number) => addDays(TAX_DEMO_DIVIDEND.recordOn, daysFromRecord);

function tradeLines(): Change[] {
  const { market, code } = TAX_DEMO_DIVIDEND;
  const change = (accountNumber: string, businessType: Change['businessType'], quantity: bigint, effectiveOn: string): Omit<Change, 'lineNo'> => ({
    accountNumber,
    market,
    securityCode: code,
    businessType,
    category: 'tradable',
    quantity,
    effectiveOn,
  });
  const lines = [change(TAX_DEMO_COUNTERPARTY.account, 'initial_registration', TAX_DEMO_COUNTERPARTY.openingBalance, DEMO_HISTORY.from)];
  for (const t of TAX_DEMO_TRADES) {
    const on = taxDemoTradeDate(t.daysFromRecord);
    lines.push(change(TAX_DEMO_ACCOUNT, 'trade_settlement', t.quantity, on), change(TAX_DEMO_COUNTERPARTY.account, 'trade_settlement', -t.quantity, on));
  }
  return lines.map((l, i) => ({ ...l, lineNo: i + 1 }));
}

/** Writes the counterparty and the trades in the caller's transaction, after 演示张明's accounts exist; false when skipped. */
export async function seedDividendTaxDemo(ctx: AppContext, tx: Executor): Promise<boolean> {
  const { market, code } = TAX_DEMO_DIVIDEND;
  const [security] = await tx
    .select({ id: securities.id, distributions: count(distributions.id) })
    .from(securities)
    .leftJoin(distributions, eq(distributions.securityId, securities.id))
    .where(and(eq(securities.market, market), eq(securities.code, code)))
    .groupBy(securities.id);
  if (!security || security.distributions > 0) return false;
  const c = TAX_DEMO_COUNTERPARTY;
  const opening = { agent: 'B01866', method: 'counter' as const, on: DEMO_HISTORY.from };
  const holderId = await createHolder(ctx, tx, c.holder);
  await openUnifiedAccount(tx, holderId, c.unifiedAccount, opening);
  await openSecuritiesAccount(tx, { holderId, unifiedAccountNumber: c.unifiedAccount, number: c.account, kind: 'a_share' }, opening);
  await applyChanges(tx, 'demo-dividend-tax-trades', ctx.clock.now(), tradeLines());
  return true;
}
