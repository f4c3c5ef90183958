import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../../context.ts';
import { rows } from '../../../platform/db/client.ts';
import type { Actor } from '../../../platform/audit/audit.ts';
import { addDays } from '../../../kernel/dates.ts';
import { createOffering, type EventImportKind, eventImports, importEventBatch, subscriptionQuotas } from '../events/index.ts';
import { seedClosingPriceDemo } from './price-demo.ts';
import type { Market } from '../../../kernel/identifiers.ts';

/**
 * Demo IPOs for the investor hall, written through the same imports as real
 * files (so they pass every check): eight offerings from December 2025 to
 * November 2026 on the four boards, subscriptions by the first demo holders,
 * winning tails, payments with a few abandonments, abandoned convertible
 * bonds, and risk-disclosure signings. Deterministic: a seeded generator, fixed
 * dates; it runs after the registry demo, on its holders.
 *
 * One holder — the first ordinary person with a Shenzhen account — wins and
 * does not pay twice in Shenzhen, then abandons a convertible bond there:
 * barred in Shenzhen from 2026-10-15 to 2027-04-14, free in Shanghai (see
 * `barredHolder` in the summary). Every other holder abandons at most once per
 * market, so nobody else is barred. (The demo registry has no individual
 * credit accounts; ordinary and credit accounts counting together is covered
 * by ipo.int.test.ts.)
 *
 * Quotas: demo closing prices are imported for the weeks before each offering
 * (price-demo.ts); most subscribers ask for at most their quota, a few for more
 * (无效: ABOVE_QUOTA), a few repeat from the same account (DUPLICATE_ACCOUNT), and
 * holders with a second account in the market sometimes subscribe through it too
 * (DUPLICATE_INVESTOR).
 */

interface DemoOffering {
  market: Market;
  code: string;
  name: string;
  price: string;
  date: string;
  /** not drawn yet: the hall shows numbers without winnings */
  open?: boolean;
}

const OFFERINGS: DemoOffering[] = [
  { market: 'SH', code: '603517', name: '演示新材料', price: '18.2600', date: '2025-12-08' },
  { market: 'SZ', code: '301607', name: '演示智能', price: '32.5000', date: '2026-01-12' },
  { market: 'SH', code: '688728', name: '演示芯科', price: '41.8800', date: '2026-03-09' },
  { market: 'SZ', code: '001356', name: '演示电气', price: '9.6700', date: '2026-05-18' },
  { market: 'SZ', code: '301592', name: '演示生物', price: '27.1500', date: '2026-08-10' },
  { market: 'SH', code: '605599', name: '演示储能', price: '15.0300', date: '2026-10-19' },
  { market: 'SZ', code: '003043', name: '演示食品', price: '11.4000', date: '2026-11-16' },
  { market: 'SH', code: '688619', name: '演示光电', price: '56.0000', date: '2026-11-20', open: true },
];

/** The barred holder's two unpaid Shenzhen winnings. */
const BARRED_WINS = ['001356', '301592'];
const SUBSCRIBERS = 300;

export interface IpoDemoSummary {
  offerings: number;
  subscriptions: number;
  abandonments: number;
  signings: number;
  barredHolder: { holderId: string; szAccount: string; barredFrom: string; barredTo: string } | null;
}

/** mulberry32: small, seeded, enough for demo choices. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (max: number) => Math.floor(next() * max), chance: (p: number) => next() < p };
}

interface DemoHolder {
  holderId: string;
  sh: string | null;
  sz: string | null;
  /** a second A-share account in the market, if the holder has one */
  sh2: string | null;
  sz2: string | null;
  shOpened: string | null;
  szOpened: string | null;
}

async function demoHolders(ctx: AppContext): Promise<DemoHolder[]> {
  const found = await rows<{ holder_id: string; sh: string | null; sz: string | null; sh2: string | null; sz2: string | null; sh_opened: string | null; sz_opened: string | null }>(
    ctx.db,
    sql`select h.id as holder_id,
               min(a.number) filter (where a.market = 'SH' and a.kind = 'a_share') as sh,
               min(a.number) filter (where a.market = 'SZ' and a.kind = 'a_share') as sz,
               nullif(max(a.number) filter (where a.market = 'SH' and a.kind = 'a_share'), min(a.number) filter (where a.market = 'SH' and a.kind = 'a_share')) as sh2,
               nullif(max(a.number) filter (where a.market = 'SZ' and a.kind = 'a_share'), min(a.number) filter (where a.market = 'SZ' and a.kind = 'a_share')) as sz2,
               (min(a.opened_on) filter (where a.market = 'SH' and a.kind = 'a_share'))::text as sh_opened,
               (min(a.opened_on) filter (where a.market = 'SZ' and a.kind = 'a_share'))::text as sz_opened
        from holders h join securities_accounts a on a.holder_id = h.id and a.status = 'normal'
        where h.kind = 'person' and h.category = 'ordinary'
        group by h.id
        having count(*) filter (where a.kind = 'a_share') > 0
        order by min(a.number) limit ${SUBSCRIBERS}`,
  );
  return found.map((r) => ({ holderId: r.holder_id, sh: r.sh, sz: r.sz, sh2: r.sh2, sz2: r.sz2, shOpened: r.sh_opened, szOpened: r.sz_opened }));
}

