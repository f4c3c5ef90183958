/**
 * A security held by N holders, generated in SQL (a few seconds for a million):
 * fictitious people and institutions (every name starts with 演示), one
 * Shanghai account each, an initial registration in the journal and the
 * matching balance, every 20th holder with restricted shares as well, every
 * 50th with part of them frozen. Far cheaper than the whole demo seed, and
 * enough for the register at a date, distributions and exports.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../server/src/platform/db/client.ts';
import { registerSecurity } from '../server/src/modules/registry/index.ts';

export const BENCH_SECURITY = { id: 900_001, market: 'SH', code: '601999', name: '演示基准股份' } as const;
export const ISSUED_ON = '2024-01-02';

export async function generateHolders(ex: Executor, holders: number): Promise<void> {
  await registerSecurity(ex, { id: BENCH_SECURITY.id, code: BENCH_SECURITY.code, market: BENCH_SECURITY.market, name: BENCH_SECURITY.name, isin: 'CNE100009990', parValue: '1.0000' });
  await ex.execute(sql`create temp table bench_gen as
    select g, md5('holder' || g)::uuid as holder_id, 'A' || lpad(g::text, 9, '0') as account, '18' || lpad(g::text, 10, '0') as unified,
           (100 + (g::bigint * 7919) % 99900) as tradable, case when g % 20 = 0 then (g::bigint * 31) % 5000 + 100 else 0 end as restricted,
           case when g % 50 = 0 then 100 else 0 end as frozen
    from generate_series(1, ${holders}) g`);
  await ex.execute(sql`insert into holders (id, kind, category, name, id_type, id_number_enc, id_number_hash, created_at)
    select holder_id, case when g % 10 = 0 then 'institution' else 'person' end, 'ordinary', '演示持有人' || g,
           case when g % 10 = 0 then 'unified_social_credit_code' else 'resident_id' end, 'bench', md5('id' || g), now()
    from bench_gen`);
  await ex.execute(sql`insert into unified_accounts (number, holder_id, status, opening_agent, opening_method, opened_on)
    select unified, holder_id, 'normal', 'B01866', 'online', '2020-01-02' from bench_gen`);
  await ex.execute(sql`insert into securities_accounts (number, holder_id, unified_account_number, market, kind, beijing_enabled, status, opening_agent, opening_method, opened_on)
    select account, holder_id, unified, 'SH', 'a_share', false, 'normal', 'B01866', 'online', '2020-01-02' from bench_gen`);
  await ex.execute(sql`insert into holding_changes (holder_id, account_number, security_id, business_type, category, quantity, balance_after, effective_on, batch_id, line_no, recorded_at)
    select holder_id, account, ${BENCH_SECURITY.id}::int, 'initial_registration', 'tradable', tradable, tradable, ${ISSUED_ON}::date, 'bench-initial', g, now() from bench_gen
    union all
    select holder_id, account, ${BENCH_SECURITY.id}::int, 'initial_registration', 'restricted', restricted, restricted, ${ISSUED_ON}::date, 'bench-initial', g, now() from bench_gen where restricted > 0
    union all
    select holder_id, account, ${BENCH_SECURITY.id}::int, 'judicial_freeze', 'frozen', frozen, frozen, ${ISSUED_ON}::date, 'bench-initial', g, now() from bench_gen where frozen > 0`);
  await ex.execute(sql`insert into holdings (account_number, security_id, holder_id, tradable, restricted, frozen, pledged, last_effective_on)
    select account, ${BENCH_SECURITY.id}::int, holder_id, tradable, restricted, frozen, 0, ${ISSUED_ON}::date from bench_gen`);
  await ex.execute(sql`drop table bench_gen`);
  await ex.execute(sql`analyze holders, unified_accounts, securities_accounts, holding_changes, holdings`);
}
