import type { AppContext } from '../server/src/context.ts';
import { applyChanges, type Change, createHolder, openSecuritiesAccount, openUnifiedAccount, registerSecurity, settlementColumns } from '../server/src/modules/registry/index.ts';
import { gb11643CheckChar } from '../server/src/kernel/identifiers.ts';

/** One-line builders of registry test data: fictitious people, valid formats. */

let serial = 0;
const next = () => ++serial + Math.floor(Math.random() * 1000) * 10_000;

export function aResidentId(birth = '19900101'): string {
  const body = `110105${birth}${String(next() % 1000).padStart(3, '0')}`;
  return body + gb11643CheckChar(body);
}

export async function aSecurity(ctx: AppContext, input: { code?: string; market?: 'SH' | 'SZ' | 'BJ'; name?: string } = {}) {
  const id = next();
  const market = input.market ?? 'SH';
  const code = input.code ?? `60${String(id % 10000).padStart(4, '0')}`;
  await registerSecurity(ctx.db, { id, code, market, name: input.name ?? `测试股份${id}`, isin: `CNE${String(id).padStart(8, '0')}0`, parValue: '1.0000' });
  return { id, code, market };
}

export interface TestInvestor {
  holderId: string;
  unifiedAccount: string;
  shAccount: string;
  szAccount: string;
}

export async function anInvestor(ctx: AppContext, name = '测试投资者'): Promise<TestInvestor> {
  const n = next();
  const holderId = await createHolder(ctx, ctx.db, { kind: 'person', category: 'ordinary', name, idType: 'resident_id', idNumber: aResidentId() });
  const unifiedAccount = `1800${String(n).padStart(8, '0')}`;
  const opening = { agent: 'B01866', method: 'online' as const, on: '2020-01-02' };
  await openUnifiedAccount(ctx.db, holderId, unifiedAccount, opening);
  const shAccount = `A${String(n).padStart(9, '0')}`;
  const szAccount = `01${String(n).padStart(8, '0')}`;
  await openSecuritiesAccount(ctx.db, { holderId, unifiedAccountNumber: unifiedAccount, number: shAccount, kind: 'a_share' }, opening);
  await openSecuritiesAccount(ctx.db, { holderId, unifiedAccountNumber: unifiedAccount, number: szAccount, kind: 'a_share' }, opening);
  return { holderId, unifiedAccount, shAccount, szAccount };
}

/** Registers new shares of a security to an account (an issuance, so it need not balance). */
export async function issue(ctx: AppContext, security: { code: string; market: string }, accountNumber: string, quantity: bigint, on = '2024-01-02') {
  const change: Change = { lineNo: 1, accountNumber, market: security.market, securityCode: security.code, businessType: 'initial_registration', category: 'tradable', quantity, effectiveOn: on };
  await ctx.db.transaction((tx) => applyChanges(tx, `issue:${next()}`, ctx.clock.now(), [change]));
}

/** A new security, one investor holding `quantity` of it (issued on `on`) and another holding none: the two sides of a trade. */
export async function aSellerAndBuyer(ctx: AppContext, quantity: bigint, options: { on?: string; names?: [string, string] } = {}) {
  const security = await aSecurity(ctx);
  const seller = await anInvestor(ctx, options.names?.[0]);
  const buyer = await anInvestor(ctx, options.names?.[1]);
  await issue(ctx, security, seller.shAccount, quantity, options.on);
  return { security, seller, buyer };
}

/**
 * A settlement file of balanced trades among `accountCount` new accounts of one security,
 * each holding `initial`: every seller's line, then its buyer's, all covered. Answers the
 * file's lines (with the header) and each account's balance after it.
 */
export async function aTradingBook(ctx: AppContext, options: { accountCount: number; initial: bigint; trades: number; day: (i: number) => string }) {
  const security = await aSecurity(ctx);
  const accounts: string[] = [];
  for (let i = 0; i < options.accountCount; i++) {
    const { shAccount } = await anInvestor(ctx);
    await issue(ctx, security, shAccount, options.initial);
    accounts.push(shAccount);
  }
  const expected = new Map(accounts.map((a) => [a, options.initial]));
  const lines = [settlementColumns.join(',')];
  const n = accounts.length;
  for (let i = 0; i < options.trades; i++) {
    const seller = accounts[i % n]!;
    const buyer = accounts[((i % n) + 1 + ((i * 7) % (n - 1))) % n]!;
    const quantity = BigInt(1 + ((i * 37) % 50));
    const day = options.day(i);
    lines.push(`${seller},SH,${security.code},trade_settlement,tradable,-${quantity},${day},T${i}`, `${buyer},SH,${security.code},trade_settlement,tradable,${quantity},${day},T${i}`);
    expected.set(seller, expected.get(seller)! - quantity);
    expected.set(buyer, expected.get(buyer)! + quantity);
  }
  return { security, lines, expected };
}
