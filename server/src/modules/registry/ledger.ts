import { sql, type SQL } from 'drizzle-orm';
import { rows, type Executor } from '../../platform/db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { businessTypeRows, type BusinessTypeName, type Category } from './business-types.ts';

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

export async function createStage(ex: Executor): Promise<void> {
  await ex.execute(sql`drop table if exists stage_changes`);
  await ex.execute(
    sql`create temp table stage_changes (line_no text, account_number text, market text, security_code text, business_type text, category text, quantity text, effective_on text, reference text) on commit drop`,
  );
}

/** Stages a small in-memory list (freezes, pledges, tests); imports stream with a BulkLoader instead. */
export async function stageChanges(ex: Executor, changes: Change[]): Promise<void> {
  await createStage(ex);
  const columns = stageColumns.map((_, i) => sql.param(changes.map((c) => stageRow(c)[i] ?? null)));
  await ex.execute(sql`insert into stage_changes select * from unnest(${sql.join(
    columns.map((c) => sql`${c}::text[]`),
    sql`, `,
  )})`);
}

function businessTypesValues(): SQL {
  return sql.join(
    businessTypeRows().map(([name, category, conserving]) => sql`(${name}::text, ${category}::text, ${conserving}::boolean)`),
    sql`, `,
  );
}

const MAX_ERRORS = 1000;

/**
 * A staged source: rows of (line_no int, account_number, market, security_code,
 * business_type, category, quantity, effective_on, reference — text — and
 * problem, problem_detail: why the line is malformed, or null).
 */
export type StageSource = SQL;

/** Changes staged from memory: well-formed by construction. */
export const stagedChanges: StageSource = sql`select line_no::int as line_no, account_number, market, security_code, business_type, category, quantity, effective_on, reference,
  null::text as problem, null::text as problem_detail from stage_changes`;

/**
 * Types and resolves the staged changes in one pass: accounts, securities and
 * business types joined, quantity and date converted on well-formed lines.
 * Returns the malformed lines (the source's problems), in line order.
 */
export async function resolveStage(ex: Executor, source: StageSource): Promise<LineError[]> {
  await ex.execute(sql`drop table if exists stage_resolved`);
  await ex.execute(sql`
    create temp table stage_resolved on commit drop as
    select st.line_no, st.problem, st.problem_detail, st.account_number, a.holder_id, a.status as account_status, a.market as account_market, a.beijing_enabled, sec.id as security_id,
           st.business_type, st.category, bt.conserving,
           case when st.problem is null then st.quantity::bigint end as quantity,
           case when st.problem is null then st.effective_on::date end as effective_on,
           st.reference, st.market, st.security_code
    from (${source}) st
    left join securities_accounts a on a.number = st.account_number
    left join securities sec on sec.market = st.market and sec.code = st.security_code
    left join (values ${businessTypesValues()}) as bt(name, category, conserving) on bt.name = st.business_type and bt.category = st.category`);
  return rows<LineError>(
    ex,
    sql`select line_no as line, problem as reason, problem_detail as detail from stage_resolved where problem is not null order by line_no limit ${MAX_ERRORS}`,
  );
}

/** Checks each well-formed line on its own: account, security, market, business type. */
async function unresolvedLines(ex: Executor): Promise<LineError[]> {
  return rows<LineError>(
    ex,
    sql`select r.line_no as line,
          case when r.holder_id is null then 'UNKNOWN_ACCOUNT'
               when r.account_status = 'cancelled' then 'ACCOUNT_CANCELLED'
               when r.security_id is null then 'UNKNOWN_SECURITY'
               when r.conserving is null then 'BUSINESS_TYPE_CATEGORY'
               when (r.market = 'BJ' and not r.beijing_enabled) or (r.market <> 'BJ' and r.account_market <> r.market) then 'MARKET_MISMATCH'
          end as reason, null as detail
        from stage_resolved r
        where r.holder_id is null or r.account_status = 'cancelled' or r.security_id is null or r.conserving is null
           or (r.market = 'BJ' and not r.beijing_enabled) or (r.market <> 'BJ' and r.account_market <> r.market)
        order by r.line_no limit ${MAX_ERRORS}`,
  );
}

