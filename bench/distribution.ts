/**
 * Distribution entitlements: `npm run bench:distribution [-- --holders N --rounds N]`.
 *
 * A throwaway PostgreSQL cluster on 127.0.0.1 (or DATABASE_URL, empty), a
 * security with --holders holders (default 1,000,000) generated in SQL. In
 * alternating rounds of the same run it measures:
 *  - baseline: one bare INSERT … SELECT (one distribution id, as a run has) of each account's cash (quantity ×
 *    1.50 / 10, truncated to the cent) from the current holdings into a table
 *    shaped and indexed like distribution_entitlements;
 *  - runDistribution of a cash dividend (10派1.50): the register at the record
 *    date, entitlements, totals, status, audit, one transaction.
 * Then once, a cash + bonus distribution (10派1.50送3): fractional shares ranked,
 * and a million 送股 entries posted through the ledger (every check included).
 * Prints the medians and the ratios against the baseline.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { migrateDatabase, openDatabase } from '../server/src/platform/db/client.ts';
import { createDistribution, runDistribution } from '../server/src/modules/registry/index.ts';
import { benchContext, benchDatabaseUrl, machine, peakRssMb, positiveInt } from './support.ts';
import { BENCH_SECURITY, generateHolders } from './registry-holders.ts';

const { values: flags } = parseArgs({ options: { holders: { type: 'string' }, rounds: { type: 'string' } } });
const holders = positiveInt('holders', flags.holders ?? process.env.BENCH_HOLDERS, 1_000_000);
const rounds = positiveInt('rounds', flags.rounds ?? process.env.BENCH_ROUNDS, 3);

const { url, cluster } = await benchDatabaseUrl();
const database = await openDatabase({ url, poolSize: 4 });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

try {
  await migrateDatabase(database);
  const ctx = benchContext(database);
  const meta = { requestId: 'bench' };
  const actor = { kind: 'system' as const, id: 'bench' };
  let started = performance.now();
  await database.db.transaction((tx) => generateHolders(tx, holders));
  console.log(
    `generated ${holders.toLocaleString('en')} holders of ${BENCH_SECURITY.market}${BENCH_SECURITY.code} in ${seconds(performance.now() - started)}; ${database.kind} ${cluster ? 'throwaway cluster' : 'DATABASE_URL'}; ${machine()}`,
  );
  await ctx.db.execute(sql`create table bench_baseline (like distribution_entitlements including all)`);

  const baselineMs: number[] = [];
  const cashMs: number[] = [];
  for (let round = 0; round < rounds; round++) {
    started = performance.now();
    await ctx.db.transaction(async (tx) => {
      await tx.execute(sql`set local jit = off`); // as the distribution does
      await tx.execute(sql`insert into bench_baseline (distribution_id, account_number, holder_id, security_id, quantity, restricted, cash_amount)
      select ${randomUUID()}::uuid, account_number, holder_id, security_id, tradable + restricted, restricted, trunc((tradable + restricted) * 1.50 / 10, 2)
      from holdings where security_id = ${BENCH_SECURITY.id} and tradable + restricted > 0`);
    });
    baselineMs.push(performance.now() - started);

    const id = await createDistribution(ctx, meta, actor, { market: BENCH_SECURITY.market, code: BENCH_SECURITY.code, recordOn: '2024-06-28', payOn: '2024-07-05', cashPer10: '1.50' });
    started = performance.now();
    const result = await runDistribution(ctx, meta, actor, id);
    cashMs.push(performance.now() - started);
    if (result.holders !== holders) throw new Error(`expected ${holders} entitlements, got ${result.holders}`);
    console.log(`  round ${round + 1}: baseline ${seconds(baselineMs.at(-1)!)}, cash dividend ${seconds(cashMs.at(-1)!)} (cash ${result.cashTotal}, remainder ${result.cashRemainder})`);
  }

  const bonusId = await createDistribution(ctx, meta, actor, { market: BENCH_SECURITY.market, code: BENCH_SECURITY.code, recordOn: '2024-06-28', payOn: '2024-07-05', cashPer10: '1.50', bonusPer10: '3' });
  started = performance.now();
  const bonus = await runDistribution(ctx, meta, actor, bonusId);
  const bonusMs = performance.now() - started;

  const base = median(baselineMs);
  const cash = median(cashMs);
  console.log(`bare INSERT … SELECT of the cash amounts: median ${seconds(base)} (${Math.round(holders / (base / 1000)).toLocaleString('en')} rows/s)`);
  console.log(`cash dividend, entitlements at the record date: median ${seconds(cash)} (${Math.round(holders / (cash / 1000)).toLocaleString('en')} holders/s)`);
  console.log(`cash + bonus shares, ${bonus.sharesIssued} new shares posted through the ledger: ${seconds(bonusMs)}`);
  console.log(`ratio: cash dividend ${(cash / base).toFixed(2)}× the bare INSERT … SELECT; cash + bonus with journal ${(bonusMs / base).toFixed(2)}×; peak memory ${peakRssMb().toFixed(0)} MB`);
} finally {
  await database.close();
  cluster?.stop();
}
