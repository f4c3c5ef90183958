import { eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../../context.ts';
import { withBulkTransaction } from '../../../platform/db/bulk.ts';
import { rows, type Executor } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { audit, type Actor, type RequestMeta } from '../../../platform/audit/audit.ts';
import { beijingDate } from '../../../kernel/time.ts';
import { applyStaged, createStage } from './ledger.ts';
import { changeBatches } from './schema.ts';
import './errors.ts';

/**
 * "Apply this batch once": every import that changes the registry (settlement files, IPO results, risk disclosures,
 * abandonments, a distribution's new shares, reversals) records its batch in `change_batches` with a fingerprint of its
 * content. The same id and content again is "already applied" and changes nothing; the same id with other content, or
 * from another source, is refused. Run inside the caller's transaction.
 */
export interface BatchIdentity {
  /** change_batches.source: settlement, distribution, ipo-subscriptions, reversal, … */
  source: string;
  batchId: string;
  /** what makes two submissions the same batch: a hash of the file's bytes, a distribution's id, … */
  fingerprint: string;
}

export type BatchOutcome = { status: 'applied' | 'already_applied'; batchId: string; rows: number };

export async function applyBatchOnce(ex: Executor, actor: Actor, now: Date, batch: BatchIdentity, apply: () => Promise<number>): Promise<BatchOutcome> {
  const [existing] = await ex.select().from(changeBatches).where(eq(changeBatches.id, batch.batchId));
  if (existing) {
    if (existing.contentHash !== batch.fingerprint || existing.source !== batch.source) throw new AppError('BATCH_ID_REUSED', { batchId: batch.batchId });
    return { status: 'already_applied', batchId: batch.batchId, rows: existing.rowCount };
  }
  const written = await apply();
  await ex.insert(changeBatches).values({
    id: batch.batchId,
    source: batch.source,
    contentHash: batch.fingerprint,
    rowCount: written,
    status: 'applied',
    appliedAt: now,
    appliedBy: actor.id ?? actor.kind,
  });
  return { status: 'applied', batchId: batch.batchId, rows: written };
}

/** The id of the batch that reverses another: one reversal per batch. */
export const reversalBatchId = (batchId: string) => `reversal-${batchId}`;

/**
 * Reverses a whole batch (冲正): a new batch of business type `reversal` posts the opposite of each of its journal entries,
 * dated today in Beijing (or the entry's own date if later, since a position's journal never goes back in time), with the
 * reversed batch's id as each entry's reference. Nothing is edited: the original entries stay, balances return to what they
 * were without them. A batch that is itself a reversal, or whose reversal would leave a balance negative or an encumbrance
 * uncovered (the shares have moved on since), is refused; a batch is reversed once, and asking again changes nothing.
 */
export async function reverseBatch(ctx: AppContext, meta: RequestMeta, actor: Actor, input: { batchId: string; reason: string }): Promise<BatchOutcome> {
  const reason = input.reason.trim();
  if (!reason) throw new AppError('VALIDATION_FAILED', { field: 'reason' });
  return withBulkTransaction(ctx.database, async (ex) => {
    const [original] = await ex.select().from(changeBatches).where(eq(changeBatches.id, input.batchId)).for('update');
    if (!original) throw new AppError('BATCH_NOT_FOUND', { batchId: input.batchId });
    if (original.source === 'reversal') throw new AppError('BATCH_NOT_REVERSIBLE', { batchId: input.batchId });
    const now = ctx.clock.now();
    const batch = { source: 'reversal', batchId: reversalBatchId(input.batchId), fingerprint: input.batchId };
    const outcome = await applyBatchOnce(ex, actor, now, batch, async () => {
      await createStage(ex);
      await ex.execute(sql`
        insert into stage_changes (line_no, account_number, market, security_code, business_type, category, quantity, effective_on, reference)
        select (row_number() over (order by hc.id))::int, hc.account_number, s.market, s.code, 'reversal', hc.category, -hc.quantity,
               greatest(${beijingDate(now)}::date, hc.effective_on), ${input.batchId}
        from holding_changes hc join securities s on s.id = hc.security_id
        where hc.batch_id = ${input.batchId}`);
      const [staged] = await rows<{ n: number }>(ex, sql`select count(*)::int as n from stage_changes`);
      return staged!.n ? applyStaged(ex, batch.batchId, now) : 0;
    });
    if (outcome.status === 'applied') {
      await audit(ex, now, meta, { actor, action: 'registry.batch_reversed', objectType: 'change_batch', objectId: input.batchId, details: { reason, reversal: batch.batchId, rows: outcome.rows } });
    }
    return outcome;
  });
}
