import { Readable } from 'node:stream';
import { beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { describeEachDatabase, openTestDatabase } from '../../../../../test/databases.ts';
import { testContext, type TestContext } from '../../../../../test/context.ts';
import { rows, type Database, type Executor } from '../../../platform/db/client.ts';
import { businessTypeRows, businessTypes, changesBetween, freeze, freezesAt, holdingsAt, registerAt, releaseFreeze } from '../ledger/index.ts';
import { DEMO_HISTORY, seedRegistryDemo, type RegistryDemoSummary } from './demo.ts';
import { eventImports } from '../events/index.ts';
import {
  classifySecurity,
  luhnValid,
  residentIdFacts,
  securitiesAccountMarket,
  validateCcassParticipantId,
  validateIdNumber,
  validateShanghaiAccount,
  validateShenzhenAccount,
  validateUnifiedAccount,
  type IdType,
} from '../../../kernel/identifiers.ts';
import { importSettlementBatch } from '../settlement/index.ts';

const HOLDERS = 300;
const END = DEMO_HISTORY.to;
const meta = { requestId: 'test' };
const actor = { kind: 'system' as const };

async function count(ex: Executor, query: ReturnType<typeof sql>): Promise<number> {
  const [row] = await rows<{ n: string | number }>(ex, query);
  return Number(row?.n ?? 0);
}

/** A digest of everything the seed writes except ciphertexts (random IVs) and the audit time. */
async function checksum(ex: Executor): Promise<string> {
  const [row] = await rows<{ digest: string }>(
    ex,
    sql`select md5(concat_ws('/',
          (select string_agg(concat_ws('|', holder_id, account_number, security_id, business_type, category, quantity, balance_after, effective_on, batch_id, line_no, reference, recorded_at), ',' order by id) from holding_changes),
          (select string_agg(concat_ws('|', id, kind, category, name, id_type, id_number_hash is not null, created_at), ',' order by id) from holders),
          (select string_agg(concat_ws('|', number, holder_id, unified_account_number, market, kind, beijing_enabled, status, opening_agent, opening_method, opened_on), ',' order by number) from securities_accounts),
          (select string_agg(concat_ws('|', number, holder_id, status, opening_agent, opening_method, opened_on), ',' order by number) from unified_accounts),
          (select string_agg(concat_ws('|', account_number, security_id, tradable, restricted, frozen, pledged, last_effective_on), ',' order by account_number, security_id) from holdings),
          (select string_agg(concat_ws('|', id, account_number, security_id, kind, status, case_number, quantity, frozen_quantity, queue_no, start_on, end_on, released_on), ',' order by id) from freezes),
          (select string_agg(concat_ws('|', id, account_number, security_id, contract_number, quantity, status, registered_on, released_on, replaces_pledge_id), ',' order by id) from pledges),
          (select string_agg(concat_ws('|', id, account_number, security_id, quantity, release_on, status), ',' order by id) from restricted_lots),
          (select string_agg(concat_ws('|', id, securities_account_number, detail_no, beneficiary_name, beneficiary_id_type), ',' order by id) from detail_accounts),
          (select string_agg(concat_ws('|', id, row_count, content_hash), ',' order by id) from change_batches))) as digest`,
  );
  return row!.digest;
}

/** ISIN check (ISO 6166), written independently of the seeder: letters as 10-35, then Luhn over the whole. */
function isinValid(isin: string): boolean {
  if (!/^[A-Z]{2}[A-Z0-9]{9}\d$/.test(isin)) return false;
  return luhnValid([...isin].map((c) => (/\d/.test(c) ? c : String(c.charCodeAt(0) - 55))).join(''));
}

describeEachDatabase('demo registry', (getDb) => {
  let ctx: TestContext;
  let summary: RegistryDemoSummary;

  beforeAll(async () => {
    ctx = testContext(getDb());
    const seeded = await seedRegistryDemo(ctx, { holders: HOLDERS });
    if (!seeded) throw new Error('the empty test database was not seeded');
    summary = seeded;
  });

  it('writes what it reports', async () => {
    expect(summary.holders).toBe(HOLDERS);
    expect(await count(ctx.db, sql`select count(*) as n from holders`)).toBe(HOLDERS);
    expect(await count(ctx.db, sql`select count(*) as n from holding_changes`)).toBe(summary.entries);
    expect(await count(ctx.db, sql`select count(*) as n from holdings`)).toBe(summary.positions);
    expect(await count(ctx.db, sql`select count(*) as n from securities_accounts`)).toBe(summary.securitiesAccounts);
    expect(await count(ctx.db, sql`select count(*) as n from securities`)).toBe(20);
    // The busiest account has a long history: the holdings-at-date benchmark uses it.
    const [busiest] = await rows<{ account_number: string; n: number }>(ctx.db, sql`select account_number, count(*)::int as n from holding_changes group by 1 order by 2 desc limit 1`);
    expect(busiest?.account_number).toBe(summary.busiestAccount);
    expect(busiest?.n).toBeGreaterThan(2000);
  });

  it('keeps every ledger invariant', async () => {
    const db = ctx.db;
    // balance_after is the running sum per account, security and category, in (date, id) order; never negative.
    expect(
      await count(
        db,
        sql`select count(*) as n from (
              select balance_after, sum(quantity) over (partition by account_number, security_id, category order by effective_on, id) as running
              from holding_changes) j
            where balance_after <> running or balance_after < 0`,
      ),
    ).toBe(0);
    // After every entry, frozen + pledged ≤ tradable + restricted.
    expect(
      await count(
        db,
        sql`select count(*) as n from (
              select coalesce(sum(quantity) filter (where category = 'tradable') over w, 0) as t,
                     coalesce(sum(quantity) filter (where category = 'restricted') over w, 0) as r,
                     coalesce(sum(quantity) filter (where category = 'frozen') over w, 0) as f,
                     coalesce(sum(quantity) filter (where category = 'pledged') over w, 0) as p
              from holding_changes
              window w as (partition by account_number, security_id order by effective_on, id rows between unbounded preceding and current row)) j
            where f + p > t + r`,
      ),
    ).toBe(0);
    // Transfers between holders balance per security, date and business type.
    const conserving = Object.entries(businessTypes)
      .filter(([, spec]) => spec.conserving)
      .map(([name]) => name);
    expect(
      await count(
        db,
        sql`select count(*) as n from (
              select 1 from holding_changes where business_type in ${conserving} and category in ('tradable', 'restricted')
              group by security_id, effective_on, business_type having sum(quantity) <> 0) j`,
      ),
    ).toBe(0);
    // Every entry is a business type with a category it may change.
    const allowed = businessTypeRows().map(([name, category]) => `${name}/${category}`);
    expect(await count(db, sql`select count(*) as n from holding_changes where business_type || '/' || category not in ${allowed}`)).toBe(0);
    // The current balances are the journal's sums, with its last date.
    expect(
      await count(
        db,
        sql`select count(*) as n from (
              select account_number, security_id,
                     coalesce(sum(quantity) filter (where category = 'tradable'), 0) as t, coalesce(sum(quantity) filter (where category = 'restricted'), 0) as r,
                     coalesce(sum(quantity) filter (where category = 'frozen'), 0) as f, coalesce(sum(quantity) filter (where category = 'pledged'), 0) as p,
                     max(effective_on) as last, min(holder_id::text) as holder_id, count(distinct holder_id) as holders
              from holding_changes group by account_number, security_id) j
            full join holdings h using (account_number, security_id)
            where h.account_number is null or j.account_number is null
               or (j.t, j.r, j.f, j.p) <> (h.tradable, h.restricted, h.frozen, h.pledged)
               or j.last <> h.last_effective_on or j.holders <> 1 or j.holder_id <> h.holder_id::text`,
      ),
    ).toBe(0);
    // Entries belong to the account's holder, fall on or after the account was opened, and never touch a cancelled or dormant account.
    expect(
      await count(
        db,
        sql`select count(*) as n from holding_changes c left join securities_accounts a on a.number = c.account_number
            where a.number is null or a.holder_id <> c.holder_id or c.effective_on < a.opened_on or a.status in ('cancelled', 'dormant')`,
      ),
    ).toBe(0);
    // Securities sit in accounts of their market: Beijing on Shenzhen accounts with the Beijing flag, B shares on B-share accounts.
    expect(
      await count(
        db,
        sql`select count(*) as n from holdings h join securities_accounts a on a.number = h.account_number join securities s on s.id = h.security_id
            where not (case when s.market = 'BJ' then a.market = 'SZ' and a.beijing_enabled else a.market = s.market end)
               or (s.class = 'B') <> (a.kind = 'b_share')`,
      ),
    ).toBe(0);
    // Each batch is recorded with its number of lines (corporate-event imports write no journal lines).
    const eventSources = Object.values(eventImports).map((spec) => spec.source);
    expect(
      await count(
        db,
        sql`select count(*) as n from (select batch_id, count(*) as lines from holding_changes group by batch_id) j
            full join (select * from change_batches where source not in ${eventSources}) b on b.id = j.batch_id
            where j.batch_id is null or b.id is null or b.row_count <> j.lines`,
      ),
    ).toBe(0);
    // Nothing after the end of the history; a delisted security ends with nothing held.
    expect(await count(db, sql`select count(*) as n from holding_changes where effective_on > ${END}::date or effective_on < ${DEMO_HISTORY.from}::date`)).toBe(0);
    expect(await count(db, sql`select count(*) as n from holdings h join securities s on s.id = h.security_id where s.status = 'delisted' and h.tradable + h.restricted > 0`)).toBe(0);
  });

  it('keeps freezes, pledges and lock-ups consistent with the balances they encumber', async () => {
    const db = ctx.db;
    const sumsMatch = (column: string, table: string, quantity: string, active: string) =>
      count(
        db,
        sql.raw(`select count(*) as n from holdings h
                 full join (select account_number, security_id, sum(${quantity}) as q from ${table} where status = '${active}' group by 1, 2) e using (account_number, security_id)
                 where h.account_number is null or h.${column} <> coalesce(e.q, 0)`),
      );
    expect(await sumsMatch('frozen', 'freezes', 'frozen_quantity', 'active')).toBe(0);
    expect(await sumsMatch('pledged', 'pledges', 'quantity', 'active')).toBe(0);
    expect(await sumsMatch('restricted', 'restricted_lots', 'quantity', 'locked')).toBe(0);

    // One journal entry per step of each freeze, pledge and lot.
    const [steps] = await rows<Record<string, number>>(
      db,
      sql`select
            (select count(*)::int from holding_changes where business_type = 'judicial_freeze') as frozen,
            (select count(*)::int from freezes where kind = 'judicial' and start_on is not null) as judicial,
            (select count(*)::int from holding_changes where business_type = 'waiting_freeze_effective') as took_effect,
            (select count(*)::int from freezes where kind = 'waiting' and start_on is not null) as waiting_started,
            (select count(*)::int from holding_changes where business_type in ('judicial_release', 'freeze_expiry')) as ended,
            (select count(*)::int from freezes where status in ('released', 'expired') and start_on is not null) as ended_freezes,
            (select count(*)::int from holding_changes where business_type = 'pledge') as pledged,
            (select count(*)::int from pledges) as pledges,
            (select count(*)::int from holding_changes where business_type = 'pledge_release') as pledge_released,
            (select count(*)::int from pledges where status = 'released') as released_pledges,
            (select count(*)::int from holding_changes where business_type = 'lockup_release' and category = 'restricted') as lots_released,
            (select count(*)::int from restricted_lots where status = 'released') as released_lots`,
    );
    expect(steps!.frozen).toBe(steps!.judicial);
    // A waiting part may take effect in several steps, and an order in force in part may take more later.
    expect(steps!.took_effect).toBeGreaterThanOrEqual(steps!.waiting_started!);
    expect(steps!.ended).toBe(steps!.ended_freezes);
    expect(steps!.pledged).toBe(steps!.pledges);
    expect(steps!.pledge_released).toBe(steps!.released_pledges);
    expect(steps!.lots_released).toBe(steps!.released_lots);

    // States agree with dates: waiting freezes never started; active ones run past the end of the history
    // (an earlier end would have expired them); ended ones have an end date; a period is at most two years, renewed at most once.
    expect(
      await count(
        db,
        sql`select count(*) as n from freezes where
              (status = 'waiting' and (start_on is not null or frozen_quantity <> 0 or kind <> 'waiting'))
           or (status = 'active' and (start_on is null or end_on < ${END}::date or frozen_quantity <= 0))
           or frozen_quantity > quantity
           or (status in ('released', 'expired') and released_on is null)
           or (status = 'expired' and released_on <> end_on + 1)
           or (start_on is not null and (start_on < requested_on or end_on > start_on + interval '4 years' or period_months > 24))
           or queue_no is null`,
      ),
    ).toBe(0);
    expect(await count(db, sql`select count(*) as n from (select 1 from freezes group by account_number, security_id, queue_no having count(*) > 1) q`)).toBe(0);
    expect(
      await count(
        db,
        sql`select count(*) as n from pledges p left join pledges o on o.id = p.replaces_pledge_id
            where (p.status = 'released') <> (p.released_on is not null)
               or (p.replaces_pledge_id is not null and (o.id is null or o.status <> 'released' or o.released_on <> p.registered_on or p.quantity >= o.quantity))`,
      ),
    ).toBe(0);

    // The showcase cases are there whatever the size: a waiting freeze that took effect, a freeze in force
    // at the end, a pledge released in part with the rest still pledged, a lock-up, an inheritance.
    expect(steps!.took_effect).toBeGreaterThan(0);
    expect(await count(db, sql`select count(*) as n from freezes where status = 'active'`)).toBeGreaterThan(0);
    expect(await count(db, sql`select count(*) as n from pledges where replaces_pledge_id is not null and status = 'active'`)).toBeGreaterThan(0);
    expect(await count(db, sql`select count(*) as n from holding_changes where business_type = 'lockup_registration'`)).toBeGreaterThan(0);
    expect(await count(db, sql`select count(*) as n from holding_changes where business_type = 'non_trade_transfer'`)).toBeGreaterThan(0);
    const types = await rows<{ business_type: string }>(db, sql`select distinct business_type from holding_changes order by 1`);
    expect(types.map((t) => t.business_type)).toEqual(
      expect.arrayContaining(['initial_registration', 'trade_settlement', 'bonus_shares', 'exit_registration', 'lockup_release', 'judicial_freeze', 'judicial_release', 'pledge', 'pledge_release']),
    );
  });

  it('uses valid identifiers throughout, and fictitious names', async () => {
    const now = ctx.clock.now();
    const holders = await rows<{ id: string; kind: string; category: string; name: string; id_type: IdType; id_number_enc: string; id_number_hash: string; opened_on: string }>(
      ctx.db,
      sql`select h.id, h.kind, h.category, h.name, h.id_type, h.id_number_enc, h.id_number_hash, min(u.opened_on)::text as opened_on
          from holders h join unified_accounts u on u.holder_id = h.id group by h.id`,
    );
    expect(holders).toHaveLength(HOLDERS);
    for (const h of holders) {
      expect(h.name.startsWith('演示')).toBe(true);
      const idNumber = ctx.vault.decrypt(h.id_number_enc);
      const checked = validateIdNumber(h.id_type, idNumber, now);
      expect(checked, `${h.id_type} ${idNumber}`).toEqual({ ok: true, value: idNumber });
      expect(h.id_number_hash).toBe(ctx.vault.lookupHash(`id:${h.id_type}`, idNumber));
      expect(h.kind === 'institution').toBe(h.id_type === 'unified_social_credit_code');
      const facts = h.id_type === 'resident_id' ? residentIdFacts(idNumber, now) : null;
      if (facts) {
        const born = Number(facts.birthDate.slice(0, 4));
        expect(born).toBeGreaterThanOrEqual(1940);
        expect(`${born + 18}${facts.birthDate.slice(4)}` <= h.opened_on, `${idNumber} opened ${h.opened_on}`).toBe(true);
      }
    }
    const idTypes = new Set(holders.map((h) => h.id_type));
    expect(idTypes.has('resident_id') && idTypes.has('unified_social_credit_code')).toBe(true);
    expect(new Set(holders.map((h) => h.category))).toEqual(new Set(['ordinary', 'nominee_hkscc', 'nominee_qfii', 'credit_collateral', 'refinancing_collateral']));

    const unified = await rows<{ number: string; status: string; opening_method: string }>(ctx.db, sql`select number, status, opening_method from unified_accounts`);
    for (const u of unified) expect(validateUnifiedAccount(u.number).ok, u.number).toBe(true);

    const accounts = await rows<{ number: string; market: string; kind: string; status: string; beijing_enabled: boolean; holder_kind: string }>(
      ctx.db,
      sql`select a.number, a.market, a.kind, a.status, a.beijing_enabled, h.kind as holder_kind from securities_accounts a join holders h on h.id = a.holder_id`,
    );
    for (const a of accounts) {
      const format = a.market === 'SH' ? validateShanghaiAccount(a.number) : validateShenzhenAccount(a.number);
      expect(format.ok && securitiesAccountMarket(a.number) === a.market, a.number).toBe(true);
      if (!format.ok) continue;
      if (a.kind === 'b_share') expect(format.kind).toBe('b_share');
      if (a.kind === 'fund') expect(format.kind).toBe('fund');
      if (a.kind === 'a_share') expect(format.kind).toBe(a.holder_kind === 'person' ? 'individual_a_share' : 'institutional_a_share');
      if (a.beijing_enabled) expect(a.market).toBe('SZ');
    }
    expect(new Set(accounts.map((a) => a.kind))).toEqual(new Set(['a_share', 'b_share', 'fund', 'credit']));
    expect(new Set([...accounts.map((a) => a.status), ...unified.map((u) => u.status)])).toEqual(new Set(['normal', 'dormant', 'cancelled', 'reported_lost']));
    expect(new Set(unified.map((u) => u.opening_method))).toEqual(new Set(['counter', 'witness', 'online']));
    // Opening agents: brokers by codes of the participant-code format (decision 0038), or the depository's own counter.
    const agents = await rows<{ agent: string }>(ctx.db, sql`select opening_agent as agent from unified_accounts union select opening_agent from securities_accounts`);
    for (const { agent } of agents) expect(agent === 'DEMO-CSD' || validateCcassParticipantId(agent).ok, agent).toBe(true);
    expect(accounts.some((a) => a.beijing_enabled)).toBe(true);

    const securities = await rows<{ code: string; market: 'SH' | 'SZ' | 'BJ'; class: string; board: string; isin: string }>(ctx.db, sql`select code, market, class, board, isin from securities`);
    for (const s of securities) {
      expect(classifySecurity(s.code, s.market), s.code).toMatchObject({ class: s.class, board: s.board });
      expect(isinValid(s.isin), s.isin).toBe(true);
    }
    expect(new Set(securities.map((s) => s.board))).toEqual(new Set(['main', 'star', 'star_cdr', 'chinext', 'b_share', 'beijing']));

    const details = await rows<{ beneficiary_id_type: IdType; beneficiary_id_enc: string; beneficiary_name: string; category: string }>(
      ctx.db,
      sql`select d.beneficiary_id_type, d.beneficiary_id_enc, d.beneficiary_name, h.category from detail_accounts d join holders h on h.id = d.holder_id`,
    );
    expect(new Set(details.map((d) => d.category))).toEqual(new Set(['nominee_hkscc', 'nominee_qfii', 'credit_collateral', 'refinancing_collateral']));
    for (const d of details) {
      expect(d.beneficiary_name.startsWith('演示')).toBe(true);
      expect(validateIdNumber(d.beneficiary_id_type, ctx.vault.decrypt(d.beneficiary_id_enc), now).ok).toBe(true);
    }
  });

  it('is deterministic: another database seeded alike holds the same data', async () => {
    const other: Database = await openTestDatabase(getDb().kind);
    try {
      const again = testContext(other);
      expect(await seedRegistryDemo(again, { holders: HOLDERS })).toEqual(summary);
      expect(await checksum(other.db)).toBe(await checksum(ctx.db));
    } finally {
      await other.close();
    }
  });

  it('answers the registry queries', async () => {
    const account = summary.busiestAccount;
    // holdingsAt agrees with the journal read directly, on any date.
    for (const date of ['2021-01-04', '2022-07-08', '2023-12-29', '2025-06-30', END]) {
      const expected = await rows<{ security_id: number; t: string; r: string; f: string; p: string }>(
        ctx.db,
        sql`select security_id,
                   coalesce(sum(quantity) filter (where category = 'tradable'), 0) as t, coalesce(sum(quantity) filter (where category = 'restricted'), 0) as r,
                   coalesce(sum(quantity) filter (where category = 'frozen'), 0) as f, coalesce(sum(quantity) filter (where category = 'pledged'), 0) as p
            from holding_changes where account_number = ${account} and effective_on <= ${date}::date
            group by security_id having sum(quantity) filter (where category in ('tradable', 'restricted')) > 0 order by security_id`,
      );
      const found = await holdingsAt(ctx.db, account, date);
      expect(found.map((p) => [p.securityId, p.tradable, p.restricted, p.frozen, p.pledged]).sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual(
        expected.map((e) => [Number(e.security_id), BigInt(e.t), BigInt(e.r), BigInt(e.f), BigInt(e.p)]),
      );
      if (date !== '2021-01-04') expect(found.length).toBeGreaterThan(0);
    }

    const page = await changesBetween(ctx.db, account, '2023-01-01', '2023-12-31', { limit: 50, offset: 0 });
    expect(page).toHaveLength(50);
    expect(page.every((c) => c.effectiveOn >= '2023-01-01' && c.effectiveOn <= '2023-12-31')).toBe(true);
    expect(page.map((c) => c.effectiveOn)).toEqual([...page.map((c) => c.effectiveOn)].sort());

    const [frozen] = await rows<{ account_number: string; case_number: string }>(ctx.db, sql`select account_number, case_number from freezes where status = 'active' order by account_number limit 1`);
    const inForce = await freezesAt(ctx.db, frozen!.account_number, END);
    expect(inForce.some((f) => f.caseNumber === frozen!.case_number && f.status === 'active' && f.frozenQuantity > 0n)).toBe(true);

    const [security] = await rows<{ security_id: number; total: string; holders: number }>(
      ctx.db,
      sql`select security_id, sum(tradable + restricted) as total, count(*) filter (where tradable + restricted > 0)::int as holders
          from holdings group by 1 order by 3 desc limit 1`,
    );
    const register = await registerAt(ctx.db, security!.security_id, END, 100_000);
    expect(register).toHaveLength(security!.holders);
    expect(register.reduce((sum, line) => sum + line.total, 0n)).toBe(BigInt(security!.total));
    expect(register.map((l) => l.rank)).toEqual(register.map((_, i) => i + 1));
    for (let i = 1; i < register.length; i++) expect(register[i - 1]!.total >= register[i]!.total).toBe(true);
    expect(register.every((l) => l.holderName.startsWith('演示'))).toBe(true);
  });

  it('leaves a registry the services keep working on', async () => {
    const [position] = await rows<{ account_number: string; security_id: number; market: string; code: string; free: string }>(
      ctx.db,
      sql`select h.account_number, h.security_id, s.market, s.code, h.tradable - h.frozen - h.pledged as free
          from holdings h join securities s on s.id = h.security_id join securities_accounts a on a.number = h.account_number
          where a.status = 'normal' and s.status = 'listed' and h.restricted = 0 and h.tradable - h.frozen - h.pledged >= 200
          order by h.account_number, h.security_id limit 1`,
    );
    const order = { accountNumber: position!.account_number, securityId: position!.security_id, authority: '演示市中级人民法院', caseNumber: '（2026）演01执1号', quantity: 100n, on: '2026-11-21', months: 12 };
    const frozen = await freeze(ctx, meta, actor, order);
    expect(frozen.status).toBe('active');
    await releaseFreeze(ctx, meta, actor, frozen.id, '2026-11-23');

    const [buyer] = await rows<{ number: string }>(
      ctx.db,
      sql`select a.number from securities_accounts a join securities s on s.id = ${position!.security_id}
          where a.status = 'normal' and a.number <> ${position!.account_number} and a.kind = 'a_share'
            and (case when s.market = 'BJ' then a.market = 'SZ' and a.beijing_enabled else a.market = s.market end)
          order by a.number limit 1`,
    );
    const csv = [
      'account_number,market,security_code,business_type,category,quantity,effective_on,reference',
      `${position!.account_number},${position!.market},${position!.code},trade_settlement,tradable,-100,2026-11-23,T1`,
      `${buyer!.number},${position!.market},${position!.code},trade_settlement,tradable,100,2026-11-23,T1`,
    ].join('\n');
    const result = await importSettlementBatch(ctx, meta, actor, { batchId: 'after-demo-1', stream: Readable.from([csv]) });
    expect(result).toEqual({ status: 'applied', batchId: 'after-demo-1', rows: 2 });
  });

  it('seeds nothing into a registry that already holds data', async () => {
    expect(await seedRegistryDemo(ctx, { holders: HOLDERS })).toBeNull();
  });
});
