/**
 * Property tests of the ledger: random sequences of operations on a small world
 * (2-3 securities, 3-4 accounts), run against the real use cases and against a
 * plain in-memory model of what they should do.
 *
 * Operations: issuance (initial / new-share registration, by CSV or directly
 * through the ledger), settlement batches of trades (some deliberately
 * unbalanced, over-selling or back-dated), lock-up registration and release,
 * share cancellation, freezes (each taking what is free and queueing the rest as a
 * waiting freeze) and their release, pledges
 * and their full or partial release, and replays of applied batches (the same
 * content, or other content under the same batch id).
 *
 * After every operation: the outcome (applied, or the error code and the lines
 * and reasons of a rejected batch) is the one the model predicts; the holdings,
 * freezes and pledges of the world equal the model's; a failed operation left
 * the row count of every table unchanged. After every run: quantities are
 * conserved per security except by issuance and cancellation; no balance is
 * negative; frozen <= held and frozen + pledged <= held; every freeze's waiting
 * and in-force parts add up to what it ordered, and the parts in force add up to the
 * position's frozen balance; a release hands freed shares down the queue in order
 * (no later freeze gains while an earlier one still waits); the journal is the
 * model's, each entry's balance_after is the running sum of its position and
 * category, the current holdings are the sum of the journal, and holdingsAt()
 * at every date of the history equals a replay of the journal up to that date.
 *
 * Each run builds a fresh world in the suite's database; the seed is fixed, so
 * the same sequences run every time and a failure reproduces.
 */
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../../test/databases.ts';
import { testContext, type TestContext } from '../../../../../test/context.ts';
import { aSecurity, anInvestor } from '../../../../../test/registry.ts';
import { AppError } from '../../../platform/errors.ts';
import { rows, type Executor } from '../../../platform/db/client.ts';
import { businessTypes, type BusinessTypeName, type Category } from './business-types.ts';
import { addDays } from '../../../kernel/dates.ts';
import { freeze, registerPledge, releaseFreeze, releasePledge } from './encumbrances.ts';
import { applyChanges } from './ledger.ts';
import { freezesAt, holdingsAt } from './queries.ts';
import { importSettlementBatch, settlementColumns } from '../settlement/index.ts';

const SEED = 20261121;
/** Runs per database: PGlite takes about twice as long per operation; its runs are the first of PostgreSQL's. */
const RUNS = { pglite: 14, postgres: 30 };
/** Past this, the remaining runs (and any shrinking) are skipped rather than let the test time out. */
const BUDGET_MS = 40_000;
const FIRST_DAY = '2024-01-02';
/** FREEZE_MAX_MONTHS in the test configuration (its default). */
const MAX_MONTHS = 36;

const meta = { requestId: 'ledger-property' };
const actor = { kind: 'system' as const };

// ---------------------------------------------------------------------------
// Operations, as generated: accounts and securities are indices into the world
// (taken modulo its size), quantities are relative to what is available.

/** A part of what is available (at least 1), more than is available, or a fixed number. */
type Amount = { kind: 'part'; percent: number } | { kind: 'over'; extra: number } | { kind: 'abs'; n: number };
type HeldCategory = 'tradable' | 'restricted';
/**
 * Mostly one of the accounts holding the security, or one of the freezes or pledges in force (so that operations
 * have something to work on); now and then any of them.
 */
type Who = { index: number; anyone: boolean };

type Op =
  | { type: 'issue'; security: number; account: number; category: HeldCategory; businessType: 'initial_registration' | 'new_share_registration'; quantity: number; via: 'csv' | 'ledger'; step: number }
  | { type: 'trade'; security: number; legs: { from: Who; to: number; quantity: Amount; nextDay: boolean }[]; flaw: 'none' | 'unbalanced' | 'one_sided'; step: number }
  | { type: 'lockup'; security: number; account: Who; release: boolean; quantity: Amount; step: number }
  | { type: 'cancel'; security: number; account: Who; category: HeldCategory; quantity: Amount; step: number }
  | { type: 'freeze'; security: number; account: Who; queue: boolean; quantity: Amount; months: number; step: number }
  | { type: 'releaseFreeze'; pick: Who; step: number }
  | { type: 'pledge'; security: number; account: Who; quantity: Amount; step: number }
  | { type: 'releasePledge'; pick: Who; partial: Amount | null; step: number }
  | { type: 'replay'; pick: number; altered: boolean };

