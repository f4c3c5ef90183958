import { sql, type SQL } from 'drizzle-orm';
import { rows, type Executor } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { businessTypeRows, type BusinessTypeName, categories, type Category } from './business-types.ts';

/**
 * The only way a balance changes: a batch of journal entries, validated as a
 * whole and applied set-based in the caller's transaction. Entries go through
 * a staging table (all text, typed in SQL), running balances are computed per
 * position with window functions, every invariant is checked for every line,
 * and only then are the journal and the balances written.
 */

export interface Change {
  lineNo: number;
  accountNumber: string;
  market: string;
  securityCode: string;
  businessType: BusinessTypeName;
  category: Category;
  quantity: bigint;
  effectiveOn: string;
  reference?: string | null;
}

export interface LineError {
  line: number;
  reason: string;
  detail?: string;
}

export const stageColumns = ['line_no', 'account_number', 'market', 'security_code', 'business_type', 'category', 'quantity', 'effective_on', 'reference'];

export function stageRow(c: Change): (string | null)[] {
  return [String(c.lineNo), c.accountNumber, c.market, c.securityCode, c.businessType, c.category, c.quantity.toString(), c.effectiveOn, c.reference ?? null];
}

/** The staging table every batch goes through, typed: a file's lines are checked before they are staged. */
export async function createStage(ex: Executor): Promise<void> {
  await ex.execute(sql`drop table if exists stage_changes`);
  await ex.execute(
    sql`create temp table stage_changes (line_no integer, account_number text, market text, security_code text, business_type text, category text, quantity bigint, effective_on date, reference text) on commit drop`,
  );
}

/** Stages a small in-memory list (freezes, pledges, tests); imports stream with COPY instead. */
export async function stageChanges(ex: Executor, changes: Change[]): Promise<void> {
  await createStage(ex);
  const columns = stageColumns.map((_, i) => sql.param(changes.map((c) => stageRow(c)[i] ?? null)));
  await ex.execute(sql`insert into stage_changes select line_no::int, account_number, market, security_code, business_type, category, quantity::bigint, effective_on::date, reference
    from unnest(${sql.join(
      columns.map((c) => sql`${c}::text[]`),
      sql`, `,
    )}) as s(line_no, account_number, market, security_code, business_type, category, quantity, effective_on, reference)`);
}

function businessTypesValues(): SQL {
  return sql.join(
    businessTypeRows().map(([name, category, conserving]) => sql`(${name}::text, ${category}::text, ${conserving}::boolean)`),
    sql`, `,
  );
}

const MAX_ERRORS = 1000;

/**
 * Resolves the staged batch per position and per kind of change rather than
 * per line: the positions (account and security) with their account and
 * security looked up, and the totals per security, business type, category
 * and date, from which unknown business types and unbalanced transfers are
 * found, and the sum per position and category, from which the closing
 * balances are written. One pass over the lines, three hash aggregates; the
 * joins then run on the few thousand rows they give.
 */
async function resolveStage(ex: Executor): Promise<void> {
  // The aggregates in one pass over the lines (a hash table each, one scan); running_total keeps the sums in bigint.
  // kind: position (account and security), total (security, business type, category, date), move (position and category).
  await ex.execute(sql`drop table if exists stage_groups`);
  await ex.execute(sql`
    create temp table stage_groups on commit drop as
    select case grouping(account_number, category) when 1 then 'position' when 2 then 'total' else 'move' end as kind,
           account_number, market, security_code, business_type, category, effective_on,
           min(effective_on) as first_on, max(effective_on) as last_on, count(*)::int as lines, running_total(quantity) as quantity, min(line_no) as first_line,
           running_total(least(quantity, 0)) as decrease, running_total(greatest(quantity, 0)) as increase
    from stage_changes
    group by grouping sets ((account_number, market, security_code), (market, security_code, business_type, category, effective_on),
                            (account_number, market, security_code, category))`);
  await ex.execute(sql`drop table if exists stage_positions`);
  await ex.execute(sql`
    create temp table stage_positions on commit drop as
    select p.account_number, p.market, p.security_code, p.first_on, p.lines,
           a.holder_id, a.status as account_status, a.market as account_market, a.beijing_enabled, sec.id as security_id
    from stage_groups p
    left join securities_accounts a on a.number = p.account_number
    left join securities sec on sec.market = p.market and sec.code = p.security_code
    where p.kind = 'position'`);
  await ex.execute(sql`drop table if exists stage_totals`);
  await ex.execute(sql`
    create temp table stage_totals on commit drop as
    select t.market, t.security_code, t.business_type, t.category, t.effective_on, t.quantity, t.first_line, bt.conserving
    from stage_groups t
    left join (values ${businessTypesValues()}) as bt(name, category, conserving) on bt.name = t.business_type and bt.category = t.category
    where t.kind = 'total'`);
}

