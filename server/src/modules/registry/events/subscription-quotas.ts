import { sql } from 'drizzle-orm';
import type { AppContext } from '../../../context.ts';
import { rows, type Executor } from '../../../platform/db/client.ts';
import { type BalanceFrom, dailyMarketValues, type PriceHistory, QUOTA_WINDOW_DAYS, quotaFromDailyValues, type QuotaPosition, quotaRule, quotaWindow } from './ipo-quota.ts';

/**
 * The subscription quota from the database: the market's trading calendar (days with
 * a closing-price file), each investor's positions over the window from the journal,
 * and the closing prices; the arithmetic is ipo-quota.ts. An investor is a holder
 * identity: the same name and the same ID number (its keyed hash), across all their
 * A-share and credit accounts of the market (decision 0034).
 */

/** The market's trading days before a date, newest first: enough for T−1 and the window. */
export async function tradingDaysBefore(ex: Executor, market: string, before: string, count: number): Promise<string[]> {
  const found = await rows<{ day: string }>(ex, sql`select trading_day::text as day from closing_price_days where market = ${market} and trading_day < ${before}::date order by trading_day desc limit ${count}`);
  return found.map((r) => r.day);
}

/**
 * What the quota of some investors in one market needs over a window: each of their
 * positions (all accounts of the market, tradable shares) as balances by day — the
 * last one before the window and every one inside — and the closing prices of those
 * securities, likewise. Investors are holder identities (name and ID-number hash).
 */
export async function quotaInputs(ex: Executor, input: { market: string; investors: string[]; windowStart: string; windowEnd: string }): Promise<{ positions: Map<string, QuotaPosition[]>; prices: PriceHistory }> {
  const positions = new Map<string, QuotaPosition[]>();
  const prices = new Map<string, { day: string; price: string }[]>();
  if (!input.investors.length) return { positions, prices };
  // Per position: every entry inside the window and the last one before it (back = 1 among those before).
  const entries = await rows<{ investor: string; account_number: string; code: string; from: string; shares: string }>(
    ex,
    sql`with mine as (
          select a.number, h.name || ':' || h.id_number_hash as investor
          from holders h join securities_accounts a on a.holder_id = h.id
          where a.market = ${input.market} and a.kind in ('a_share', 'credit') and h.name || ':' || h.id_number_hash = any(${sql.param(input.investors)}::text[])),
        entries as (
          select m.investor, c.account_number, c.security_id, c.effective_on, c.id, c.balance_after, c.effective_on < ${input.windowStart}::date as before,
                 row_number() over (partition by c.account_number, c.security_id, c.effective_on < ${input.windowStart}::date order by c.effective_on desc, c.id desc) as back
          from mine m join holding_changes c on c.account_number = m.number and c.category = 'tradable' and c.effective_on <= ${input.windowEnd}::date)
        select e.investor, e.account_number, s.code, e.effective_on::text as "from", e.balance_after::text as shares
        from entries e join securities s on s.id = e.security_id
        where not e.before or e.back = 1
        order by e.investor, e.account_number, s.code, e.effective_on, e.id`,
  );
  const byPosition = new Map<string, { securityCode: string; balances: BalanceFrom[] }>();
  for (const e of entries) {
    const key = `${e.account_number}:${e.code}`;
    let position = byPosition.get(key);
    if (!position) {
      position = { securityCode: e.code, balances: [] };
      byPosition.set(key, position);
      const list = positions.get(e.investor) ?? [];
      list.push(position);
      positions.set(e.investor, list);
    }
    position.balances.push({ from: e.from, shares: BigInt(e.shares) });
  }
  const codes = [...new Set(entries.map((e) => e.code))];
  if (!codes.length) return { positions, prices };
  const found = await rows<{ code: string; day: string; price: string }>(
    ex,
    sql`with wanted as (select unnest(${sql.param(codes)}::text[]) as code)
        select p.security_code as code, p.trading_day::text as day, p.price::text as price
        from closing_prices p join wanted w on w.code = p.security_code
        where p.market = ${input.market} and p.trading_day between ${input.windowStart}::date and ${input.windowEnd}::date
        union all
        select w.code, last.day, last.price from wanted w
        cross join lateral (select q.trading_day::text as day, q.price::text as price from closing_prices q
                            where q.market = ${input.market} and q.security_code = w.code and q.trading_day < ${input.windowStart}::date
                            order by q.trading_day desc limit 1) last
        order by 1, 2`,
  );
  for (const p of found) {
    const list = prices.get(p.code) ?? [];
    list.push({ day: p.day, price: p.price });
    prices.set(p.code, list);
  }
  return { positions, prices };
}

export const quotaKey = (s: { investor: string; market: string; board: string; subscription_date: string }) => `${s.market}:${s.board}:${s.subscription_date}:${s.investor}`;

/** Each staged investor's quota (shares) per market, board and subscription day, from the closing prices and the journal. */
export async function investorQuotas(ex: Executor, staged: readonly { investor: string; market: string; board: string; subscription_date: string }[]): Promise<Map<string, bigint>> {
  const quotas = new Map<string, bigint>();
  const groups = new Map<string, { market: string; date: string; boards: Set<string>; investors: Set<string> }>();
  for (const s of staged) {
    const key = `${s.market}:${s.subscription_date}`;
    const group = groups.get(key) ?? { market: s.market, date: s.subscription_date, boards: new Set(), investors: new Set() };
    group.boards.add(s.board);
    group.investors.add(s.investor);
    groups.set(key, group);
  }
  for (const g of groups.values()) {
    const window = quotaWindow(await tradingDaysBefore(ex, g.market, g.date, QUOTA_WINDOW_DAYS + 1), g.date);
    const inputs = window.length ? await quotaInputs(ex, { market: g.market, investors: [...g.investors], windowStart: window[0]!, windowEnd: window.at(-1)! }) : null;
    for (const investor of g.investors) {
      const daily = inputs ? dailyMarketValues(window, inputs.positions.get(investor) ?? [], inputs.prices) : [];
      for (const board of g.boards) quotas.set(quotaKey({ investor, market: g.market, board, subscription_date: g.date }), quotaFromDailyValues(daily, quotaRule(g.market, board)));
    }
  }
  return quotas;
}

/** The quotas (shares) of some holders for an offering's market, board and subscription day; a holder with nothing priced has 0. */
export async function subscriptionQuotas(ctx: AppContext, input: { market: string; board: string; subscriptionDate: string; holderIds: string[] }): Promise<Map<string, bigint>> {
  const found = await rows<{ id: string; investor: string }>(ctx.db, sql`select id, name || ':' || id_number_hash as investor from holders where id = any(${sql.param(input.holderIds)}::uuid[])`);
  const quotas = await investorQuotas(
    ctx.db,
    found.map((h) => ({ investor: h.investor, market: input.market, board: input.board, subscription_date: input.subscriptionDate })),
  );
  return new Map(found.map((h) => [h.id, quotas.get(quotaKey({ investor: h.investor, market: input.market, board: input.board, subscription_date: input.subscriptionDate })) ?? 0n]));
}
