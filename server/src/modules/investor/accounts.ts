import type { AppContext } from '../../context.ts';
import { securitiesAccountsOf } from '../registry/holder-lookup.ts';
import type { InvestorStanding } from './binding.ts';

/** 我的一码通 (manual 000 §一.2.2.1): the bound unified accounts and their securities accounts, numbers masked. */
export const maskAccount = (number: string) => (number.length > 6 ? `${number.slice(0, 3)}${'*'.repeat(number.length - 6)}${number.slice(-3)}` : number);

export async function myUnifiedAccounts(ctx: AppContext, standing: InvestorStanding) {
  const numbers = standing.boundUnifiedAccounts.map((b) => b.unifiedAccountNumber);
  const accounts = await securitiesAccountsOf(ctx.db, numbers);
  return standing.boundUnifiedAccounts.map((b) => ({
    unifiedAccountNumber: b.unifiedAccountNumber,
    boundAt: b.boundAt,
    securitiesAccounts: accounts
      .filter((a) => a.unifiedAccountNumber === b.unifiedAccountNumber)
      .map((a) => ({ numberMasked: maskAccount(a.number), market: a.market, kind: a.kind, status: a.status, openingAgent: a.openingAgent, openedOn: a.openedOn })),
  }));
}
