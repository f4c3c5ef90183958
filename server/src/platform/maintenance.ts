import type { Db } from './db/client.ts';
import type { Clock } from './clock.ts';
import type { CaptchaService } from './auth/captcha.ts';
import type { CodeService } from './auth/codes.ts';
import type { JobDefinition, JobQueue } from './jobs/queue.ts';
import { sweepExpired } from './ratelimit.ts';

export const MAINTENANCE_JOB = 'platform.maintenance';

/** Sweeps expired counters, captchas and codes; re-enqueues itself hourly. */
export function maintenanceJob(ctx: { clock: Clock; db: Db; captcha: CaptchaService; codes: CodeService; jobs: JobQueue }): JobDefinition {
  return {
    name: MAINTENANCE_JOB,
    version: 1,
    maxAttempts: 3,
    recurring: true,
    handler: async () => {
      const now = ctx.clock.now();
      await sweepExpired(ctx.db, now);
      await ctx.captcha.sweep(ctx.db, now);
      await ctx.codes.sweep(ctx.db, now);
      await ctx.jobs.enqueue(ctx.db, MAINTENANCE_JOB, {}, { runAt: new Date(now.getTime() + 3_600_000) });
    },
  };
}