const badPosition = sql.raw(`(p.holder_id is null or p.account_status = 'cancelled' or p.security_id is null
  or (p.market = 'BJ' and not p.beijing_enabled) or (p.market <> 'BJ' and p.account_market <> p.market))`);

/** Checks each line on its own: account, security, market, business type. Reads the lines only when something is wrong. */
async function unresolvedLines(ex: Executor): Promise<LineError[]> {
  const [found] = await rows<{ bad: boolean }>(ex, sql`select exists (select 1 from stage_positions p where ${badPosition}) or exists (select 1 from stage_totals where conserving is null) as bad`);
  if (!found?.bad) return [];
  return rows<LineError>(
    ex,
    sql`select c.line_no as line,
          case when p.holder_id is null then 'UNKNOWN_ACCOUNT'
               when p.account_status = 'cancelled' then 'ACCOUNT_CANCELLED'
               when p.security_id is null then 'UNKNOWN_SECURITY'
               when bt.name is null then 'BUSINESS_TYPE_CATEGORY'
               else 'MARKET_MISMATCH'
          end as reason, null as detail
        from stage_changes c
        join stage_positions p on p.account_number = c.account_number and p.market = c.market and p.security_code = c.security_code
        left join (values ${businessTypesValues()}) as bt(name, category, conserving) on bt.name = c.business_type and bt.category = c.category
        where ${badPosition} or bt.name is null
        order by c.line_no limit ${MAX_ERRORS}`,
  );
}

/**
 * Locks every position of the batch, creating the new ones at zero, and keeps
 * their balances aside, numbered (pos) in the journal's position index order:
 * sorting the lines by that number lays the journal out in the index's order.
 * lines_before counts the batch's lines of the positions before this one: a
 * line's place in the journal is that plus its place within its position.
 */
async function lockPositions(ex: Executor): Promise<void> {
  // Only the positions not there yet: a speculative insert per existing position costs more than this anti-join.
  await ex.execute(sql`
    insert into holdings (account_number, security_id, holder_id, last_effective_on)
    select p.account_number, p.security_id, p.holder_id, p.first_on from stage_positions p
    where not exists (select 1 from holdings h where h.account_number = p.account_number and h.security_id = p.security_id)
    on conflict do nothing`);
  await ex.execute(sql`drop table if exists stage_opening`);
  await ex.execute(sql`
    create temp table stage_opening on commit drop as
    with locked as (
      select h.account_number, h.security_id, h.tradable, h.restricted, h.frozen, h.pledged, h.last_effective_on
      from holdings h join stage_positions p on p.account_number = h.account_number and p.security_id = h.security_id
      order by h.account_number, h.security_id for update of h)
    select (row_number() over (order by h.account_number, h.security_id))::int as pos,
           (sum(p.lines) over (order by h.account_number, h.security_id) - p.lines)::bigint as lines_before,
           p.account_number, p.market, p.security_code, p.security_id, p.holder_id, h.tradable, h.restricted, h.frozen, h.pledged, h.last_effective_on
    from locked h join stage_positions p on p.account_number = h.account_number and p.security_id = h.security_id`);
  await ex.execute(sql`analyze stage_opening`);
}

/**
 * The balances after every line, per position, from the locked current
 * balances, in one sort on small keys: position number, effective date, line.
 * A category no line of the batch moves keeps its opening balance: no running
 * sum for it (a settlement file moves one or two). seq is the line's place in
 * the batch in that order (lines of the earlier positions + its row number).
 */
function runningBalances(moved: ReadonlySet<Category>, atRiskOnly = false): SQL {
  // running_total is sum() kept in bigint (migration 0016): sum(bigint) would answer in numeric, a third slower.
  const running = (category: Category) => sql.raw(moved.has(category) ? `o.${category} + running_total(case when c.category = '${category}' then c.quantity else 0 end) over w as ${category}` : `o.${category}`);
  return sql`select c.line_no, o.holder_id, o.account_number, o.security_id, c.business_type, c.category, c.quantity, c.effective_on, c.reference,
      ${running('tradable')}, ${running('restricted')}, ${running('frozen')}, ${running('pledged')},
      case when c.effective_on < o.last_effective_on then o.last_effective_on end as backdated_after,
      o.lines_before + row_number() over w as seq
    from stage_changes c
    join stage_opening o on o.account_number = c.account_number and o.market = c.market and o.security_code = c.security_code
    ${atRiskOnly ? sql`where o.pos in (select pos from stage_at_risk)` : sql``}
    window w as (partition by o.pos order by c.effective_on, c.line_no rows between unbounded preceding and current row)`;
}

