import type { AppContext } from '../../context.ts';
import { addDays } from '../../kernel/dates.ts';
import { beijingDate, beijingInstant } from '../../kernel/time.ts';
import type { JobDefinition } from '../../platform/jobs/queue.ts';
import { expireFreezes } from './ledger/index.ts';

export const FREEZE_EXPIRY_JOB = 'registry.freeze_expiry';

/** A minute after Beijing midnight: the day whose freezes ended yesterday has begun everywhere. */
const RUN_AT = '00:01:00';

/**
 * Ends each freeze whose term is over (its end day has passed in Beijing), which hands the freed
 * shares to the waiting parts behind it, then queues itself for the next day. A standing job.
 */
export function freezeExpiryJob(ctx: AppContext): JobDefinition {
  return {
    name: FREEZE_EXPIRY_JOB,
    version: 1,
    maxAttempts: 3,
    recurring: true,
    handler: async () => {
      const today = beijingDate(ctx.clock.now());
      const expired = await expireFreezes(ctx, today);
      await ctx.jobs.enqueue(ctx.db, FREEZE_EXPIRY_JOB, {}, { runAt: beijingInstant(addDays(today, 1), RUN_AT) });
      return { asOf: today, expired };
    },
  };
}
