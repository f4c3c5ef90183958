import type { AppContext } from '../../context.ts';
import type { Actor, RequestMeta } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors.ts';
import type { JobDefinition } from '../../platform/jobs/queue.ts';
import { computeDividendTax } from './tax/index.ts';
import { eq } from 'drizzle-orm';
import { distributions, getDistribution, runDistribution } from './events/index.ts';

/** Background jobs of corporate events: running a distribution, recomputing dividend tax. */

export const DISTRIBUTION_JOB = 'registry.distribution';
export const DIVIDEND_TAX_JOB = 'registry.dividend_tax';

interface JobOrigin extends Record<string, unknown> {
  actorId: string | null;
  requestId: string | null;
  ip: string | null;
}

interface DistributionPayload extends JobOrigin {
  distributionId: string;
}

interface DividendTaxPayload extends JobOrigin {
  securityId: number | null;
}

const originOf = (meta: RequestMeta, actor: Actor): JobOrigin => ({ actorId: actor.id ?? null, requestId: meta.requestId ?? null, ip: meta.ip ?? null });

/** Queues the run of a distribution (entitlements, then new shares, then the dividend tax of its security). */
export async function submitDistributionRun(ctx: AppContext, meta: RequestMeta, actor: Actor, distributionId: string): Promise<{ jobId: string }> {
  await getDistribution(ctx.db, distributionId);
  const jobId = await ctx.jobs.enqueue(ctx.db, DISTRIBUTION_JOB, { distributionId, ...originOf(meta, actor) } satisfies DistributionPayload);
  return { jobId };
}

export async function submitDividendTaxComputation(ctx: AppContext, meta: RequestMeta, actor: Actor, securityId: number | null): Promise<{ jobId: string }> {
  const jobId = await ctx.jobs.enqueue(ctx.db, DIVIDEND_TAX_JOB, { securityId, ...originOf(meta, actor) } satisfies DividendTaxPayload);
  return { jobId };
}

/** The request and staff member a job runs for, as its payload recorded them. */
const callerOf = (origin: JobOrigin): { meta: RequestMeta; actor: Actor } => ({ meta: { requestId: origin.requestId, ip: origin.ip }, actor: { kind: 'staff', id: origin.actorId } });

/** A corporate-event job: tried at most three times. */
const eventJob = <P extends JobOrigin>(name: string, handler: JobDefinition<P>['handler']): JobDefinition<P> => ({ name, version: 1, maxAttempts: 3, handler });

export function distributionJob(ctx: AppContext): JobDefinition<DistributionPayload> {
  return eventJob(DISTRIBUTION_JOB, async (payload, job) => {
    const { meta, actor } = callerOf(payload);
    try {
      const result = await runDistribution(ctx, meta, actor, payload.distributionId, (done, total) => void job.progress(done, total));
      const security = await securityOfDistribution(ctx, payload.distributionId);
      // Bonus shares out of profits (送红股) are dividend income too; capitalisation shares are not.
      const paysIncome = Number(result.cashPer10) > 0 || Number(result.bonusPer10) > 0;
      const tax = paysIncome ? await computeDividendTax(ctx, meta, actor, { securityId: security }) : null;
      return { ...result, dividendTax: tax };
    } catch (error) {
      // A refused distribution is an answer, not a failure to retry.
      if (error instanceof AppError) return { status: 'rejected', code: error.code, ...error.details };
      throw error;
    }
  });
}

export function dividendTaxJob(ctx: AppContext): JobDefinition<DividendTaxPayload> {
  return eventJob(DIVIDEND_TAX_JOB, async (payload, job) => {
    const { meta, actor } = callerOf(payload);
    const scope = payload.securityId === null ? {} : { securityId: payload.securityId };
    return { ...(await computeDividendTax(ctx, meta, actor, scope, (positions) => void job.progress(positions))) };
  });
}

async function securityOfDistribution(ctx: AppContext, id: string): Promise<number> {
  const [row] = await ctx.db.select({ securityId: distributions.securityId }).from(distributions).where(eq(distributions.id, id));
  if (!row) throw new AppError('DIST_NOT_FOUND');
  return row.securityId;
}
