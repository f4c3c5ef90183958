import type { AppContext } from '../../context.ts';
import { AppError } from '../../platform/errors.ts';
import type { Session } from '../../platform/auth/sessions.ts';
import {
  abandonmentRecords,
  type AbandonmentRow,
  type AllotmentView,
  checkDates,
  dividendTaxFor,
  type DividendTaxLine,
  ipoAllotments,
  riskDisclosureSignings,
  type SigningView,
  subscriptionEligibility,
} from '../registry/index.ts';
import { accountsFor, checkAccountRefFor, withMaskedAccount, type BoundStanding } from './own-accounts.ts';
import './event-query-errors.ts';
import { beijingDate } from '../../kernel/time.ts';

/**
 * The corporate-event queries of the investor hall (manual 000 §一.2.2.5–8,
 * §二.2.2.5–8): 新股配号中签情况, 股息红利个人所得税, 放弃认购数据, 风险揭示书签署日期.
 * They read the registry's services, limited to the investor's own accounts for
 * 'event-query' (own-accounts.ts): under a bound unified account, or added for
 * this session with 添加证券账户.
 */

export interface PageRequest {
  page: number;
  pageSize: number;
}
export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** Where the hall's history starts: the first day of the Shanghai exchange. */
const HISTORY_START = '1990-12-19';

/** Checks an optional range: well-formed days, start not after end. */
export function checkRange(from?: string, to?: string): void {
  checkDates({ from, to });
  if (from && to && from > to) throw new AppError('EVQ_RANGE_INVALID');
}

function pageOfList<T>(list: T[], { page, pageSize }: PageRequest): Paged<T> {
  return { items: list.slice((page - 1) * pageSize, page * pageSize), total: list.length, page, pageSize };
}

export interface EventQuery extends PageRequest {
  /** an account's opaque reference (own-accounts.ts `accountRef`), never its number */
  account?: string;
  from?: string;
  to?: string;
}

/** A list row as the investor sees it: the account masked, beside its reference (issue 12 item 6). */
export type Masked<T extends { accountNumber: string }> = Omit<T, 'accountNumber'> & { accountMasked: string; accountRef: string };

/** The account a query's reference names (checked), or undefined for all of the investor's accounts of the use. */
async function chosenAccount(ctx: AppContext, session: Session, standing: BoundStanding, ref: string | undefined): Promise<string | undefined> {
  return ref === undefined ? undefined : (await checkAccountRefFor(ctx, session, standing, 'event-query', ref)).number;
}

/** The numbers a query reads: the chosen one, or every account of the use. */
async function scopeOf(ctx: AppContext, session: Session, standing: BoundStanding, chosen: string | undefined): Promise<string[]> {
  return chosen !== undefined ? [chosen] : (await accountsFor(ctx, session, standing, 'event-query')).map((a) => a.number);
}

function maskedPage<T extends { accountNumber: string }>(ctx: AppContext, list: T[], q: PageRequest): Paged<Masked<T>> {
  const page = pageOfList(list, q);
  return { ...page, items: page.items.map((row) => withMaskedAccount(ctx, row)) };
}

/** 新股配号中签情况: subscriptions by subscription date, with numbers, winnings and payment. */
export async function myIpoAllotments(ctx: AppContext, session: Session, standing: BoundStanding, q: EventQuery): Promise<Paged<Masked<AllotmentView>>> {
  checkRange(q.from, q.to);
  const chosen = await chosenAccount(ctx, session, standing, q.account);
  const scope = new Set(await scopeOf(ctx, session, standing, chosen));
  const all = await ipoAllotments(ctx, { holderId: standing.holderId, accountNumber: chosen, from: q.from, to: q.to });
  return maskedPage(
    ctx,
    all.filter((a) => scope.has(a.accountNumber)),
    q,
  );
}

export interface MarketStanding {
  market: string;
  eligible: boolean;
  barredFrom: string | null;
  barredTo: string | null;
}

/** 放弃认购数据: the abandonments by report date, and per market of the investor's accounts whether a bar is in force today. */
export async function myAbandonments(ctx: AppContext, session: Session, standing: BoundStanding, q: EventQuery): Promise<Paged<Masked<AbandonmentRow>> & { markets: MarketStanding[] }> {
  checkRange(q.from, q.to);
  const own = await accountsFor(ctx, session, standing, 'event-query');
  const chosen = await chosenAccount(ctx, session, standing, q.account);
  const scope = new Set(chosen === undefined ? own.map((a) => a.number) : [chosen]);
  const all = await abandonmentRecords(ctx, { holderId: standing.holderId, accountNumber: chosen, from: q.from, to: q.to });
  const today = beijingDate(ctx.clock.now());
  const markets = [...new Set(own.map((a) => a.market))].sort();
  const standings = await Promise.all(
    markets.map(async (market): Promise<MarketStanding> => {
      const e = await subscriptionEligibility(ctx, { holderId: standing.holderId, market, date: today });
      return { market, eligible: e.eligible, barredFrom: e.bar?.startOn ?? null, barredTo: e.bar?.endOn ?? null };
    }),
  );
  return {
    ...maskedPage(
      ctx,
      all.filter((a) => scope.has(a.accountNumber)),
      q,
    ),
    markets: standings,
  };
}

/** 风险揭示书签署日期: the signings, by account then board or product. */
export async function myRiskDisclosures(ctx: AppContext, session: Session, standing: BoundStanding, q: PageRequest & { account?: string }): Promise<Paged<Masked<SigningView>>> {
  const chosen = await chosenAccount(ctx, session, standing, q.account);
  const scope = new Set(await scopeOf(ctx, session, standing, chosen));
  const all = await riskDisclosureSignings(ctx, { holderId: standing.holderId, accountNumber: chosen });
  return maskedPage(
    ctx,
    all.filter((s) => scope.has(s.accountNumber)),
    q,
  );
}

/** 股息红利个人所得税: tax records by settlement date of the sale (the whole history unless a range is given). */
export async function myDividendTax(ctx: AppContext, session: Session, standing: BoundStanding, q: EventQuery): Promise<Paged<Masked<DividendTaxLine>>> {
  checkRange(q.from, q.to);
  const accountNumbers = await scopeOf(ctx, session, standing, await chosenAccount(ctx, session, standing, q.account));
  const found = await dividendTaxFor(ctx.db, {
    accountNumbers,
    holderId: standing.holderId,
    from: q.from ?? HISTORY_START,
    to: q.to ?? beijingDate(ctx.clock.now()),
    page: q.page,
    pageSize: q.pageSize,
  });
  return { ...found, items: found.items.map((row) => withMaskedAccount(ctx, row)), page: q.page, pageSize: q.pageSize };
}