const securityIndex = fc.integer({ min: 0, max: 2 });
const accountIndex = fc.integer({ min: 0, max: 3 });
const who: fc.Arbitrary<Who> = fc.record({ index: fc.nat(20), anyone: fc.oneof({ weight: 5, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }) });
const heldCategory = fc.constantFrom<HeldCategory>('tradable', 'restricted');
/** Days after the latest date so far; now and then a few days before it (the ledger must refuse it where it back-dates a position). */
const step = fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 0, max: 3 }) }, { weight: 1, arbitrary: fc.integer({ min: -5, max: -1 }) });
const amount: fc.Arbitrary<Amount> = fc.oneof(
  { weight: 7, arbitrary: fc.record({ kind: fc.constant('part' as const), percent: fc.integer({ min: 1, max: 100 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('over' as const), extra: fc.integer({ min: 1, max: 50 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('abs' as const), n: fc.integer({ min: 1, max: 400 }) }) },
);
/** Freezes more often ask for more than is free, so that some wait in the queue. */
const freezeAmount: fc.Arbitrary<Amount> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('part' as const), percent: fc.integer({ min: 1, max: 100 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('over' as const), extra: fc.integer({ min: 1, max: 300 }) }) },
);

const issueOp: fc.Arbitrary<Op> = fc.record({
  type: fc.constant('issue' as const),
  security: securityIndex,
  account: accountIndex,
  category: fc.oneof({ weight: 3, arbitrary: fc.constant('tradable' as const) }, { weight: 1, arbitrary: fc.constant('restricted' as const) }),
  businessType: fc.constantFrom('initial_registration' as const, 'new_share_registration' as const),
  quantity: fc.integer({ min: 1, max: 1000 }),
  via: fc.constantFrom('csv' as const, 'ledger' as const),
  step,
});

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 2, arbitrary: issueOp },
  {
    weight: 5,
    arbitrary: fc.record({
      type: fc.constant('trade' as const),
      security: securityIndex,
      legs: fc.array(fc.record({ from: who, to: accountIndex, quantity: amount, nextDay: fc.boolean() }), { minLength: 1, maxLength: 3 }),
      flaw: fc.oneof({ weight: 6, arbitrary: fc.constant('none' as const) }, { weight: 1, arbitrary: fc.constantFrom('unbalanced' as const, 'one_sided' as const) }),
      step,
    }),
  },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('lockup' as const), security: securityIndex, account: who, release: fc.boolean(), quantity: amount, step }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('cancel' as const), security: securityIndex, account: who, category: heldCategory, quantity: amount, step }) },
  {
    weight: 3,
    arbitrary: fc.record({
      type: fc.constant('freeze' as const),
      security: securityIndex,
      account: who,
      queue: fc.boolean(),
      quantity: freezeAmount,
      months: fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 1, max: MAX_MONTHS }) }, { weight: 1, arbitrary: fc.constant(MAX_MONTHS + 1) }),
      step,
    }),
  },
  { weight: 3, arbitrary: fc.record({ type: fc.constant('releaseFreeze' as const), pick: who, step }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('pledge' as const), security: securityIndex, account: who, quantity: amount, step }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('releasePledge' as const), pick: who, partial: fc.option(amount, { freq: 2 }), step }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('replay' as const), pick: fc.nat(20), altered: fc.boolean() }) },
);

const scenario = fc.record({
  securities: fc.integer({ min: 2, max: 3 }),
  accounts: fc.integer({ min: 3, max: 4 }),
  ops: fc.tuple(fc.array(issueOp, { minLength: 3, maxLength: 6 }), fc.array(op, { minLength: 6, maxLength: 24 })).map(([opening, rest]) => [...opening, ...rest]),
});
type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

/**
 * A sequence written out, run before the generated ones, that surely reaches
 * every kind of operation both ways and the rarer paths: freezes partly and
 * wholly waiting, a new freeze taking free shares beside a waiting one, and a
 * queue of waiting freezes taking effect, the last of them only in part.
 */
const first = { index: 0, anyone: false };
const second = { index: 1, anyone: false };
const third = { index: 2, anyone: false };
const part = (percent: number): Amount => ({ kind: 'part', percent });
const over = (extra: number): Amount => ({ kind: 'over', extra });
const walkthrough: Scenario = {
  securities: 2,
  accounts: 3,
  ops: [
    { type: 'issue', security: 0, account: 0, category: 'tradable', businessType: 'initial_registration', quantity: 1000, via: 'csv', step: 0 },
    { type: 'issue', security: 0, account: 1, category: 'restricted', businessType: 'new_share_registration', quantity: 300, via: 'ledger', step: 0 },
    { type: 'issue', security: 1, account: 2, category: 'tradable', businessType: 'initial_registration', quantity: 500, via: 'csv', step: 0 },
    { type: 'trade', security: 0, legs: [{ from: first, to: 2, quantity: part(30), nextDay: false }], flaw: 'none', step: 1 },
    { type: 'trade', security: 0, legs: [{ from: first, to: 1, quantity: over(10), nextDay: false }], flaw: 'none', step: 0 },
    { type: 'trade', security: 1, legs: [{ from: first, to: 0, quantity: part(10), nextDay: true }], flaw: 'one_sided', step: 0 },
    { type: 'freeze', security: 0, account: first, queue: false, quantity: part(50), months: 12, step: 1 },
    { type: 'pledge', security: 0, account: first, quantity: part(40), step: 0 },
    { type: 'freeze', security: 0, account: first, queue: true, quantity: over(100), months: 24, step: 0 },
    { type: 'freeze', security: 0, account: first, queue: true, quantity: over(300), months: 6, step: 1 },
    { type: 'issue', security: 0, account: 0, category: 'tradable', businessType: 'new_share_registration', quantity: 200, via: 'ledger', step: 0 },
    { type: 'freeze', security: 0, account: first, queue: true, quantity: part(50), months: 36, step: 0 },
    { type: 'trade', security: 0, legs: [{ from: first, to: 1, quantity: part(100), nextDay: false }], flaw: 'none', step: 0 },
    { type: 'releaseFreeze', pick: first, step: 2 },
    { type: 'pledge', security: 0, account: first, quantity: part(10), step: 0 },
    { type: 'releasePledge', pick: first, partial: part(50), step: 1 },
    { type: 'releasePledge', pick: { index: 0, anyone: true }, partial: null, step: 0 },
    { type: 'releaseFreeze', pick: { index: 0, anyone: true }, step: 0 },
    { type: 'lockup', security: 0, account: second, release: false, quantity: part(50), step: 1 },
    { type: 'lockup', security: 0, account: third, release: true, quantity: part(50), step: 0 },
    { type: 'cancel', security: 0, account: second, category: 'restricted', quantity: part(100), step: 1 },
    { type: 'cancel', security: 1, account: first, category: 'tradable', quantity: over(5), step: 0 },
    { type: 'freeze', security: 1, account: first, queue: false, quantity: part(10), months: 37, step: 0 },
    { type: 'replay', pick: 0, altered: false },
    { type: 'replay', pick: 0, altered: true },
    { type: 'trade', security: 0, legs: [{ from: first, to: 2, quantity: part(10), nextDay: false }], flaw: 'none', step: -3 },
    {
      type: 'trade',
      security: 0,
      legs: [
        { from: first, to: 2, quantity: part(10), nextDay: false },
        { from: third, to: 0, quantity: part(50), nextDay: true },
      ],
      flaw: 'unbalanced',
      step: 1,
    },
    { type: 'releasePledge', pick: first, partial: null, step: 1 },
  ],
};

