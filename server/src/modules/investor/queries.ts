import type { AppContext } from '../../context.ts';
import { AppError } from '../../platform/errors.ts';
import { isSteppedUp, type Session } from '../../platform/auth/sessions.ts';
import { accountWithHoldingsAt, businessTypes, changesBetween, countChangesBetween, freezesAt, holdingsAt, isBusinessType, type SecurityFilter, unifiedAccountsOf } from '../registry/index.ts';
import { addDays, isIsoDate } from '../../kernel/dates.ts';
import { checkAccountRefFor, checkFoundAccountFor, holderAccounts, openAccountRef, type AccountBinding, type BoundStanding, type OwnAccount } from './own-accounts.ts';
import './query-errors.ts';
import { beijingTime } from '../../kernel/time.ts';
import { mask } from '../../kernel/masking.ts';

/**
 * 查询服务 of a bound investor (manual 000 §一.2.2.1–2.2.4, §二.2.2.1–2.2.4):
 * 我的一码通 with 显示完整证券账户 and 添加证券账户, and 证券持有余额, 证券持有变更
 * and 证券冻结情况 of one of the investor's accounts. Everything is read through
 * the registry's services; every account is checked by own-accounts.ts.
 */

export type SecurityClass = 'A' | 'B';
export const SECURITY_CLASSES: readonly SecurityClass[] = ['A', 'B'];
/** The longest period of 证券持有变更, in days (one year, a leap year's included). */
export const MAX_CHANGE_RANGE_DAYS = 366;

export interface Paged<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

const paged = <T>(all: T[], page: { page: number; pageSize: number }): Paged<T> => ({
  items: all.slice((page.page - 1) * page.pageSize, page.page * page.pageSize),
  page: page.page,
  pageSize: page.pageSize,
  total: all.length,
});

// --- 我的一码通 -------------------------------------------------------------------------

export interface MyUnifiedAccountView {
  unifiedAccountNumber: string;
  bound: boolean;
  boundAt: string | null;
  status: string;
  securitiesAccounts: { number: string; market: string; kind: string; status: string; openingAgent: string; openedOn: string; binding: AccountBinding }[];
}

/**
 * 我的一码通: the holder's unified accounts (bound ones first) and their securities
 * accounts. Numbers are masked unless the session passed the step-up check
 * (显示完整证券账户); unbound ones are listed so that 添加证券账户 can add them.
 */
export async function myUnifiedAccountsView(ctx: AppContext, session: Session, standing: BoundStanding): Promise<{ fullNumbers: boolean; items: MyUnifiedAccountView[] }> {
  const fullNumbers = isSteppedUp(session, ctx.clock.now());
  const unified = await unifiedAccountsOf(ctx.db, standing.holderId);
  const accounts = await holderAccounts(ctx, session, standing);
  const boundAt = new Map(standing.boundUnifiedAccounts.map((b) => [b.unifiedAccountNumber, b.boundAt]));
  const items = unified.map((u) => ({
    unifiedAccountNumber: u.number,
    bound: boundAt.has(u.number),
    boundAt: boundAt.get(u.number) ?? null,
    status: u.status,
    securitiesAccounts: accounts
      .filter((a) => a.unifiedAccountNumber === u.number)
      .map((a) => ({
        number: fullNumbers ? a.number : mask('securitiesAccount', a.number, 'list'),
        market: a.market,
        kind: a.kind,
        status: a.status,
        openingAgent: a.openingAgent,
        openedOn: a.openedOn,
        binding: a.binding,
      })),
  }));
  return { fullNumbers, items: [...items.filter((i) => i.bound), ...items.filter((i) => !i.bound)] };
}

// --- dates ----------------------------------------------------------------------------

/** A query date: a real calendar day, not after today (Beijing time). */
export function checkQueryDate(ctx: AppContext, date: string): string {
  if (!isIsoDate(date)) throw new AppError('QRY_DATE_INVALID');
  if (date > beijingTime(ctx.clock.now()).date) throw new AppError('QRY_DATE_IN_FUTURE');
  return date;
}

/** A period of 证券持有变更: both ends valid, in order, at most MAX_CHANGE_RANGE_DAYS long. */
export function checkQueryRange(ctx: AppContext, from: string, to: string): { from: string; to: string } {
  checkQueryDate(ctx, from);
  checkQueryDate(ctx, to);
  if (from > to) throw new AppError('QRY_RANGE_REVERSED');
  if (addDays(from, MAX_CHANGE_RANGE_DAYS) <= to) throw new AppError('QRY_RANGE_TOO_LONG', { days: MAX_CHANGE_RANGE_DAYS });
  return { from, to };
}

// --- holdings, changes, freezes ---------------------------------------------------------

export interface AccountQuery {
  /** the account's opaque reference (own-accounts.ts `accountRef`), never its number */
  accountRef: string;
  market: string;
  securityClass: SecurityClass;
}

async function accountFor(ctx: AppContext, session: Session, standing: BoundStanding, q: AccountQuery) {
  return inMarket(await checkAccountRefFor(ctx, session, standing, 'holding-query', q.accountRef), q);
}

function inMarket(account: OwnAccount, q: AccountQuery): OwnAccount {
  if (account.market !== q.market) throw new AppError('QRY_MARKET_MISMATCH');
  return account;
}

