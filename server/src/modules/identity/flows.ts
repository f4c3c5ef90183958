import { randomUUID } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { randomToken, sha256 } from '../../platform/auth/tokens.ts';
import { profileFlows } from './profile-schema.ts';
import './profile-errors.ts';

/**
 * The steps of a profile flow: start (the new identifier, already proven by its
 * own code, waits here), verification (a passed verification for the flow's
 * purpose), and the final step, which consumes the verification and finishes
 * the flow in one transaction. A flow serves once and expires.
 */
export type FlowKind = 'change-mobile' | 'change-email' | 'recovery' | 'deregistration' | 'identity-recovery' | 'username-recovery';
export type Flow = typeof profileFlows.$inferSelect;
/** A flow of a known user (every flow but a recovery by identity details before its account is chosen). */
export type UserFlow = Flow & { investorUserId: string };

export function withUser(flow: Flow): UserFlow {
  if (!flow.investorUserId) throw new AppError('PROFILE_FLOW_INVALID');
  return flow as UserFlow;
}

export const FLOW_VALID_MINUTES = 30;

export interface NewFlow {
  kind: FlowKind;
  /** null: a recovery by identity details, whose person is not yet known */
  investorUserId: string | null;
  newValue?: { enc: string; hash: string };
  /** Flows started before sign-in are reached by a bearer token instead of the session. */
  withToken?: boolean;
}

export async function startFlow(ex: Executor, now: Date, input: NewFlow & { investorUserId: string }): Promise<{ flow: UserFlow; token: string | null }>;
export async function startFlow(ex: Executor, now: Date, input: NewFlow): Promise<{ flow: Flow; token: string | null }>;
export async function startFlow(ex: Executor, now: Date, input: NewFlow): Promise<{ flow: Flow; token: string | null }> {
  const token = input.withToken ? randomToken() : null;
  const [flow] = await ex
    .insert(profileFlows)
    .values({
      id: randomUUID(),
      kind: input.kind,
      investorUserId: input.investorUserId,
      tokenHash: token ? sha256(token) : null,
      newValueEnc: input.newValue?.enc ?? null,
      newValueHash: input.newValue?.hash ?? null,
      createdAt: now,
      expiresAt: new Date(now.getTime() + FLOW_VALID_MINUTES * 60_000),
    })
    .returning();
  return { flow: flow!, token };
}

const open = (now: Date) => and(isNull(profileFlows.finishedAt), gt(profileFlows.expiresAt, now));

/** An open flow of this kind belonging to the signed-in user. */
export async function openFlowOf(ex: Executor, now: Date, kind: FlowKind, flowId: string, investorUserId: string): Promise<UserFlow> {
  const [flow] = await ex
    .select()
    .from(profileFlows)
    .where(and(eq(profileFlows.id, flowId), eq(profileFlows.kind, kind), eq(profileFlows.investorUserId, investorUserId), open(now)));
  if (!flow) throw new AppError('PROFILE_FLOW_INVALID');
  return withUser(flow);
}

/** An open flow of this kind reached by its bearer token (recovery). */
export async function openFlowByToken(ex: Executor, now: Date, kind: FlowKind, token: string): Promise<Flow> {
  const [flow] = await ex
    .select()
    .from(profileFlows)
    .where(and(eq(profileFlows.tokenHash, sha256(token)), eq(profileFlows.kind, kind), open(now)));
  if (!flow) throw new AppError('PROFILE_FLOW_INVALID');
  return flow;
}

/** Marks the flow done; fails if a concurrent request finished it first. */
export async function finishFlow(ex: Executor, now: Date, flow: Flow): Promise<void> {
  const done = await ex
    .update(profileFlows)
    .set({ finishedAt: now })
    .where(and(eq(profileFlows.id, flow.id), open(now)))
    .returning({ id: profileFlows.id });
  if (done.length === 0) throw new AppError('PROFILE_FLOW_INVALID');
}

/** Ends every open flow of a user (after deregistration or a password reset). */
export async function closeFlowsOf(ex: Executor, now: Date, investorUserId: string): Promise<void> {
  await ex
    .update(profileFlows)
    .set({ finishedAt: now })
    .where(and(eq(profileFlows.investorUserId, investorUserId), isNull(profileFlows.finishedAt)));
}

/** The sealed new value of an open flow of this kind with no user (a recovery for an account that names nobody), or null. */
export async function flowNewValue(ex: Executor, now: Date, flowId: string, kind: FlowKind): Promise<string | null> {
  const [flow] = await ex
    .select({ newValueEnc: profileFlows.newValueEnc })
    .from(profileFlows)
    .where(and(eq(profileFlows.id, flowId), eq(profileFlows.kind, kind), isNull(profileFlows.investorUserId), open(now)));
  return flow?.newValueEnc ?? null;
}