function resolve(a: Amount, available: bigint): bigint {
  const base = available > 0n ? available : 0n;
  if (a.kind === 'abs') return BigInt(a.n);
  if (a.kind === 'over') return base + BigInt(a.extra);
  const part = (base * BigInt(a.percent)) / 100n;
  return part > 0n ? part : 1n;
}

// ---------------------------------------------------------------------------
// The model: plain data (so a draft is a structuredClone), and what the ledger
// should make of a list of lines.

interface Balance {
  tradable: bigint;
  restricted: bigint;
  frozen: bigint;
  pledged: bigint;
  /** holdings.last_effective_on: the latest effective date of the position's entries */
  last: string;
}

interface Line {
  lineNo: number;
  account: number;
  security: number;
  businessType: BusinessTypeName;
  category: Category;
  quantity: bigint;
  on: string;
}

/** A court order: `quantity` ordered, `frozenQuantity` of it in force, the rest waiting. Kept in queue order. */
interface ModelFreeze {
  id: string;
  account: number;
  security: number;
  quantity: bigint;
  status: 'active' | 'waiting' | 'released';
  frozenQuantity: bigint;
}

interface ModelPledge {
  id: string;
  account: number;
  security: number;
  quantity: bigint;
  status: 'active' | 'released';
}

interface Model {
  /** One entry per holdings row, keyed `${account}:${security}`. */
  positions: Map<string, Balance>;
  /** Every journal entry, in the order the ledger writes them. */
  journal: Line[];
  issued: bigint[];
  cancelled: bigint[];
  freezes: ModelFreeze[];
  pledges: ModelPledge[];
  batches: { id: string; csv: string; rows: number }[];
}

const key = (account: number, security: number) => `${account}:${security}`;
const held = (b: Balance) => b.tradable + b.restricted;
const unencumbered = (b: Balance) => held(b) - b.frozen - b.pledged;
/** What trade settlement may take from a position: tradable shares not needed to cover the encumbrances. */
function sellable(b: Balance | undefined): bigint {
  if (!b) return 0n;
  const shortfall = b.frozen + b.pledged - b.restricted;
  return b.tradable - (shortfall > 0n ? shortfall : 0n);
}
const byDateThenLine = (a: Line, b: Line) => (a.on < b.on ? -1 : a.on > b.on ? 1 : a.lineNo - b.lineNo);
const zero = (on: string): Balance => ({ tradable: 0n, restricted: 0n, frozen: 0n, pledged: 0n, last: on });

/** The errors the ledger reports for these lines (as "line REASON"), sorted; none means they apply. */
function ledgerErrors(model: Model, lines: Line[]): string[] {
  const backdated = lines.filter((l) => {
    const b = model.positions.get(key(l.account, l.security));
    return b !== undefined && l.on < b.last;
  });
  if (backdated.length) return backdated.map((l) => `${l.lineNo} BACKDATED`).sort();
  const errors: string[] = [];
  const running = new Map<string, Balance>();
  for (const l of [...lines].sort(byDateThenLine)) {
    const k = key(l.account, l.security);
    const b = running.get(k) ?? { ...(model.positions.get(k) ?? zero(l.on)) };
    b[l.category] += l.quantity;
    running.set(k, b);
    if (b.tradable < 0n || b.restricted < 0n || b.frozen < 0n || b.pledged < 0n) errors.push(`${l.lineNo} NEGATIVE_BALANCE`);
    else if (b.frozen + b.pledged > held(b)) errors.push(`${l.lineNo} ENCUMBERED`);
  }
  const groups = new Map<string, { sum: bigint; line: number }>();
  for (const l of lines) {
    if (!businessTypes[l.businessType].conserving || (l.category !== 'tradable' && l.category !== 'restricted')) continue;
    const k = `${l.security}|${l.businessType}|${l.on}`;
    const g = groups.get(k) ?? { sum: 0n, line: l.lineNo };
    groups.set(k, { sum: g.sum + l.quantity, line: Math.min(g.line, l.lineNo) });
  }
  for (const g of groups.values()) if (g.sum !== 0n) errors.push(`${g.line} NOT_BALANCED`);
  return errors.sort();
}

/** Applies lines to a draft model, or returns the ledger's errors and leaves it as it was. */
function apply(model: Model, lines: Line[]): string[] {
  const errors = ledgerErrors(model, lines);
  if (errors.length) return errors;
  for (const l of [...lines].sort(byDateThenLine)) {
    const k = key(l.account, l.security);
    const b = model.positions.get(k) ?? zero(l.on);
    b[l.category] += l.quantity;
    if (l.on > b.last) b.last = l.on;
    model.positions.set(k, b);
    model.journal.push(l);
    if (l.category === 'tradable' || l.category === 'restricted') {
      if (l.businessType === 'share_cancellation') model.cancelled[l.security]! -= l.quantity;
      else if (!businessTypes[l.businessType].conserving) model.issued[l.security]! += l.quantity;
    }
  }
  return [];
}