/** Locks every position of the batch, creating the new ones at zero, and keeps their balances aside. */
async function lockPositions(ex: Executor): Promise<void> {
  await ex.execute(sql`drop table if exists stage_positions`);
  await ex.execute(sql`
    create temp table stage_positions on commit drop as
    select account_number, security_id, holder_id, min(effective_on) as first_on
    from stage_resolved group by account_number, security_id, holder_id`);
  // Only the positions not there yet: a speculative insert per existing position costs more than this anti-join.
  await ex.execute(sql`
    insert into holdings (account_number, security_id, holder_id, last_effective_on)
    select p.account_number, p.security_id, p.holder_id, p.first_on from stage_positions p
    where not exists (select 1 from holdings h where h.account_number = p.account_number and h.security_id = p.security_id)
    on conflict do nothing`);
  await ex.execute(sql`drop table if exists stage_opening`);
  await ex.execute(sql`
    create temp table stage_opening (account_number text, security_id integer, tradable bigint, restricted bigint, frozen bigint, pledged bigint, last_effective_on date) on commit drop`);
  await ex.execute(sql`
    with locked as (
      select h.account_number, h.security_id, h.tradable, h.restricted, h.frozen, h.pledged, h.last_effective_on
      from holdings h join stage_positions p on p.account_number = h.account_number and p.security_id = h.security_id
      order by h.account_number, h.security_id for update of h)
    insert into stage_opening select * from locked`);
}

/**
 * Computes the balances after every line, per position, from the locked
 * current balances, in one sort: by position, then effective date and line,
 * which is also the order of the journal's position index. Journal ids are
 * drawn in that order, so within a position a later entry has a larger id.
 * Then checks every line: no balance below zero, encumbrances covered, no
 * entry dated before the position's last one, transfers balanced.
 */
async function runBalances(ex: Executor): Promise<LineError[]> {
  // sum() over bigint gives numeric; the balances are bigint again at once, as the journal stores them.
  const running = (category: Category) => sql.raw(`(h.${category} + sum(case when r.category = '${category}' then r.quantity else 0 end) over w)::bigint as ${category}`);
  await ex.execute(sql`drop table if exists stage_running`);
  await ex.execute(sql`
    create temp table stage_running on commit drop as
    select nextval('holding_changes_id_seq') as id, w.* from (
      select r.line_no, r.holder_id, r.account_number, r.security_id, r.business_type, r.category, r.quantity, r.effective_on, r.reference,
        ${running('tradable')}, ${running('restricted')}, ${running('frozen')}, ${running('pledged')},
        case when r.effective_on < h.last_effective_on then h.last_effective_on end as backdated_after,
        lead(r.line_no) over w is null as last_of_position
      from stage_resolved r
      join stage_opening h on h.account_number = r.account_number and h.security_id = r.security_id
      window w as (partition by r.account_number, r.security_id order by r.effective_on, r.line_no rows between unbounded preceding and current row)) w`);
  const lineErrors = await rows<LineError>(
    ex,
    sql`select line_no as line,
          case when backdated_after is not null then 'BACKDATED'
               when tradable < 0 or restricted < 0 or frozen < 0 or pledged < 0 then 'NEGATIVE_BALANCE' else 'ENCUMBERED' end as reason,
          case when backdated_after is not null then backdated_after::text
               else format('tradable %s, restricted %s, frozen %s, pledged %s', tradable, restricted, frozen, pledged) end as detail
        from stage_running
        where backdated_after is not null or tradable < 0 or restricted < 0 or frozen < 0 or pledged < 0 or frozen + pledged > tradable + restricted
        order by backdated_after is null, line_no limit ${MAX_ERRORS}`,
  );
  // A back-dated line makes the balances after it meaningless: those lines alone are reported.
  const backdated = lineErrors.filter((e) => e.reason === 'BACKDATED');
  if (backdated.length) return backdated.sort((a, b) => a.line - b.line);
  const unbalanced = await rows<LineError>(
    ex,
    sql`select min(line_no) as line, 'NOT_BALANCED' as reason,
          format('%s %s %s on %s: %s', market, security_code, business_type, effective_on, sum(quantity)) as detail
        from stage_resolved
        where conserving and category in ('tradable', 'restricted')
        group by market, security_code, business_type, effective_on
        having sum(quantity) <> 0
        order by 1 limit ${MAX_ERRORS}`,
  );
  return [...lineErrors, ...unbalanced].sort((a, b) => a.line - b.line).slice(0, MAX_ERRORS);
}