async function load(ctx: AppContext, kind: EventImportKind, batchId: string, lines: string[]): Promise<number> {
  if (!lines.length) return 0;
  const file = [eventImports[kind].columns.join(','), ...lines].join('\n');
  const result = await importEventBatch(ctx, { requestId: 'seed' }, { kind: 'system', id: 'demo-seed' }, kind, { batchId, stream: Readable.from([file]) });
  return result.rows;
}

/** Three 3-digit tails and one 2-digit tail: about 1.3% of the numbers win. */
function tailsFor(rng: ReturnType<typeof generator>): string[] {
  const tails = new Set<string>([String(rng.int(100)).padStart(2, '0')]);
  while (tails.size < 4) tails.add(String(rng.int(1000)).padStart(3, '0'));
  return [...tails];
}

export async function seedIpoDemo(ctx: AppContext, seed = 20251208): Promise<IpoDemoSummary> {
  const rng = generator(seed);
  const actor: Actor = { kind: 'system', id: 'demo-seed' };
  const holders = await demoHolders(ctx);
  for (const o of OFFERINGS) await seedClosingPriceDemo(ctx, { market: o.market as 'SH' | 'SZ', before: o.date });
  const quotasOf = (o: DemoOffering, board: string) => subscriptionQuotas(ctx, { market: o.market, board, subscriptionDate: o.date, holderIds: holders.map((h) => h.holderId) });
  // The barred holder must win both times: one with a Shenzhen quota on both days.
  const barredQuotas = await Promise.all(OFFERINGS.filter((o) => BARRED_WINS.includes(o.code)).map((o) => quotasOf(o, 'main')));
  const barred = holders.find((h) => h.sz && barredQuotas.every((q) => (q.get(h.holderId) ?? 0n) >= 2500n)) ?? null;
  const abandonedMarkets = new Set<string>(); // holder:market pairs that abandoned once: only the barred holder abandons twice
  let subscriptions = 0;
  let abandonments = 0;

  for (const o of OFFERINGS) {
    const offering = await createOffering(ctx, { requestId: 'seed' }, actor, { market: o.market, securityCode: o.code, name: o.name, issuePrice: o.price, subscriptionDate: o.date });
    const unit = BigInt(offering.unitShares);
    const quotas = await quotasOf(o, offering.board);
    const lines: string[] = [];
    const at = (i: number, minute = 0) => `${o.date} ${10 + minute}:${String(30 + Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`;
    holders.forEach((h, i) => {
      const account = o.market === 'SH' ? h.sh : h.sz;
      const second = o.market === 'SH' ? h.sh2 : h.sz2;
      const afterBar = h === barred && o.market === 'SZ' && o.date > '2026-10-14';
      const forced = h === barred && BARRED_WINS.includes(o.code);
      if (!account || afterBar || (!rng.chance(0.6) && !forced)) return;
      const quotaUnits = Number((quotas.get(h.holderId) ?? 0n) / unit);
      const maxUnits = o.market === 'SH' && o.code.startsWith('60') ? 12 : 24;
      const above = !forced && rng.chance(quotaUnits ? 0.06 : 0.15);
      if (!quotaUnits && !above) return;
      const units = above ? quotaUnits + 1 + rng.int(3) : forced ? Math.min(quotaUnits, 5) : 1 + rng.int(Math.min(maxUnits, quotaUnits));
      lines.push(`${o.code},${account},${unit * BigInt(units)},${i + 1},${at(i)}`);
      if (!forced && rng.chance(0.03)) lines.push(`${o.code},${account},${unit},${i + 1001},${at(i, 1)}`); // again from the same account
      if (second && !forced && rng.chance(0.3)) lines.push(`${o.code},${second},${unit},${i + 2001},${at(i, 2)}`); // again through another account
    });
    subscriptions += await load(ctx, 'ipo-subscriptions', `DEMO-IPO-SUB-${o.code}`, lines);
    if (o.open) continue;

    const tails = tailsFor(rng);
    if (barred && BARRED_WINS.includes(o.code)) {
      const [range] = await rows<{ first_number: string }>(
        ctx.db,
        sql`select s.first_number::text from ipo_subscriptions s join ipo_offerings f on f.id = s.offering_id where f.security_code = ${o.code} and s.account_number = ${barred.sz} and s.invalid_reason is null`,
      );
      tails.push(range!.first_number.slice(-4));
    }
    await load(
      ctx,
      'ipo-winning-tails',
      `DEMO-IPO-TAIL-${o.code}`,
      tails.map((t) => `${o.code},${t}`),
    );

    const winners = await rows<{ account_number: string; holder_id: string; winning_quantity: string }>(
      ctx.db,
      sql`select s.account_number, s.holder_id, s.winning_quantity::text from ipo_subscriptions s join ipo_offerings f on f.id = s.offering_id
          where f.security_code = ${o.code} and s.winning_quantity > 0 order by s.first_number`,
    );
    const reportedOn = addDays(o.date, 2);
    const payLines = winners.map((w) => {
      const key = `${w.holder_id}:${o.market}`;
      const forced = barred && w.holder_id === barred.holderId && BARRED_WINS.includes(o.code);
      const abandons = forced || (!abandonedMarkets.has(key) && w.holder_id !== barred?.holderId && rng.chance(0.12));
      if (!abandons) return `${o.code},${w.account_number},${w.winning_quantity},${reportedOn}`;
      abandonedMarkets.add(key);
      abandonments++;
      const won = BigInt(w.winning_quantity);
      const paid = !forced && won > unit && rng.chance(0.5) ? won - unit : 0n; // a partial payment is an abandonment too
      return `${o.code},${w.account_number},${paid},${reportedOn}`;
    });
    await load(ctx, 'ipo-payments', `DEMO-IPO-PAY-${o.code}`, payLines);
  }

  // Abandoned convertible and exchangeable bonds, reported directly; one is the barred holder's third abandonment.
  const bondLines: string[] = [];
  if (barred) bondLines.push(`${barred.sz},convertible_bond,127089,演示转债,10,10,2026-10-14`);
  holders.slice(40, 200).forEach((h, i) => {
    const account = i % 2 ? h.sh : h.sz;
    const market = i % 2 ? 'SH' : 'SZ';
    if (!account || abandonedMarkets.has(`${h.holderId}:${market}`) || h === barred || !rng.chance(0.05)) return;
    abandonedMarkets.add(`${h.holderId}:${market}`);
    const bond = market === 'SH' ? ['113688', '演示转债SH', 'convertible_bond'] : ['117201', '演示EB', 'exchangeable_bond'];
    bondLines.push(`${account},${bond[2]},${bond[0]},${bond[1]},10,10,2026-0${1 + (i % 9)}-15`);
  });
  abandonments += await load(ctx, 'abandonments', 'DEMO-ABANDON-BONDS', bondLines);

  const signLines: string[] = [];
  const signedOn = (opened: string | null) => {
    const day = addDays(opened ?? '2021-01-04', 1 + rng.int(900));
    return day > '2026-11-20' ? '2026-11-20' : day;
  };
  const brokers = ['演示证券股份有限公司', '演示华信证券有限责任公司', '演示东方证券营业部'];
  holders.forEach((h, i) => {
    const broker = brokers[i % brokers.length]!;
    if (h.sz && rng.chance(0.6)) signLines.push(`${h.sz},chinext,${signedOn(h.szOpened)},${broker}`);
    if (h.sh && rng.chance(0.45)) signLines.push(`${h.sh},star,${signedOn(h.shOpened)},${broker}`);
    if (h.sh && rng.chance(0.1)) signLines.push(`${h.sh},risk_warning,${signedOn(h.shOpened)},${broker}`);
    if (h.sz && rng.chance(0.05)) signLines.push(`${h.sz},delisting,${signedOn(h.szOpened)},${broker}`);
  });
  if (barred?.sz && !signLines.some((l) => l.startsWith(`${barred.sz},chinext`))) signLines.push(`${barred.sz},chinext,2021-06-01,${brokers[0]}`);
  const signings = await load(ctx, 'risk-disclosures', 'DEMO-RISK-DISCLOSURES', signLines);

  return {
    offerings: OFFERINGS.length,
    subscriptions,
    abandonments,
    signings,
    barredHolder: barred ? { holderId: barred.holderId, szAccount: barred.sz!, barredFrom: '2026-10-15', barredTo: '2027-04-14' } : null,
  };
}