// ---------------------------------------------------------------------------
// The world: real securities and accounts, and how operations reach them.

interface World {
  ctx: TestContext;
  tableCounts: () => Promise<Record<string, number>>;
  securities: { id: number; code: string; market: string }[];
  accounts: string[];
  runNo: number;
}

type Outcome = { ok: true; detail?: unknown } | { ok: false; code: string; lines?: string[] };
const applied = (detail?: unknown): Outcome => ({ ok: true, ...(detail === undefined ? {} : { detail }) });
const refused = (code: string): Outcome => ({ ok: false, code });
const rejected = (lines: string[]): Outcome => ({ ok: false, code: 'BATCH_REJECTED', lines });

async function attempt<T>(work: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: AppError }> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error };
    throw error;
  }
}

function failure(error: AppError): Outcome {
  const errors = error.details.errors as { line: number; reason: string }[] | undefined;
  if (error.code !== 'BATCH_REJECTED' || !errors) return refused(error.code);
  return rejected(errors.map((e) => `${e.line} ${e.reason}`).sort());
}

function csvOf(world: World, lines: Line[], reference: string): string {
  const body = lines.map((l) => {
    const s = world.securities[l.security]!;
    return [world.accounts[l.account], s.market, s.code, l.businessType, l.category, l.quantity, l.on, reference].join(',');
  });
  return [settlementColumns.join(','), ...body].join('\n');
}

const importCsv = (world: World, batchId: string, csv: string) => importSettlementBatch(world.ctx, meta, actor, { batchId, stream: Readable.from([csv]) });

