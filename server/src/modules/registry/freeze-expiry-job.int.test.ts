/**
 * The standing freeze-expiry job: a freeze whose term is over ends the next Beijing day without
 * anyone releasing it, its shares go to the waiting part behind it, and the job queues its next run.
 */
import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/databases.ts';
import { testContext } from '../../../../test/context.ts';
import { aSecurity, anInvestor, issue } from '../../../../test/registry.ts';
import { jobs } from '../../platform/db/schema.ts';
import { FREEZE_EXPIRY_JOB, freezeExpiryJob } from './freeze-expiry-job.ts';
import { freeze, ledgerTables } from './ledger/index.ts';

const { freezes } = ledgerTables;

const meta = { requestId: 'freeze-expiry' };
const actor = { kind: 'system' as const };
const running = { id: 'test', attempt: 1, progress: async () => {}, signal: new AbortController().signal };

describeEachDatabase('registry: freeze expiry job', (getDb) => {
  it('ends a freeze the day after its term, hands its shares to the waiting order, and queues the next day', async () => {
    const ctx = testContext(getDb());
    expect(ctx.jobs.recurringJobs()).toContain(FREEZE_EXPIRY_JOB);
    const security = await aSecurity(ctx);
    const holder = await anInvestor(ctx);
    await issue(ctx, security, holder.shAccount, 1000n, '2024-01-02');
    const order = { accountNumber: holder.shAccount, securityId: security.id, authority: '测试市中级人民法院', quantity: 1000n };
    await freeze(ctx, meta, actor, { ...order, caseNumber: '(2024)测执到期1号', on: '2024-01-31', months: 1 });
    await freeze(ctx, meta, actor, { ...order, caseNumber: '(2024)测执到期2号', on: '2024-02-01', months: 6 });

    // 2024-01-31 + one month ends on 2024-02-29 (a leap year): still in force that day.
    ctx.clock.set(new Date('2024-02-29T00:01:00+08:00'));
    expect(await freezeExpiryJob(ctx).handler({}, running)).toEqual({ asOf: '2024-02-29', expired: 0 });

    ctx.clock.set(new Date('2024-03-01T00:01:00+08:00'));
    expect(await freezeExpiryJob(ctx).handler({}, running)).toEqual({ asOf: '2024-03-01', expired: 1 });
    const rows = await ctx.db.select({ caseNumber: freezes.caseNumber, status: freezes.status }).from(freezes).where(eq(freezes.securityId, security.id)).orderBy(freezes.caseNumber);
    expect(rows).toEqual([
      { caseNumber: '(2024)测执到期1号', status: 'expired' },
      { caseNumber: '(2024)测执到期2号', status: 'active' },
    ]);

    const next = await ctx.db
      .select({ runAt: jobs.runAt })
      .from(jobs)
      .where(and(eq(jobs.name, FREEZE_EXPIRY_JOB), eq(jobs.status, 'queued')));
    expect(next.map((job) => job.runAt.toISOString())).toContain(new Date('2024-03-02T00:01:00+08:00').toISOString());
  });
});