/**
 * The positions whose lines might break a balance rule, found from their sums alone
 * (decision 0039): whatever the order of a position's lines, a category's balance after
 * any of them is at least its opening balance plus all the batch's decreases of it, and
 * the encumbered shares at most their opening plus all the increases. A position whose
 * bounds hold, and whose first line is not dated before its last entry, cannot fail any
 * line; only the others need the running balances. Returns how many there are.
 */
async function positionsAtRisk(ex: Executor): Promise<number> {
  const bound = (categoryList: string, kind: 'decrease' | 'increase') => sql.raw(`coalesce(sum(m.${kind}) filter (where m.category in (${categoryList})), 0)`);
  await ex.execute(sql`drop table if exists stage_at_risk`);
  await ex.execute(sql`
    create temp table stage_at_risk on commit drop as
    select o.pos
    from stage_opening o
    join stage_groups m on m.kind = 'move' and m.account_number = o.account_number and m.market = o.market and m.security_code = o.security_code
    group by o.pos, o.tradable, o.restricted, o.frozen, o.pledged, o.last_effective_on
    having min(m.first_on) < o.last_effective_on
        or o.tradable + ${bound("'tradable'", 'decrease')} < 0
        or o.restricted + ${bound("'restricted'", 'decrease')} < 0
        or o.frozen + ${bound("'frozen'", 'decrease')} < 0
        or o.pledged + ${bound("'pledged'", 'decrease')} < 0
        or o.tradable + o.restricted + ${bound("'tradable', 'restricted'", 'decrease')} < o.frozen + o.pledged + ${bound("'frozen', 'pledged'", 'increase')}`);
  const [found] = await rows<{ n: number }>(ex, sql`select count(*)::int as n from stage_at_risk`);
  return found!.n;
}

/**
 * Checks every line of the positions at risk (positionsAtRisk) against the balances
 * after it: no balance below zero, encumbrances covered, no entry dated before the
 * position's last one. The
 * running balances stream through the filter: nothing of a million lines is
 * kept (materialising them cost more than computing them twice, decision 0033).
 */
async function balanceErrors(ex: Executor, moved: ReadonlySet<Category>): Promise<LineError[]> {
  return rows<LineError>(
    ex,
    sql`select line_no as line,
          case when backdated_after is not null then 'BACKDATED'
               when tradable < 0 or restricted < 0 or frozen < 0 or pledged < 0 then 'NEGATIVE_BALANCE' else 'ENCUMBERED' end as reason,
          case when backdated_after is not null then backdated_after::text
               else format('tradable %s, restricted %s, frozen %s, pledged %s', tradable, restricted, frozen, pledged) end as detail
        from (${runningBalances(moved, true)}) r
        where backdated_after is not null or tradable < 0 or restricted < 0 or frozen < 0 or pledged < 0 or frozen + pledged > tradable + restricted
        order by backdated_after is null, line_no limit ${MAX_ERRORS}`,
  );
}

/**
 * Writes the journal entries in the running balances' order, so within a
 * position a later entry has a larger id, and the journal's position index is
 * filled in its own order. Ids are the batch's reserved range, by seq.
 */
async function writeJournal(ex: Executor, batchId: string, recordedAt: Date, firstId: bigint, moved: ReadonlySet<Category>): Promise<void> {
  await ex.execute(sql`
    insert into holding_changes (id, holder_id, account_number, security_id, business_type, category, quantity, balance_after, effective_on, batch_id, line_no, reference, recorded_at)
    select ${String(firstId - 1n)}::bigint + seq, holder_id, account_number, security_id, business_type, category, quantity,
           case category when 'tradable' then tradable when 'restricted' then restricted when 'frozen' then frozen else pledged end,
           effective_on, ${batchId}, line_no, reference, ${recordedAt.toISOString()}::timestamptz
    from (${runningBalances(moved)}) r`);
}

/** The advisory lock of the journal's id reservation (the only advisory lock of the application). */
const JOURNAL_IDS_LOCK = sql.raw(String(0x4a6f75726e616cn)); // "Journal" in ASCII

/**
 * Takes the ids of the batch's journal entries in one step, not one nextval per entry
 * (a million nextval calls cost about a second): the sequence is moved past the whole
 * range at once. nextval and setval are two calls, so the range is reserved under an
 * advisory lock held only for that moment: taken inside a savepoint and released by
 * rolling back to it (a lock taken after a savepoint goes when the savepoint is rolled
 * back; a sequence move is never rolled back). Every batch reserves after locking its
 * positions, so a later batch on a position gets larger ids (decision 0033).
 * Returns the first id of the range.
 */