const filterOf = (q: AccountQuery, securityCode?: string): SecurityFilter => ({ market: q.market, securityClass: q.securityClass, ...(securityCode ? { securityCode } : {}) });
const str = (n: bigint) => n.toString();

/** 证券持有余额: the positions at the end of a date, by category (quantities as decimal strings). */
export async function holdingBalance(ctx: AppContext, session: Session, standing: BoundStanding, q: AccountQuery & { date: string }, page: { page: number; pageSize: number }) {
  checkQueryDate(ctx, q.date);
  // The account and its holdings in one statement; the holdings are shown only once the account is checked.
  const found = await accountWithHoldingsAt(ctx.db, openAccountRef(ctx, 'holding-query', q.accountRef), q.date);
  inMarket(await checkFoundAccountFor(ctx, session, standing, 'holding-query', found?.account ?? null), q);
  const positions = found!.positions.filter((p) => p.market === q.market && p.securityClass === q.securityClass);
  return paged(
    positions.map((p) => ({
      code: p.code,
      name: p.name,
      market: p.market,
      tradable: str(p.tradable),
      restricted: str(p.restricted),
      frozen: str(p.frozen),
      pledged: str(p.pledged),
      total: str(p.tradable + p.restricted),
    })),
    page,
  );
}

const typeNames = (type: string) => (isBusinessType(type) ? { zh: businessTypes[type].zh, en: businessTypes[type].en } : { zh: type, en: type });

/** 证券持有变更: the journal of the account in a period, oldest first, paged in the database. */
export async function holdingChanges(ctx: AppContext, session: Session, standing: BoundStanding, q: AccountQuery & { from: string; to: string; securityCode?: string }, page: { page: number; pageSize: number }) {
  checkQueryRange(ctx, q.from, q.to);
  const account = await accountFor(ctx, session, standing, q);
  const filter = filterOf(q, q.securityCode);
  const [entries, total] = await Promise.all([
    changesBetween(ctx.db, account.number, q.from, q.to, { limit: page.pageSize, offset: (page.page - 1) * page.pageSize }, filter),
    countChangesBetween(ctx.db, account.number, q.from, q.to, filter),
  ]);
  return {
    items: entries.map((e) => {
      const names = typeNames(e.businessType);
      return {
        id: e.id,
        date: e.effectiveOn,
        code: e.code,
        name: e.name,
        businessType: e.businessType,
        businessTypeZh: names.zh,
        businessTypeEn: names.en,
        category: e.category,
        quantity: str(e.quantity),
        balanceAfter: str(e.balanceAfter),
      };
    }),
    page: page.page,
    pageSize: page.pageSize,
    total,
  };
}

/** The longest history the chart reads; a year of one security rarely has more entries. */
const MAX_HISTORY_ENTRIES = 2000;

/**
 * The balance held (无限售 + 限售) of one security in one account, at the start of
 * a period and after each day of it with a change: the points of the chart.
 */
export async function holdingHistory(ctx: AppContext, session: Session, standing: BoundStanding, q: AccountQuery & { from: string; to: string; securityCode: string }) {
  checkQueryRange(ctx, q.from, q.to);
  const account = await accountFor(ctx, session, standing, q);
  const before = addDays(q.from, -1);
  const start = (await holdingsAt(ctx.db, account.number, before)).find((p) => p.code === q.securityCode && p.market === q.market);
  const balance = { tradable: start?.tradable ?? 0n, restricted: start?.restricted ?? 0n };
  const points = [{ date: before, balance: str(balance.tradable + balance.restricted) }];
  const entries = await changesBetween(ctx.db, account.number, q.from, q.to, { limit: MAX_HISTORY_ENTRIES, offset: 0 }, filterOf(q, q.securityCode));
  for (const e of entries) {
    if (e.category !== 'tradable' && e.category !== 'restricted') continue;
    balance[e.category] = e.balanceAfter;
    const point = { date: e.effectiveOn, balance: str(balance.tradable + balance.restricted) };
    if (points.at(-1)!.date === e.effectiveOn) points[points.length - 1] = point;
    else points.push(point);
  }
  return { code: q.securityCode, name: entries[0]?.name ?? start?.name ?? q.securityCode, points, truncated: entries.length === MAX_HISTORY_ENTRIES };
}

/** 证券冻结情况: freezes in force and waiting (轮候冻结) at the end of a date. */
export async function freezeSituation(ctx: AppContext, session: Session, standing: BoundStanding, q: AccountQuery & { date: string }, page: { page: number; pageSize: number }) {
  checkQueryDate(ctx, q.date);
  const account = await accountFor(ctx, session, standing, q);
  const found = (await freezesAt(ctx.db, account.number, q.date)).filter((f) => f.market === q.market && f.securityClass === q.securityClass);
  return paged(
    found.map((f) => ({
      id: f.id,
      code: f.code,
      name: f.name,
      kind: f.kind,
      state: f.status,
      authority: f.authority,
      caseNumber: f.caseNumber,
      quantity: str(f.quantity),
      frozenQuantity: str(f.frozenQuantity),
      queueNo: f.queueNo,
      startOn: f.startOn,
      endOn: f.endOn,
    })),
    page,
  );
}