async function writeJournal(ex: Executor, batchId: string, recordedAt: Date): Promise<number> {
  // stage_running lies in the position index's order, so the index is filled position by position.
  const inserted = await ex.execute(sql`
    insert into holding_changes (id, holder_id, account_number, security_id, business_type, category, quantity, balance_after, effective_on, batch_id, line_no, reference, recorded_at)
    select id, holder_id, account_number, security_id, business_type, category, quantity,
           case category when 'tradable' then tradable when 'restricted' then restricted when 'frozen' then frozen else pledged end,
           effective_on, ${batchId}, line_no, reference, ${recordedAt.toISOString()}::timestamptz
    from stage_running`);
  await ex.execute(sql`
    update holdings h set tradable = f.tradable, restricted = f.restricted, frozen = f.frozen, pledged = f.pledged,
                          last_effective_on = greatest(h.last_effective_on, f.effective_on)
    from stage_running f
    where f.last_of_position and h.account_number = f.account_number and h.security_id = f.security_id`);
  return affectedRows(inserted);
}

/** Rows written by an INSERT, as node-postgres (rowCount) or PGlite (affectedRows) reports them. */
function affectedRows(result: unknown): number {
  const r = result as { rowCount?: number | null; affectedRows?: number };
  return Number(r.rowCount ?? r.affectedRows ?? 0);
}

/** Session settings for a large batch, for this transaction only. */
export async function tuneForBatch(ex: Executor): Promise<void> {
  // Room to sort and hash a million staged rows in memory (PostgreSQL's default is 4 MB).
  await ex.execute(sql`set local work_mem = '256MB'`);
  // Compiling these long one-off statements costs seconds, more than it saves.
  await ex.execute(sql`set local jit = off`);
}

/**
 * Applies what resolveStage typed, or throws BATCH_REJECTED listing every bad
 * line (up to a thousand) and changes nothing. Run inside the caller's transaction.
 */
export async function applyResolved(ex: Executor, batchId: string, recordedAt: Date): Promise<number> {
  const lineErrors = await unresolvedLines(ex);
  if (lineErrors.length) throw new AppError('BATCH_REJECTED', { errors: lineErrors });
  await lockPositions(ex);
  const balanceErrors = await runBalances(ex);
  if (balanceErrors.length) throw new AppError('BATCH_REJECTED', { errors: balanceErrors });
  return writeJournal(ex, batchId, recordedAt);
}

/** Applies the changes staged in stage_changes (all well-formed). */
export async function applyStaged(ex: Executor, batchId: string, recordedAt: Date): Promise<number> {
  await tuneForBatch(ex);
  const malformed = await resolveStage(ex, stagedChanges);
  if (malformed.length) throw new AppError('BATCH_REJECTED', { errors: malformed });
  return applyResolved(ex, batchId, recordedAt);
}

/** Stages and applies a small list of changes in the caller's transaction. */
export async function applyChanges(ex: Executor, batchId: string, recordedAt: Date, changes: Change[]): Promise<number> {
  await stageChanges(ex, changes);
  return applyStaged(ex, batchId, recordedAt);
}