async function reserveJournalIds(ex: Executor, count: number): Promise<bigint> {
  if (count === 0) return 1n;
  await ex.execute(sql`savepoint journal_ids`);
  try {
    await ex.execute(sql`select pg_advisory_xact_lock(${JOURNAL_IDS_LOCK})`);
    const [range] = await rows<{ first: string }>(ex, sql`select (setval('holding_changes_id_seq', nextval('holding_changes_id_seq') + ${count - 1}) - ${count - 1})::text as first`);
    return BigInt(range!.first);
  } finally {
    await ex.execute(sql`rollback to savepoint journal_ids`);
  }
}

/** Transfers (conserving business types) must net to zero per security, business type and date. */
async function unbalancedTransfers(ex: Executor): Promise<LineError[]> {
  return rows<LineError>(
    ex,
    sql`select min(first_line) as line, 'NOT_BALANCED' as reason,
          format('%s %s %s on %s: %s', market, security_code, business_type, effective_on, sum(quantity)) as detail
        from stage_totals
        where conserving and category in ('tradable', 'restricted')
        group by market, security_code, business_type, effective_on
        having sum(quantity) <> 0
        order by 1 limit ${MAX_ERRORS}`,
  );
}

/** Writes each position's closing balances: its locked balances plus the batch's sum per category. */
async function writeBalances(ex: Executor): Promise<void> {
  const sumOf = (category: Category) => sql.raw(`coalesce(running_total(m.quantity) filter (where m.category = '${category}'), 0) as ${category}`);
  await ex.execute(sql`
    update holdings h set tradable = h.tradable + d.tradable, restricted = h.restricted + d.restricted, frozen = h.frozen + d.frozen, pledged = h.pledged + d.pledged,
                          last_effective_on = greatest(h.last_effective_on, d.last_on)
    from (select o.account_number, o.security_id, ${sumOf('tradable')}, ${sumOf('restricted')}, ${sumOf('frozen')}, ${sumOf('pledged')}, max(m.last_on) as last_on
          from stage_groups m join stage_opening o on o.account_number = m.account_number and o.market = m.market and o.security_code = m.security_code
          where m.kind = 'move'
          group by o.account_number, o.security_id) d
    where h.account_number = d.account_number and h.security_id = d.security_id`);
}

/** Session settings for a large batch, for this transaction only. */
export async function tuneForBatch(ex: Executor): Promise<void> {
  // Room to sort and hash a million staged rows in memory (PostgreSQL's default is 4 MB).
  await ex.execute(sql`set local work_mem = '256MB'`);
  // Compiling these long one-off statements costs seconds, more than it saves.
  await ex.execute(sql`set local jit = off`);
}

/**
 * Applies the batch staged in stage_changes (lines well-formed), or throws
 * BATCH_REJECTED listing every bad line (up to a thousand) and changes nothing.
 * Run inside the caller's transaction.
 */
export async function applyStaged(ex: Executor, batchId: string, recordedAt: Date): Promise<number> {
  await tuneForBatch(ex);
  // A new temporary table has no statistics: without them the planner takes a million
  // staged lines for a few and sorts them for a merge join instead of hashing the positions.
  await ex.execute(sql`analyze stage_changes`);
  await resolveStage(ex);
  const lineErrors = await unresolvedLines(ex);
  if (lineErrors.length) throw new AppError('BATCH_REJECTED', { errors: lineErrors });
  await lockPositions(ex);
  const [staged] = await rows<{ lines: number }>(ex, sql`select coalesce(sum(lines), 0)::int as lines from stage_positions`);
  const moved = await rows<{ category: string }>(ex, sql`select distinct category from stage_totals`);
  const movedCategories = new Set(categories.filter((category) => moved.some((m) => m.category === category)));
  const shortLines = (await positionsAtRisk(ex)) ? await balanceErrors(ex, movedCategories) : [];
  // A back-dated line makes the balances after it meaningless: those lines alone are reported.
  const backdated = shortLines.filter((e) => e.reason === 'BACKDATED');
  if (backdated.length) throw new AppError('BATCH_REJECTED', { errors: backdated.sort((a, b) => a.line - b.line) });
  const unbalanced = await unbalancedTransfers(ex);
  if (shortLines.length || unbalanced.length) {
    throw new AppError('BATCH_REJECTED', { errors: [...shortLines, ...unbalanced].sort((a, b) => a.line - b.line).slice(0, MAX_ERRORS) });
  }
  const firstId = await reserveJournalIds(ex, staged!.lines);
  await writeJournal(ex, batchId, recordedAt, firstId, movedCategories);
  await writeBalances(ex);
  // Every staged line is one journal entry (the insert above takes them all).
  return staged!.lines;
}

/** Stages and applies a small list of changes in the caller's transaction. */
export async function applyChanges(ex: Executor, batchId: string, recordedAt: Date, changes: Change[]): Promise<number> {
  await stageChanges(ex, changes);
  return applyStaged(ex, batchId, recordedAt);
}
