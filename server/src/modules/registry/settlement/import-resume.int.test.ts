/**
 * Issue 12, item 1: a server told to stop (SIGTERM) stops its import at a batch
 * boundary, and after the restart the imports resume with no row lost or doubled.
 *
 * Three uploaded settlement files (three batches) run one after another; the
 * queue is stopped while the second streams in. Its transaction rolls back, its
 * job goes back to the queue with the attempt not counted; a new queue (the
 * restarted server) then runs what is left. The journal must hold every line of
 * the three files exactly once, and the balances must be the files' sums.
 */
import { Readable } from 'node:stream';
import { eq, sql } from 'drizzle-orm';
import pino from 'pino';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../../test/databases.ts';
import { testContext } from '../../../../../test/context.ts';
import { aSecurity, anInvestor, issue } from '../../../../../test/registry.ts';
import { rows } from '../../../platform/db/client.ts';
import { jobs } from '../../../platform/db/schema.ts';
import { JobQueue } from '../../../platform/jobs/queue.ts';
import { settlementImportJob, submitSettlementFile } from './import-jobs.ts';
import { settlementColumns } from './settlement-import.ts';

const ACCOUNTS = 6;
const INITIAL = 10_000_000n;

describeEachDatabase('settlement imports stopped and resumed', (getDb) => {
  it('stops at a batch boundary and resumes after the restart without a lost or doubled row', { timeout: 120_000 }, async () => {
    const ctx = testContext(getDb());
    const security = await aSecurity(ctx);
    const accounts: string[] = [];
    for (let i = 0; i < ACCOUNTS; i++) {
      const { shAccount } = await anInvestor(ctx);
      await issue(ctx, security, shAccount, INITIAL);
      accounts.push(shAccount);
    }
    const expected = new Map(accounts.map((a) => [a, INITIAL]));
    const TRADES = 25_000;
    const jobIds: string[] = [];
    for (let file = 0; file < 3; file++) {
      const lines = [settlementColumns.join(',')];
      for (let i = 0; i < TRADES; i++) {
        const seller = accounts[(i + file) % ACCOUNTS]!;
        const buyer = accounts[(i + file + 1) % ACCOUNTS]!;
        const quantity = BigInt(1 + ((i * 13 + file) % 40));
        lines.push(
          `${seller},SH,${security.code},trade_settlement,tradable,-${quantity},2024-04-0${file + 1},F${file}T${i}`,
          `${buyer},SH,${security.code},trade_settlement,tradable,${quantity},2024-04-0${file + 1},F${file}T${i}`,
        );
        expected.set(seller, expected.get(seller)! - quantity);
        expected.set(buyer, expected.get(buyer)! + quantity);
      }
      const { jobId } = await submitSettlementFile(ctx, { requestId: 'resume' }, { kind: 'system' }, { batchId: `RESUME-${file}`, fileName: `f${file}.csv`, stream: Readable.from([`${lines.join('\n')}\n`]) });
      jobIds.push(jobId);
      ctx.clock.advance(1000); // batches apply in the order they came
    }

    const log = pino({ level: 'silent' });
    const first = new JobQueue(ctx.db, ctx.clock, log, { pollMs: 10, concurrency: 1 });
    first.register(settlementImportJob(ctx));
    first.start();
    // Stop while the second file is being imported.
    const statusOf = async (id: string) => (await ctx.db.select().from(jobs).where(eq(jobs.id, id)))[0]!;
    while ((await statusOf(jobIds[1]!)).status !== 'running') await new Promise((resolve) => setTimeout(resolve, 2));
    const stopping = performance.now();
    await first.stop();
    const stopMs = performance.now() - stopping;
    expect(stopMs).toBeLessThan(5000);

    // At a batch boundary: each batch is either whole in the journal (and its job done) or absent (and queued again).
    const journal = async (batch: string) => Number((await rows<{ n: number }>(ctx.db, sql`select count(*)::int as n from holding_changes where batch_id = ${batch}`))[0]!.n);
    expect((await statusOf(jobIds[0]!)).status).toBe('done');
    expect(await statusOf(jobIds[2]!)).toMatchObject({ status: 'queued', attempts: 0 });
    const second = await statusOf(jobIds[1]!);
    if (second.status === 'queued') expect(second.attempts).toBe(0);
    else expect(second.status).toBe('done');
    expect([await journal('RESUME-0'), await journal('RESUME-1'), await journal('RESUME-2')]).toEqual([TRADES * 2, second.status === 'done' ? TRADES * 2 : 0, 0]);

    const restarted = new JobQueue(ctx.db, ctx.clock, log, { pollMs: 10, concurrency: 1 });
    restarted.register(settlementImportJob(ctx));
    expect(await restarted.drain()).toBe(second.status === 'done' ? 1 : 2);
    for (const id of jobIds) {
      const job = await statusOf(id);
      expect(job.status, JSON.stringify(job)).toBe('done');
      expect(job.result).toEqual({ status: 'applied', batchId: (job.payload as { batchId: string }).batchId, rows: TRADES * 2 });
    }
    expect([await journal('RESUME-0'), await journal('RESUME-1'), await journal('RESUME-2')]).toEqual([TRADES * 2, TRADES * 2, TRADES * 2]);
    const balances = await rows<{ account_number: string; tradable: string }>(ctx.db, sql`select account_number, tradable::text as tradable from holdings where security_id = ${security.id} order by account_number`);
    expect(Object.fromEntries(balances.map((b) => [b.account_number, BigInt(b.tradable)]))).toEqual(Object.fromEntries(expected));
  });
});
