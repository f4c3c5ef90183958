import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import type { Executor } from '../../platform/db/client.ts';
import { AppError } from '../../platform/errors.ts';
import type { RequestMeta } from '../../platform/audit/audit.ts';
import { holderRegister, investorStandings } from './ports.ts';
import { getActiveInvestor } from './investors.ts';
import { verifiedIdentityOf } from './real-name.ts';
import { identityVerifications, verificationMachine } from './verification-schema.ts';
import type { VerificationPurpose } from './verification-policy.ts';
import { consumeVerification, startVerification, type VerificationOwner, type VerificationRow, type VerificationSubject } from './verification.ts';
import { openFlowByToken, type Flow, type FlowKind, type UserFlow } from './flows.ts';
import { mask } from '../../kernel/masking.ts';

/**
 * The profile flows (change of mobile or e-mail, deregistration, password
 * recovery) verify through the identity-verification framework: each flow
 * starts a verification for its purpose, naming the flow in the context, and
 * its final step consumes that verification (the flow's own, once).
 * docs/decisions/0013-one-verification-framework.md.
 */

const purposeOfFlow: Record<FlowKind, VerificationPurpose> = {
  'change-mobile': 'change-mobile',
  'change-email': 'change-email',
  deregistration: 'deregister',
  recovery: 'recover-password',
  'identity-recovery': 'recover-password',
  'username-recovery': 'recover-username',
};

/** What a user is verified as: the bound holder, else the real-name identity, else the user alone; with their own contacts. */
export async function profileSubject(ctx: AppContext, ex: Executor, investorUserId: string): Promise<{ subject: VerificationSubject; holderId: string | null; context: Record<string, string> }> {
  const user = await getActiveInvestor(ctx, ex, investorUserId);
  const contacts = { mobile: user.mobileEnc !== null, email: user.emailEnc !== null };
  const context: Record<string, string> = {};
  if (user.mobileEnc) context.ownMobileMasked = mask('mobile', ctx.vault.decrypt(user.mobileEnc), 'list');
  if (user.emailEnc) context.ownEmailMasked = mask('email', ctx.vault.decrypt(user.emailEnc), 'list');
  const standing = await investorStandings().investorStanding(ctx, investorUserId, ex);
  if (standing.holderId) return { subject: { kind: 'holder', holder: await holderRegister().holderFacts(ctx, ex, standing.holderId), contacts }, holderId: standing.holderId, context };
  const identity = await verifiedIdentityOf(ctx, ex, investorUserId);
  if (identity) return { subject: { kind: 'identity', name: identity.name, idType: identity.idType, idNumber: identity.idNumber, contacts }, holderId: null, context };
  return { subject: { kind: 'user', contacts }, holderId: null, context };
}

/** Starts the verification of a flow (for recovery, `purpose` may be 'deregister': 申请注销 from inside it). */
export async function startFlowVerification(ctx: AppContext, ex: Executor, meta: RequestMeta, flow: UserFlow, purpose = purposeOfFlow[flow.kind as FlowKind]): Promise<VerificationRow> {
  const { subject, context } = await profileSubject(ctx, ex, flow.investorUserId);
  return startVerification(ctx, ex, meta, { investorUserId: flow.investorUserId, purpose, subject, context: { ...context, flowId: flow.id } });
}

/** The newest verification of a flow for a purpose (the page reloaded, or 重新选择其他验证方式 replaced one). */
export async function currentFlowVerification(ex: Executor, flow: UserFlow, purpose = purposeOfFlow[flow.kind as FlowKind]): Promise<VerificationRow | null> {
  const [row] = await ex
    .select()
    .from(identityVerifications)
    .where(and(eq(identityVerifications.investorUserId, flow.investorUserId), eq(identityVerifications.purpose, purpose), sql`${identityVerifications.context}->>'flowId' = ${flow.id}`))
    .orderBy(desc(identityVerifications.createdAt))
    .limit(1);
  return row ?? null;
}

/** The final step of a flow spends its passed verification, in the step's transaction. */
export async function consumeFlowVerification(ctx: AppContext, tx: Executor, meta: RequestMeta, flow: UserFlow, verificationId: string, purpose = purposeOfFlow[flow.kind as FlowKind]): Promise<VerificationRow> {
  const { holderId } = await profileSubject(ctx, tx, flow.investorUserId);
  return consumeVerification(ctx, tx, meta, { verificationId, investorUserId: flow.investorUserId, purpose, holderId, flowId: flow.id });
}

/**
 * A flow's verification checked as its final step will spend it, but not spent: for a step
 * that asks for a confirmation before the final one (找回密码信息确认). VERIFY_NOT_PASSED otherwise.
 */
export async function passedFlowVerification(ctx: AppContext, ex: Executor, flow: UserFlow, verificationId: string, purpose = purposeOfFlow[flow.kind as FlowKind]): Promise<VerificationRow> {
  const { holderId } = await profileSubject(ctx, ex, flow.investorUserId);
  const [row] = await ex
    .select()
    .from(identityVerifications)
    .where(
      and(
        eq(identityVerifications.id, verificationId),
        eq(identityVerifications.investorUserId, flow.investorUserId),
        eq(identityVerifications.purpose, purpose),
        holderId === null ? sql`${identityVerifications.holderId} is null` : eq(identityVerifications.holderId, holderId),
        sql`${identityVerifications.context}->>'flowId' = ${flow.id}`,
        inArray(identityVerifications.status, verificationMachine.sourcesOf('consume')),
        sql`${identityVerifications.resultExpiresAt} > ${ctx.clock.now().toISOString()}`,
      ),
    );
  if (!row) throw new AppError('VERIFY_NOT_PASSED');
  return row;
}

export const FLOW_TOKEN_HEADER = 'x-flow-token';

/** The flows started before sign-in, reached by their token. */
const TOKEN_FLOWS: readonly FlowKind[] = ['recovery', 'identity-recovery', 'username-recovery'];

/** The open token flow (of any pre-sign-in kind) a token names. */
async function tokenFlow(ctx: AppContext, token: string): Promise<Flow> {
  for (const kind of TOKEN_FLOWS) {
    try {
      return await openFlowByToken(ctx.db, ctx.clock.now(), kind, token);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'PROFILE_FLOW_INVALID') throw error;
    }
  }
  throw new AppError('PROFILE_FLOW_INVALID');
}

/**
 * Whose verification a request may act on: the signed-in investor's, or — in a
 * recovery, before sign-in — the flow's, for the flow's own verifications only (the
 * flow token travels in the x-flow-token header): those of the recovering user, or,
 * in a recovery by identity details, the ones owned by the flow alone.
 */
export async function verificationOwner(ctx: AppContext, request: FastifyRequest, verificationId: string): Promise<VerificationOwner> {
  if (request.session?.principalKind === 'investor') return request.session.principalId;
  const token = request.headers[FLOW_TOKEN_HEADER];
  if (typeof token !== 'string' || token.length === 0 || token.length > 100) throw new AppError('UNAUTHENTICATED');
  const flow = await tokenFlow(ctx, token);
  const [row] = await ctx.db
    .select({ investorUserId: identityVerifications.investorUserId })
    .from(identityVerifications)
    .where(and(eq(identityVerifications.id, verificationId), sql`${identityVerifications.context}->>'flowId' = ${flow.id}`));
  if (!row || row.investorUserId !== flow.investorUserId) throw new AppError('VERIFY_NOT_FOUND');
  return row.investorUserId ?? { flowId: flow.id };
}