/** Row counts of every table in the public schema, by one query the first call prepares. */
function tableCounter(ex: Executor): () => Promise<Record<string, number>> {
  let query: Promise<ReturnType<typeof sql.raw>> | undefined;
  return async () => {
    query ??= rows<{ name: string }>(ex, sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`).then((tables) =>
      sql.raw(tables.map((t) => `select '${t.name}' as name, count(*)::int as n from "${t.name}"`).join(' union all ')),
    );
    const counts = await rows<{ name: string; n: number }>(ex, await query);
    return Object.fromEntries(counts.map((c) => [c.name, Number(c.n)]));
  };
}

const inList = (values: string[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

/** The holdings, freezes and pledges of the world as the database has them, in the model's terms. */
async function observed(world: World) {
  const secIndex = new Map(world.securities.map((s, i) => [s.id, i]));
  const acctIndex = new Map(world.accounts.map((a, i) => [a, i]));
  const holdings = await rows<Record<string, string>>(
    world.ctx.db,
    sql`select account_number, security_id::text as security_id, tradable::text as tradable, restricted::text as restricted, frozen::text as frozen,
               pledged::text as pledged, last_effective_on::text as last
        from holdings where account_number in (${inList(world.accounts)}) order by account_number, security_id`,
  );
  const freezes = await rows<Record<string, string>>(
    world.ctx.db,
    sql`select id::text as id, status, quantity::text as quantity, frozen_quantity::text as frozen_quantity from freezes where account_number in (${inList(world.accounts)})`,
  );
  const pledges = await rows<Record<string, string>>(world.ctx.db, sql`select id::text as id, status, quantity::text as quantity from pledges where account_number in (${inList(world.accounts)})`);
  return {
    positions: Object.fromEntries(
      holdings.map((h) => [
        key(acctIndex.get(h.account_number!)!, secIndex.get(Number(h.security_id))!),
        { tradable: BigInt(h.tradable!), restricted: BigInt(h.restricted!), frozen: BigInt(h.frozen!), pledged: BigInt(h.pledged!), last: h.last! },
      ]),
    ),
    freezes: freezes.map((f) => [f.id, f.status, BigInt(f.quantity!), BigInt(f.frozen_quantity!)]).sort(),
    pledges: pledges.map((p) => [p.id, p.status, BigInt(p.quantity!)]).sort(),
  };
}

function expectedObservation(model: Model) {
  return {
    positions: Object.fromEntries(model.positions),
    freezes: model.freezes.map((f) => [f.id, f.status, f.quantity, f.frozenQuantity]).sort(),
    pledges: model.pledges.map((p) => [p.id, p.status, p.quantity]).sort(),
  };
}

// ---------------------------------------------------------------------------
// One operation: the model's prediction, the real call, and the comparison.

interface Stats {
  [type: string]: { ok: number; failed: number };
}

async function runOp(world: World, model: Model, op: Op, opNo: number, today: string, stats: Stats): Promise<Model> {
  const on = op.type === 'replay' ? today : addDays(today, op.step);
  const draft = structuredClone(model);
  const batchId = `P${world.runNo}-${opNo}`;
  const { ctx } = world;
  const securityOf = (i: number) => i % world.securities.length;
  const accountOf = (i: number) => i % world.accounts.length;
  const line = (lineNo: number, account: number, security: number, businessType: BusinessTypeName, category: Category, quantity: bigint): Line => ({
    lineNo,
    account,
    security,
    businessType,
    category,
    quantity,
    on,
  });
  const position = (account: number, security: number) => draft.positions.get(key(account, security));
  const pick = <T>(all: T[], who: Who, inForce: (x: T) => boolean): T | undefined => {
    const some = all.filter(inForce);
    return some.length && !who.anyone ? some[who.index % some.length] : all[who.index % Math.max(all.length, 1)];
  };
  const holderOf = (who: Who, security: number) =>
    pick(
      world.accounts.map((_, i) => i),
      who,
      (i) => held(position(i, security) ?? zero(on)) > 0n,
    )!;

  let expected: Outcome;
  let call: () => Promise<unknown>;
  /** What to record in the draft from the real result of an applied call. */
  let record: (value: unknown) => void = () => {};
  /** A check of the database after the call applied, beyond the comparison with the model. */
  let check: () => Promise<void> = async () => {};
  /** Paths worth counting, to show that the runs reach them. */
  const paths: string[] = [];

  switch (op.type) {
    case 'issue':
    case 'trade':
    case 'lockup':
    case 'cancel': {
      const lines: Line[] = [];
      if (op.type === 'issue') {
        lines.push(line(op.via === 'csv' ? 2 : 1, accountOf(op.account), securityOf(op.security), op.businessType, op.category, BigInt(op.quantity)));
      } else if (op.type === 'trade') {
        const s = securityOf(op.security);
        const available = new Map<number, bigint>();
        op.legs.forEach((leg, i) => {
          const [from, to] = [holderOf(leg.from, s), accountOf(leg.to)];
          const left = available.get(from) ?? sellable(position(from, s));
          const q = resolve(leg.quantity, left);
          available.set(from, left - q);
          const date = leg.nextDay ? addDays(on, 1) : on;
          lines.push({ ...line(lines.length + 2, from, s, 'trade_settlement', 'tradable', -q), on: date });
          if (i === 0 && op.flaw === 'one_sided') return;
          const bought = i === 0 && op.flaw === 'unbalanced' ? q + 1n : q;
          lines.push({ ...line(lines.length + 2, to, s, 'trade_settlement', 'tradable', bought), on: date });
        });
      } else if (op.type === 'lockup') {
        const s = securityOf(op.security);
        const a = holderOf(op.account, s);
        const b = position(a, s);
        const q = resolve(op.quantity, op.release ? (b?.restricted ?? 0n) : (b?.tradable ?? 0n));
        const type = op.release ? 'lockup_release' : 'lockup_registration';
        lines.push(line(2, a, s, type, op.release ? 'restricted' : 'tradable', -q), line(3, a, s, type, op.release ? 'tradable' : 'restricted', q));
      } else {
        const s = securityOf(op.security);
        const a = holderOf(op.account, s);
        const q = resolve(op.quantity, position(a, s)?.[op.category] ?? 0n);
        lines.push(line(2, a, s, 'share_cancellation', op.category, -q));
      }
      const errors = apply(draft, lines);
      if (op.type === 'issue' && op.via === 'ledger') {
        expected = errors.length ? rejected(errors) : applied(1);
        const changes = lines.map((l) => ({ ...l, accountNumber: world.accounts[l.account]!, market: world.securities[l.security]!.market, securityCode: world.securities[l.security]!.code, effectiveOn: l.on }));
        call = () => ctx.db.transaction((tx) => applyChanges(tx, batchId, ctx.clock.now(), changes));
      } else {
        const csv = csvOf(world, lines, `R${opNo}`);
        expected = errors.length ? rejected(errors) : applied({ status: 'applied', batchId, rows: lines.length });
        call = () => importCsv(world, batchId, csv);
        record = () => draft.batches.push({ id: batchId, csv, rows: lines.length });
      }
      break;
    }
    case 'freeze': {
      // Half the time on a position that already has a freeze, to build queues of waiting freezes.
      const earlier = op.queue ? pick(draft.freezes, op.account, (f) => f.status === 'active') : undefined;
      const s = earlier?.security ?? securityOf(op.security);
      const a = earlier?.account ?? holderOf(op.account, s);
      const b = position(a, s);
      const q = resolve(op.quantity, b ? unencumbered(b) : 0n);
      // It takes what is free, whatever waits in the queue, and the rest waits.
      const free = b ? unencumbered(b) : 0n;
      const take = free <= 0n ? 0n : free < q ? free : q;
      if (b) paths.push(take === 0n ? 'freeze wholly waiting' : take < q ? 'freeze partly waiting' : 'freeze in force');
      if (b && take === q && draft.freezes.some((f) => f.account === a && f.security === s && f.status !== 'released' && f.frozenQuantity < f.quantity)) paths.push('freeze in force beside a waiting one');
      const errors = take > 0n ? apply(draft, [line(1, a, s, 'judicial_freeze', 'frozen', take)]) : [];
      if (op.months > MAX_MONTHS) expected = refused('FREEZE_PERIOD_TOO_LONG');
      else if (!b) expected = refused('FREEZE_INSUFFICIENT');
      else expected = errors.length ? rejected(errors) : applied([take > 0n ? 'active' : 'waiting', take, q - take]);
      const security = world.securities[s]!;
      call = () => freeze(ctx, meta, actor, { accountNumber: world.accounts[a]!, securityId: security.id, authority: '测试法院', caseNumber: `(2024)测执${opNo}号`, quantity: q, on, months: op.months });
      record = (value) => draft.freezes.push({ id: (value as { id: string }).id, account: a, security: s, quantity: q, status: take > 0n ? 'active' : 'waiting', frozenQuantity: take });
      break;
    }
    case 'releaseFreeze': {
      // Mostly a freeze in force, preferably one with waiting parts behind it.
      const waits = (w: ModelFreeze) => w.status !== 'released' && w.frozenQuantity < w.quantity;
      const queued = (f: ModelFreeze) => f.status === 'active' && draft.freezes.some((w) => w !== f && waits(w) && w.account === f.account && w.security === f.security);
      const f = pick(draft.freezes, op.pick, draft.freezes.some(queued) ? queued : (f) => f.status === 'active');
      if (!f) return model;
      if (f.status === 'released') expected = refused('FREEZE_NOT_FOUND');
      else if (f.frozenQuantity === 0n) {
        f.status = 'released';
        expected = applied();
      } else {
        f.status = 'released';
        const errors = apply(draft, [line(1, f.account, f.security, 'judicial_release', 'frozen', -f.frozenQuantity)]);
        if (!errors.length) {
          // The waiting parts on the position take effect in queue order, each as far as unencumbered shares allow; the rest stays waiting.
          for (const w of draft.freezes.filter((w) => w.account === f.account && w.security === f.security && waits(w))) {
            const left = unencumbered(position(w.account, w.security)!);
            if (left <= 0n) break;
            const short = w.quantity - w.frozenQuantity;
            const take = left < short ? left : short;
            Object.assign(w, { status: 'active', frozenQuantity: w.frozenQuantity + take });
            paths.push(take < short ? 'waiting freeze partly in force' : 'waiting freeze in force');
            expect(apply(draft, [line(1, w.account, w.security, 'waiting_freeze_effective', 'frozen', take)])).toEqual([]);
          }
        }
        expected = errors.length ? rejected(errors) : applied();
      }
      call = () => releaseFreeze(ctx, meta, actor, f.id, on);
      check = async () => expectQueueOrder(world, model, f.account, f.security);
      break;
    }
    case 'pledge': {
      const s = securityOf(op.security);
      const a = holderOf(op.account, s);
      const b = position(a, s);
      const q = resolve(op.quantity, b ? unencumbered(b) : 0n);
      if (!b || unencumbered(b) < q) expected = refused('PLEDGE_INSUFFICIENT');
      else {
        const errors = apply(draft, [line(1, a, s, 'pledge', 'pledged', q)]);
        expected = errors.length ? rejected(errors) : applied();
      }
      call = () => registerPledge(ctx, meta, actor, { accountNumber: world.accounts[a]!, securityId: world.securities[s]!.id, pledgee: '测试银行', contractNumber: `ZY-${opNo}`, quantity: q, on });
      record = (value) => draft.pledges.push({ id: value as string, account: a, security: s, quantity: q, status: 'active' });
      break;
    }
    case 'releasePledge': {
      const p = pick(draft.pledges, op.pick, (p) => p.status === 'active');
      if (!p) return model;
      const released = op.partial ? resolve(op.partial, p.quantity) : p.quantity;
      const remainder = p.quantity - released;
      if (p.status !== 'active') expected = refused('PLEDGE_NOT_FOUND');
      else if (remainder < 0n) expected = refused('PLEDGE_RELEASE_TOO_LARGE');
      else {
        p.status = 'released';
        // The whole pledge is released; what remains is pledged again under a new registration.
        const errors = apply(draft, [line(1, p.account, p.security, 'pledge_release', 'pledged', -p.quantity)]);
        if (!errors.length && remainder > 0n) expect(apply(draft, [line(1, p.account, p.security, 'pledge', 'pledged', remainder)])).toEqual([]);
        expected = errors.length ? rejected(errors) : applied(remainder > 0n);
      }
      call = () => releasePledge(ctx, meta, actor, p.id, on, op.partial ? released : undefined);
      record = (value) => {
        const { remainderId } = value as { remainderId: string | null };
        if (remainderId) draft.pledges.push({ id: remainderId, account: p.account, security: p.security, quantity: remainder, status: 'active' });
      };
      break;
    }
    case 'replay': {
      const b = draft.batches[op.pick % Math.max(draft.batches.length, 1)];
      if (!b) return model;
      // The same content is reported as applied before and changes nothing; other content under the same id is refused.
      expected = op.altered ? refused('BATCH_ID_REUSED') : applied({ status: 'already_applied', batchId: b.id, rows: b.rows });
      const csv = op.altered ? b.csv.replace(/,R(\d+)$/m, ',X$1') : b.csv;
      call = () => importCsv(world, b.id, csv);
      break;
    }
  }

  // Row counts before an operation expected to change nothing (if it changes something unexpectedly, the outcome differs).
  const before = expected.ok && op.type !== 'replay' ? undefined : await world.tableCounts();
  const result = await attempt(call);
  const label = `run ${world.runNo}, operation ${opNo} on ${on}: ${JSON.stringify(op)}`;
  const summary: Outcome = result.ok ? applied(shape(op, result.value)) : failure(result.error);
  expect(summary, label).toEqual(expected);
  const kind = op.type === 'issue' ? `issue/${op.via}` : op.type;
  for (const path of [kind, ...paths]) (stats[path] ??= { ok: 0, failed: 0 })[result.ok ? 'ok' : 'failed']++;

  const next = result.ok ? draft : model;
  if (result.ok) record(result.value);
  if (result.ok) await check();
  if (before) expect(await world.tableCounts(), `${label}: a refused or repeated operation changes no table`).toEqual(before);
  expect(await observed(world), `${label}: holdings, freezes and pledges`).toEqual(expectedObservation(next));
  return next;
}

/**
 * After a release: the freed shares went down the position's queue in order. No freeze behind one that still
 * waits gained anything, and a freeze still waits only if nothing unencumbered is left.
 */
async function expectQueueOrder(world: World, before: Model, account: number, security: number) {
  const accountNumber = world.accounts[account]!;
  const securityId = world.securities[security]!.id;
  const queue = await rows<{ id: string; quantity: string; frozen_quantity: string }>(
    world.ctx.db,
    sql`select id::text as id, quantity::text as quantity, frozen_quantity::text as frozen_quantity from freezes
        where account_number = ${accountNumber} and security_id = ${securityId} and status in ('active', 'waiting') order by queue_no`,
  );
  const earlier = new Map(before.freezes.map((f) => [f.id, f.frozenQuantity]));
  let shortBefore: string | null = null;
  for (const f of queue) {
    const gained = BigInt(f.frozen_quantity) - (earlier.get(f.id) ?? 0n);
    if (shortBefore) expect(gained, `freeze ${f.id} gained shares while ${shortBefore}, earlier in the queue, still waits`).toBe(0n);
    if (BigInt(f.frozen_quantity) < BigInt(f.quantity)) shortBefore ??= f.id;
  }
  if (!shortBefore) return;
  const [h] = await rows<{ free: string }>(world.ctx.db, sql`select (tradable + restricted - frozen - pledged)::text as free from holdings where account_number = ${accountNumber} and security_id = ${securityId}`);
  expect(BigInt(h!.free), 'a freeze still waits: nothing unencumbered is left').toBe(0n);
}

/** The part of a use case's answer the model predicts. */
function shape(op: Op, value: unknown): unknown {
  switch (op.type) {
    case 'freeze': {
      const { status, frozenQuantity, waitingQuantity } = value as { status: string; frozenQuantity: bigint; waitingQuantity: bigint };
      return [status, frozenQuantity, waitingQuantity];
    }
    case 'releasePledge':
      return (value as { remainderId: string | null }).remainderId !== null;
    case 'pledge':
    case 'releaseFreeze':
      return undefined;
    default:
      return value;
  }
}

// ---------------------------------------------------------------------------
// The invariants of a whole run.

interface JournalRow {
  id: bigint;
  account: string;
  securityId: number;
  businessType: string;
  category: Category;
  quantity: bigint;
  balanceAfter: bigint;
  on: string;
}

async function expectInvariants(world: World, model: Model) {
  const { ctx } = world;
  const journal: JournalRow[] = (
    await rows<Record<string, string>>(
      ctx.db,
      sql`select id::text as entry_id, account_number, security_id::text as security_id, business_type, category, quantity::text as quantity,
                 balance_after::text as balance_after, effective_on::text as effective_on
          from holding_changes where account_number in (${inList(world.accounts)})
          order by min(id) over (partition by batch_id), effective_on, line_no`,
    )
  ).map((r) => ({
    id: BigInt(r.entry_id!),
    account: r.account_number!,
    securityId: Number(r.security_id),
    businessType: r.business_type!,
    category: r.category as Category,
    quantity: BigInt(r.quantity!),
    balanceAfter: BigInt(r.balance_after!),
    on: r.effective_on!,
  }));
  const current = await observed(world);

  // The journal is the model's, entry for entry: batch after batch, each in (date, line) order. Ids are
  // drawn position by position (the index's order), so only within a position do they follow that order,
  // which the replay below relies on.
  expect(journal.map((j) => [j.account, j.securityId, j.businessType, j.category, j.quantity, j.on])).toEqual(
    model.journal.map((l) => [world.accounts[l.account], world.securities[l.security]!.id, l.businessType, l.category, l.quantity, l.on]),
  );

  // (a) Quantities are conserved per security, except by issuance and cancellation.
  world.securities.forEach((s, i) => {
    const total = Object.entries(current.positions)
      .filter(([k]) => k.endsWith(`:${i}`))
      .reduce((sum, [, b]) => sum + held(b), 0n);
    expect(total, `security ${s.code}: held = issued - cancelled`).toBe(model.issued[i]! - model.cancelled[i]!);
  });

  // (b), (c) No balance is negative; encumbrances are covered.
  for (const [k, b] of Object.entries(current.positions)) {
    for (const c of ['tradable', 'restricted', 'frozen', 'pledged'] as const) expect(b[c] >= 0n, `${k} ${c} >= 0`).toBe(true);
    expect(b.frozen <= held(b), `${k} frozen <= held`).toBe(true);
    expect(b.frozen + b.pledged <= held(b), `${k} frozen + pledged <= held`).toBe(true);
  }

  // (f) Every freeze's in-force and waiting parts add up to what it ordered (as the staff view shows them), and
  // the parts in force of the freezes alive add up to the position's frozen balance.
  const lastDay = [...journal].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0)).at(-1)?.on ?? FIRST_DAY;
  for (const account of world.accounts) {
    const shown = await freezesAt(ctx.db, account, lastDay);
    for (const f of shown) {
      expect(f.frozenQuantity + f.waitingQuantity, `freeze ${f.id}: in force + waiting = ordered`).toBe(f.quantity);
      expect(f.frozenQuantity >= 0n && f.waitingQuantity >= 0n, `freeze ${f.id}: no negative part`).toBe(true);
    }
  }
  const alive = await rows<{ account_number: string; security_id: string; frozen: string; quantity: string }>(
    ctx.db,
    sql`select account_number, security_id::text as security_id, sum(frozen_quantity)::text as frozen, sum(quantity)::text as quantity
        from freezes where account_number in (${inList(world.accounts)}) and status in ('active', 'waiting') group by 1, 2`,
  );
  const aliveFrozen = new Map(
    alive.map((r) => [
      key(
        world.accounts.indexOf(r.account_number),
        world.securities.findIndex((x) => x.id === Number(r.security_id)),
      ),
      BigInt(r.frozen),
    ]),
  );
  for (const [k, b] of Object.entries(current.positions)) expect(b.frozen, `${k}: frozen = the parts in force of its freezes`).toBe(aliveFrozen.get(k) ?? 0n);

  // (e) Each entry's balance_after is the running sum of its position and category, in (effective_on, id) order.
  const inDateOrder = [...journal].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : a.id < b.id ? -1 : 1));
  const running = new Map<string, bigint>();
  for (const j of inDateOrder) {
    const k = `${j.account}|${j.securityId}|${j.category}`;
    const sum = (running.get(k) ?? 0n) + j.quantity;
    running.set(k, sum);
    expect(j.balanceAfter, `journal entry ${j.id}: balance_after`).toBe(sum);
  }

  // (d) The current holdings are the sum of the journal...
  const replay = (upTo: string) => {
    const positions = new Map<string, Record<Category, bigint>>();
    for (const j of journal) {
      if (j.on > upTo) continue;
      const k = `${j.account}|${j.securityId}`;
      const b = positions.get(k) ?? { tradable: 0n, restricted: 0n, frozen: 0n, pledged: 0n };
      b[j.category] += j.quantity;
      positions.set(k, b);
    }
    return positions;
  };
  const secIndex = new Map(world.securities.map((s, i) => [s.id, i]));
  const summed = replay('9999-12-31');
  const acctIndex = new Map(world.accounts.map((a, i) => [a, i]));
  expect(Object.fromEntries(Object.entries(current.positions).map(([k, { last: _, ...b }]) => [k, b])), 'holdings = the sum of the journal').toEqual(
    Object.fromEntries(
      [...summed].map(([k, b]) => {
        const [account, securityId] = k.split('|');
        return [key(acctIndex.get(account!)!, secIndex.get(Number(securityId))!), b];
      }),
    ),
  );

  // ...and holdingsAt() at every date of the history (and the days around it) is the journal replayed up to that date.
  const dates = [...new Set(journal.map((j) => j.on))].sort();
  const probes = dates.length ? [addDays(dates[0]!, -1), ...dates, addDays(dates.at(-1)!, 1)] : [FIRST_DAY];
  for (const date of probes) {
    const upTo = replay(date);
    for (const account of world.accounts) {
      const expectedAt = [...upTo]
        .filter(([k, b]) => k.startsWith(`${account}|`) && b.tradable + b.restricted + b.frozen + b.pledged > 0n)
        .map(([k, b]) => ({ securityId: Number(k.split('|')[1]), ...b }))
        .sort((a, b) => a.securityId - b.securityId);
      const actual = (await holdingsAt(ctx.db, account, date))
        .map(({ securityId, tradable, restricted, frozen, pledged }) => ({ securityId, tradable, restricted, frozen, pledged }))
        .sort((a, b) => a.securityId - b.securityId);
      expect(actual, `holdingsAt(${account}, ${date})`).toEqual(expectedAt);
    }
  }
}

// ---------------------------------------------------------------------------

describeEachDatabase('ledger properties', (getDb) => {
  it('random sequences of operations keep every invariant of the ledger', { timeout: BUDGET_MS + 30_000 }, async () => {
    const ctx = testContext(getDb());
    const tableCounts = tableCounter(ctx.db);
    const deadline = Date.now() + BUDGET_MS;
    const stats: Stats = {};
    let runNo = 0;
    let truncated = false;

    const property = fc.asyncProperty(scenario, async (s: Scenario) => {
      if (Date.now() > deadline) {
        truncated = true;
        return;
      }
      runNo++;
      const world: World = { ctx, tableCounts, securities: [], accounts: [], runNo };
      for (let i = 0; i < s.securities; i++) world.securities.push(await aSecurity(ctx));
      for (let i = 0; i < s.accounts; i++) world.accounts.push((await anInvestor(ctx)).shAccount);
      let model: Model = {
        positions: new Map(),
        journal: [],
        issued: world.securities.map(() => 0n),
        cancelled: world.securities.map(() => 0n),
        freezes: [],
        pledges: [],
        batches: [],
      };
      let today = FIRST_DAY;
      for (const [i, o] of s.ops.entries()) {
        model = await runOp(world, model, o, i + 1, today, stats);
        if (o.type !== 'replay') {
          const on = addDays(today, o.step);
          // A trade leg may settle the next day.
          const latest = o.type === 'trade' && o.legs.some((l) => l.nextDay) ? addDays(on, 1) : on;
          if (latest > today) today = latest;
        }
      }
      await expectInvariants(world, model);
    });
    await fc.assert(property, { seed: SEED, numRuns: RUNS[getDb().kind], examples: [[walkthrough]] });

    if (truncated) console.warn(`ledger properties [${getDb().kind}]: time budget reached after ${runNo} of ${RUNS[getDb().kind]} runs`);
    // The generators must reach both outcomes of the operations that can fail, or the runs prove little.
    for (const kind of ['trade', 'lockup', 'cancel', 'freeze', 'releaseFreeze', 'pledge', 'releasePledge']) {
      expect(stats[kind]?.ok, `${kind} applied at least once`).toBeGreaterThan(0);
      expect(stats[kind]?.failed, `${kind} refused at least once`).toBeGreaterThan(0);
    }
    for (const path of ['issue/csv', 'issue/ledger', 'freeze partly waiting', 'freeze wholly waiting', 'freeze in force beside a waiting one', 'waiting freeze in force', 'waiting freeze partly in force'])
      expect(stats[path]?.ok, path).toBeGreaterThan(0);
  });
});
