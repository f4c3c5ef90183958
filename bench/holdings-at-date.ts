/**
 * Holdings at a past date: `npm run bench:holdings-at-date [-- --holders N --calls N]`.
 *
 * On PostgreSQL with a journal of over ten million entries: by default a throwaway
 * cluster on 127.0.0.1 seeded with the demo registry at 1,000,000 holders (about
 * 12 million entries; the seed takes several minutes, see the figure printed), or
 * the database of DATABASE_URL: used as it is when its registry holds data, seeded
 * first when it is empty. --holders 20000 gives a quick run on a small journal.
 *
 * Picks the account with the most journal entries and measures holdingsAt(account,
 * random past date) over --calls calls (default 2,000), against a single indexed
 * primary-key lookup of one of its positions (select * from holdings where
 * account_number = $1 and security_id = $2), measured the same way, through the same
 * pool, in alternating rounds of the same run. Prints median and p99 of both and
 * their ratios; the target is a p99 of holdingsAt under 10 ms.
 */
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { migrateDatabase, openDatabase, rows } from '../server/src/platform/db/client.ts';
import { holdingsAt, seedRegistryDemo } from '../server/src/modules/registry/index.ts';
import { benchContext, benchDatabaseUrl, machine, percentile, positiveInt } from './support.ts';

const { values: flags } = parseArgs({ options: { holders: { type: 'string' }, calls: { type: 'string' } } });
const holders = positiveInt('holders', flags.holders ?? process.env.BENCH_HOLDERS, 1_000_000);
const calls = positiveInt('calls', flags.calls ?? process.env.BENCH_CALLS, 2000);
const ROUNDS = 10;
const WARMUP = 200;
const TARGET_P99_MS = 10;

const { url, cluster } = await benchDatabaseUrl();
const database = await openDatabase({ url, poolSize: 2 });

try {
  await migrateDatabase(database);
  const ctx = benchContext(database);
  const [existing] = await rows<{ n: number }>(ctx.db, sql`select count(*)::int as n from (select 1 from holding_changes limit 1) j`);
  if (!existing?.n) {
    console.log(`seeding the demo registry with ${holders.toLocaleString('en')} holders${cluster ? ' into a throwaway cluster' : ''}...`);
    const started = performance.now();
    let shown = 0;
    const summary = await seedRegistryDemo(ctx, {
      holders,
      onProgress: (done, total) => {
        if (done / total >= shown + 0.1 || done === total) {
          shown = Math.floor((done / total) * 10) / 10;
          process.stdout.write(`  ${Math.round((100 * done) / total)}% (${((performance.now() - started) / 1000).toFixed(0)} s)\n`);
        }
      },
    });
    console.log(`(seeded ${summary?.entries.toLocaleString('en')} journal entries, ${summary?.positions.toLocaleString('en')} positions in ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  } else {
    console.log('(using the registry already in DATABASE_URL)');
  }

  const [{ entries } = { entries: 0 }] = await rows<{ entries: number }>(ctx.db, sql`select count(*)::int as entries from holding_changes`);
  const [busiest] = await rows<{ account_number: string; n: number; first: string; last: string }>(
    ctx.db,
    sql`select account_number, count(*)::int as n, min(effective_on)::text as first, max(effective_on)::text as last
        from holding_changes group by account_number order by count(*) desc, account_number limit 1`,
  );
  if (!busiest) throw new Error('the journal is empty');
  const account = busiest.account_number;
  const [position] = await rows<{ security_id: number; positions: number }>(
    ctx.db,
    sql`select security_id, count(*) over ()::int as positions from holdings where account_number = ${account} order by security_id limit 1`,
  );
  console.log(
    `journal ${entries.toLocaleString('en')} entries; account ${account}: ${busiest.n.toLocaleString('en')} entries, ${position!.positions} positions, ` +
      `${busiest.first} to ${busiest.last}; ${calls} calls each, ${ROUNDS} alternating rounds; ${database.kind} ${cluster ? 'throwaway cluster' : 'from DATABASE_URL'}; ${machine()}`,
  );

  // Random past dates in the account's history, the same every run.
  const firstDay = Date.parse(`${busiest.first}T00:00:00Z`);
  const span = Math.max(1, (Date.parse(`${busiest.last}T00:00:00Z`) - firstDay) / 86_400_000);
  let state = 20261121;
  const randomDate = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return new Date(firstDay + (state % (span + 1)) * 86_400_000).toISOString().slice(0, 10);
  };

  const atDate = async () => {
    await holdingsAt(ctx.db, account, randomDate());
  };
  const byKey = async () => {
    await rows(ctx.db, sql`select * from holdings where account_number = ${account} and security_id = ${position!.security_id}`);
  };
  const time = async (step: () => Promise<void>, n: number, into: number[]) => {
    for (let i = 0; i < n; i++) {
      const started = performance.now();
      await step();
      into.push(performance.now() - started);
    }
  };

  await time(atDate, WARMUP, []);
  await time(byKey, WARMUP, []);
  const atDateMs: number[] = [];
  const byKeyMs: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    await time(atDate, Math.ceil(calls / ROUNDS), atDateMs);
    await time(byKey, Math.ceil(calls / ROUNDS), byKeyMs);
  }
  atDateMs.sort((a, b) => a - b);
  byKeyMs.sort((a, b) => a - b);
  const [m1, p1, m2, p2] = [percentile(atDateMs, 50), percentile(atDateMs, 99), percentile(byKeyMs, 50), percentile(byKeyMs, 99)];
  console.log(`holdingsAt(account, random past date): median ${m1.toFixed(2)} ms, p99 ${p1.toFixed(2)} ms`);
  console.log(`primary-key lookup of one position:    median ${m2.toFixed(2)} ms, p99 ${p2.toFixed(2)} ms`);
  console.log(`ratio: median ${(m1 / m2).toFixed(1)}×, p99 ${(p1 / p2).toFixed(1)}× (holdingsAt ÷ key lookup)`);
  console.log(`target: p99 < ${TARGET_P99_MS} ms${p1 < TARGET_P99_MS ? ': met' : ': MISSED'}`);
} finally {
  await database.close();
  cluster?.stop();
}
