/**
 * Register exports: `npm run bench:register-export [-- --holders N]`.
 *
 * A throwaway PostgreSQL cluster on 127.0.0.1 (or DATABASE_URL, empty), a
 * security with --holders holders (default 1,000,000) generated in SQL. In the
 * same run it measures, in rows per second:
 *  - baseline: a raw COPY (the export's own query) TO STDOUT, read and thrown away;
 *  - the CSV export (COPY's CSV streamed into the file store, with progress);
 *  - the Excel export (our streamed SpreadsheetML writer, platform/storage/xlsx.ts, rows as they arrive).
 * Prints both ratios against the baseline and the peak memory of the process.
 */
import { parseArgs } from 'node:util';
import type pg from 'pg';
import { migrateDatabase, openDatabase } from '../server/src/platform/db/client.ts';
import { copyOut, inlineSql } from '../server/src/platform/db/stream.ts';
import { registerExportQuery, registerSize, writeRegisterFile } from '../server/src/modules/registry/index.ts';
import { benchContext, benchDatabaseUrl, machine, mb, peakRssMb, positiveInt } from './support.ts';
import { BENCH_SECURITY, generateHolders } from './registry-holders.ts';

const { values: flags } = parseArgs({ options: { holders: { type: 'string' } } });
const holders = positiveInt('holders', flags.holders ?? process.env.BENCH_HOLDERS, 1_000_000);
const DATE = '2024-06-28';

const { url, cluster } = await benchDatabaseUrl();
const database = await openDatabase({ url, poolSize: 4 });
const rate = (rows: number, ms: number) => Math.round(rows / (ms / 1000));

try {
  await migrateDatabase(database);
  const ctx = benchContext(database);
  let started = performance.now();
  await database.db.transaction((tx) => generateHolders(tx, holders));
  console.log(`generated ${holders.toLocaleString('en')} holders of ${BENCH_SECURITY.market}${BENCH_SECURITY.code} in ${((performance.now() - started) / 1000).toFixed(1)} s; ${machine()}`);

  const size = await registerSize(database, BENCH_SECURITY.id, DATE);
  const text = inlineSql(registerExportQuery(BENCH_SECURITY.id, DATE, size.totalShares));
  const rawCopy = async () => {
    const t = performance.now();
    let bytes = 0;
    for await (const chunk of await copyOut(database.raw as pg.Pool, text, 'csv')) bytes += (chunk as Buffer).length;
    return { ms: performance.now() - t, bytes };
  };
  await rawCopy(); // warm the cache, as the exports after it find it warm

  const copy1 = await rawCopy();
  started = performance.now();
  const csv = await writeRegisterFile(ctx, { securityId: BENCH_SECURITY.id, date: DATE, format: 'csv' });
  const csvMs = performance.now() - started;
  started = performance.now();
  const xlsx = await writeRegisterFile(ctx, { securityId: BENCH_SECURITY.id, date: DATE, format: 'xlsx' });
  const xlsxMs = performance.now() - started;
  const copy2 = await rawCopy();
  const copyMs = Math.min(copy1.ms, copy2.ms);

  if (csv.rows !== holders || xlsx.rows !== holders) throw new Error(`expected ${holders} rows, got ${csv.rows} (CSV) and ${xlsx.rows} (Excel)`);
  console.log(`raw COPY … TO STDOUT:  ${rate(holders, copyMs).toLocaleString('en')} rows/s (${(copyMs / 1000).toFixed(2)} s, ${mb(copy1.bytes)})`);
  console.log(`CSV export:            ${rate(holders, csvMs).toLocaleString('en')} rows/s (${(csvMs / 1000).toFixed(2)} s, ${mb(csv.bytes)})`);
  console.log(`Excel export:          ${rate(holders, xlsxMs).toLocaleString('en')} rows/s (${(xlsxMs / 1000).toFixed(2)} s, ${mb(xlsx.bytes)})`);
  console.log(`ratio (export rows/s ÷ raw COPY rows/s): CSV ${(copyMs / csvMs).toFixed(2)}, Excel ${(copyMs / xlsxMs).toFixed(2)}; peak memory ${peakRssMb().toFixed(0)} MB`);
} finally {
  await database.close();
  cluster?.stop();
}
