/**
 * The cost of chaining the audit trail: `npm run bench:audit-chain [-- --entries N --engine postgres|pglite]`.
 *
 * Writes --entries audit entries (default 5,000), each in its own transaction as a use
 * case does, through audit() into the chained audit_entries (the link trigger locks the
 * chain head, hashes the entry and moves the head), against the same inserts into a
 * table shaped like audit_entries before the chain (same columns, same indexes, no
 * trigger), in alternating rounds of the same run. Prints median and p99 per insert
 * and the ratio of the throughputs (chained / plain), then how fast
 * `clearhall audit verify` walks the chain. On PostgreSQL (default: a throwaway
 * cluster on 127.0.0.1, or DATABASE_URL on loopback) or the embedded PGlite.
 * --entries 20 is the smoke size.
 */
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { migrateDatabase, openDatabase, type Database } from '../server/src/platform/db/client.ts';
import { audit } from '../server/src/platform/audit/audit.ts';
import { verifyAuditChain } from '../server/src/platform/audit/chain.ts';
import { benchDatabaseUrl, machine, percentile, positiveInt } from './support.ts';

const { values: flags } = parseArgs({ options: { entries: { type: 'string' }, engine: { type: 'string' } } });
const entries = positiveInt('entries', flags.entries ?? process.env.BENCH_ENTRIES, 5000);
const engine = flags.engine ?? 'postgres';
if (engine !== 'postgres' && engine !== 'pglite') throw new Error(`--engine must be postgres or pglite, not "${engine}"`);
const ROUNDS = 10;

let database: Database;
let cluster: Awaited<ReturnType<typeof benchDatabaseUrl>>['cluster'] = null;
if (engine === 'postgres') {
  const given = await benchDatabaseUrl();
  cluster = given.cluster;
  database = await openDatabase({ url: given.url, poolSize: 2 });
} else {
  database = await openDatabase({});
}

const event = (i: number) => ({ actor: { kind: 'staff' as const, id: 'bench-clerk' }, action: 'bench.audit', objectType: 'case', objectId: String(i), details: { i, reason: '基准测试', amount: '1234.56' } });
const meta = { ip: '10.0.0.1', requestId: 'bench-request' };

try {
  await migrateDatabase(database);
  const { db } = database;
  // audit_entries as it was before the chain: the same columns and indexes, no trigger.
  await db.execute(sql`drop table if exists bench_audit_plain`);
  await db.execute(sql`create table bench_audit_plain (id bigserial primary key, at timestamptz not null, actor_kind text not null, actor_id text, action text not null,
      object_type text, object_id text, ip text, request_id text, details jsonb not null default '{}')`);
  await db.execute(sql`create index on bench_audit_plain (at)`);
  await db.execute(sql`create index on bench_audit_plain (actor_kind, actor_id)`);
  await db.execute(sql`create index on bench_audit_plain (object_type, object_id)`);

  const chained: number[] = [];
  const plain: number[] = [];
  let chainedMs = 0;
  let plainMs = 0;
  const perRound = Math.max(1, Math.ceil(entries / ROUNDS));
  let written = 0;
  for (let round = 0; written < entries; round++) {
    const n = Math.min(perRound, entries - written);
    const runChained = async () => {
      const start = performance.now();
      for (let i = 0; i < n; i++) {
        const t = performance.now();
        await db.transaction((tx) => audit(tx, new Date(), meta, event(written + i)));
        chained.push(performance.now() - t);
      }
      chainedMs += performance.now() - start;
    };
    const runPlain = async () => {
      const start = performance.now();
      for (let i = 0; i < n; i++) {
        const t = performance.now();
        const e = event(written + i);
        await db.transaction((tx) =>
          tx.execute(sql`insert into bench_audit_plain (at, actor_kind, actor_id, action, object_type, object_id, ip, request_id, details)
            values (${new Date().toISOString()}, ${e.actor.kind}, ${e.actor.id}, ${e.action}, ${e.objectType}, ${e.objectId}, ${meta.ip}, ${meta.requestId}, ${JSON.stringify(e.details)}::jsonb)`),
        );
        plain.push(performance.now() - t);
      }
      plainMs += performance.now() - start;
    };
    // alternate which goes first, so neither always meets a warmer cache
    if (round % 2 === 0) {
      await runChained();
      await runPlain();
    } else {
      await runPlain();
      await runChained();
    }
    written += n;
  }
  chained.sort((a, b) => a - b);
  plain.sort((a, b) => a - b);
  const verifyStart = performance.now();
  const status = await verifyAuditChain(db);
  const verifyMs = performance.now() - verifyStart;
  if (!status.ok) throw new Error(`the chain does not verify: ${status.firstBreak?.message}`);

  const f = (ms: number) => `${ms.toFixed(3)} ms`;
  console.log(`audit chain on ${engine}, ${entries.toLocaleString('en')} entries each way, one transaction each (${machine()})`);
  console.log(`  chained insert  median ${f(percentile(chained, 50))}  p99 ${f(percentile(chained, 99))}  ${((entries / chainedMs) * 1000).toFixed(0)} entries/s`);
  console.log(`  plain insert    median ${f(percentile(plain, 50))}  p99 ${f(percentile(plain, 99))}  ${((entries / plainMs) * 1000).toFixed(0)} entries/s`);
  console.log(`  ratio (chained / plain throughput): ${(plainMs / chainedMs).toFixed(2)}`);
  console.log(`  verify: ${status.entries.toLocaleString('en')} entries in ${verifyMs.toFixed(0)} ms (${((status.entries / verifyMs) * 1000).toFixed(0)} entries/s)`);
  await db.execute(sql`drop table bench_audit_plain`);
} finally {
  await database.close();
  cluster?.stop();
}
