import { and, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { Executor } from '../../platform/db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { audit, type RequestMeta } from '../../platform/audit/audit.ts';
import type { Session } from '../../platform/auth/sessions.ts';
import { getActiveInvestor } from './investors.ts';
import { investorUserMachine, investorUsers } from './schema.ts';
import { closeFlowsOf, finishFlow, openFlowOf, startFlow } from './flows.ts';
import { consumeFlowVerification, startFlowVerification } from './profile-verification.ts';
import { viewOf } from './verification.ts';
import { investorStandings } from './ports.ts';
import './profile-errors.ts';

/**
 * Deregisters an investor user: the user can no longer sign in, its mobile
 * number, e-mail and user name are free for new registrations (the unique
 * indexes cover active users only), every session ends, and its bindings of
 * unified accounts are released (kept as history) so that the holder can bind
 * them again from a new user. The registry is not touched; the row stays for
 * the audit trail. Runs in the caller's transaction
 * when given one (the recovery flow of mobile §二.5 calls it too).
 */
export async function deregisterInvestor(ctx: AppContext, tx: Executor | undefined, investorUserId: string, meta: RequestMeta): Promise<void> {
  if (!tx) return ctx.db.transaction((own) => deregisterInvestor(ctx, own, investorUserId, meta));
  const now = ctx.clock.now();
  const done = await tx
    .update(investorUsers)
    .set({ status: investorUserMachine.next('active', 'deregister'), deregisteredAt: now })
    .where(and(eq(investorUsers.id, investorUserId), inArray(investorUsers.status, investorUserMachine.sourcesOf('deregister'))))
    .returning({ id: investorUsers.id });
  if (done.length === 0) throw new AppError('UNAUTHENTICATED');
  await ctx.sessions.revokeAll(tx, now, { kind: 'investor', id: investorUserId }, 'deregistered');
  await closeFlowsOf(tx, now, investorUserId);
  await investorStandings().releaseBindings(ctx, tx, investorUserId, meta, 'user_deregistered');
  await audit(tx, now, meta, { actor: { kind: 'investor', id: investorUserId }, action: 'investor.deregistered', objectType: 'investor_user', objectId: investorUserId });
}

/** 提交注销申请 → 账户注销提示 → 同意并继续: opens the deregistration and its verification (手机号认证（推荐）等方式). */
export async function startDeregistration(ctx: AppContext, meta: RequestMeta, session: Session, input: { agreed: boolean }) {
  if (!input.agreed) throw new AppError('PROFILE_DEREGISTRATION_NOT_AGREED');
  const user = await getActiveInvestor(ctx, ctx.db, session.principalId);
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const { flow } = await startFlow(tx, now, { kind: 'deregistration', investorUserId: user.id });
    await audit(tx, now, meta, { actor: { kind: 'investor', id: user.id }, action: 'investor.deregistration_started', objectType: 'profile_flow', objectId: flow.id });
    const verification = await startFlowVerification(ctx, tx, meta, flow);
    return { flowId: flow.id, verification: viewOf(ctx, verification) };
  });
}

/** The final step: consumes the verification and deregisters. */
export async function confirmDeregistration(ctx: AppContext, meta: RequestMeta, session: Session, flowId: string, verificationId: string) {
  const now = ctx.clock.now();
  const flow = await openFlowOf(ctx.db, now, 'deregistration', flowId, session.principalId);
  await ctx.db.transaction(async (tx) => {
    await consumeFlowVerification(ctx, tx, meta, flow, verificationId);
    await finishFlow(tx, now, flow);
    await deregisterInvestor(ctx, tx, flow.investorUserId, meta);
  });
}
