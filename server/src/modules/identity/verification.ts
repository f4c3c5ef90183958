import { randomUUID } from 'node:crypto';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { Executor } from '../../platform/db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { audit, type Actor, type RequestMeta } from '../../platform/audit/audit.ts';
import type { HolderFacts } from './ports.ts';
import { identityVerifications, verificationMachine } from './verification-schema.ts';
import { allowedMethods, type OwnContacts, type SubjectFacts, type VerificationMethod, type VerificationPurpose } from './verification-policy.ts';
import './verification-errors.ts';

/**
 * The verification framework: a verification is started for a purpose and a
 * subject, offers the methods the rules allow, runs one method, and when passed
 * leaves a result that the purpose's final step consumes once, in its own
 * transaction (consumeVerification). Methods live in verification-methods.ts.
 */

export type VerificationRow = typeof identityVerifications.$inferSelect;

/** The user's own contacts travel with every subject: the own-code methods need them. */
export type VerificationSubject = ({ kind: 'user' } | { kind: 'identity'; name: string; idType: string; idNumber: string } | { kind: 'holder'; holder: HolderFacts }) & { contacts?: OwnContacts };

/** How long an attempt stays open for the interactive methods (phone codes, UnionPay). */
const INTERACTIVE_MINUTES = 30;

const minutesFrom = (at: Date, minutes: number) => new Date(at.getTime() + minutes * 60_000);

export function subjectFacts(row: Pick<VerificationRow, 'subject'>): SubjectFacts {
  const s = row.subject;
  const contacts = { mobile: s.mobile === 'yes', email: s.email === 'yes' };
  if (s.kind === 'user') return { kind: 'user', ...contacts };
  if (s.kind === 'identity') return { kind: 'identity', idType: s.idType ?? '', ...contacts };
  return { kind: s.kind as 'person' | 'institution', category: s.category ?? '', idType: s.idType ?? '', ...contacts };
}

/** What the subject column keeps: the facts the rules need, no personal data. */
function storedSubject(subject: VerificationSubject): Record<string, string> {
  const contacts: Record<string, string> = {};
  if (subject.contacts?.mobile) contacts.mobile = 'yes';
  if (subject.contacts?.email) contacts.email = 'yes';
  if (subject.kind === 'holder') return { kind: subject.holder.kind, category: subject.holder.category, idType: subject.holder.idType, ...contacts };
  if (subject.kind === 'identity') return { kind: 'identity', idType: subject.idType, ...contacts };
  return { kind: 'user', ...contacts };
}

/** The person a UnionPay card must belong to (a holder or a verified identity), for the counter look-up and the card check. */
function subjectPerson(subject: VerificationSubject): { name: string; idType: string; idNumber: string } | null {
  if (subject.kind === 'holder') return subject.holder;
  if (subject.kind === 'identity') return subject;
  return null;
}

export function methodsOf(row: Pick<VerificationRow, 'purpose' | 'subject'>): VerificationMethod[] {
  return allowedMethods(row.purpose as VerificationPurpose, subjectFacts(row));
}

const investorActor = (id: string) => ({ kind: 'investor' as const, id });
/** Who acts on a verification: its investor, or nobody signed in (an ownerless recovery). */
const actorOf = (row: Pick<VerificationRow, 'investorUserId'>): Actor => (row.investorUserId ? investorActor(row.investorUserId) : { kind: 'anonymous' });

/**
 * Who may act on a verification: an investor user (by id), or — before any user is
 * known (recovery by identity details) — the flow that started it, reached by its token.
 */
export type VerificationOwner = string | { flowId: string };

const ownedBy = (owner: VerificationOwner) =>
  typeof owner === 'string' ? eq(identityVerifications.investorUserId, owner) : and(isNull(identityVerifications.investorUserId), sql`${identityVerifications.context}->>'flowId' = ${owner.flowId}`);

export interface StartVerification {
  /** null for a verification owned by its flow alone (context.flowId is then required) */
  investorUserId: string | null;
  purpose: VerificationPurpose;
  subject: VerificationSubject;
  /** what the final step needs to know (e.g. the unified account to bind); no personal data */
  context?: Record<string, string>;
}

/** Starts a verification in the caller's transaction. */
export async function startVerification(ctx: AppContext, ex: Executor, meta: RequestMeta, input: StartVerification): Promise<VerificationRow> {
  const now = ctx.clock.now();
  if (input.investorUserId === null && !input.context?.flowId) throw new AppError('VERIFY_NOT_FOUND');
  const holder = input.subject.kind === 'holder' ? input.subject.holder : null;
  const person = subjectPerson(input.subject);
  const [row] = await ex
    .insert(identityVerifications)
    .values({
      id: randomUUID(),
      investorUserId: input.investorUserId,
      purpose: input.purpose,
      holderId: holder?.holderId ?? null,
      subject: storedSubject(input.subject),
      subjectIdHash: person ? ctx.vault.lookupHash(`id:${person.idType}`, person.idNumber) : null,
      subjectNameEnc: person ? ctx.vault.encrypt(person.name) : null,
      context: input.context ?? {},
      status: verificationMachine.initial,
      methodState: {},
      createdAt: now,
      expiresAt: minutesFrom(now, INTERACTIVE_MINUTES),
    })
    .returning();
  await audit(ex, now, meta, {
    actor: input.investorUserId ? investorActor(input.investorUserId) : { kind: 'anonymous' },
    action: 'verification.started',
    objectType: 'identity_verification',
    objectId: row!.id,
    details: { purpose: input.purpose, holderId: holder?.holderId ?? null },
  });
  return row!;
}

/** The investor's own verification; another user's is "not found". */
export async function ownVerification(ex: Executor, owner: VerificationOwner, id: string, lock = false): Promise<VerificationRow> {
  const query = ex
    .select()
    .from(identityVerifications)
    .where(and(eq(identityVerifications.id, id), ownedBy(owner)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw new AppError('VERIFY_NOT_FOUND');
  return row;
}

/** An attempt that may still run the given method. */
export function assertRunnable(row: VerificationRow, now: Date, method: VerificationMethod): void {
  if (!verificationMachine.can(row.status, 'pass')) throw new AppError(row.status === 'failed' ? 'VERIFY_TOO_MANY_FAILURES' : 'VERIFY_CLOSED');
  if (row.expiresAt <= now) throw new AppError('VERIFY_EXPIRED');
  if (!methodsOf(row).includes(method)) throw new AppError('VERIFY_METHOD_NOT_ALLOWED');
  if (row.method && row.method !== method) throw new AppError('VERIFY_CLOSED');
}

/** Fixes the method of an attempt on its first use; one attempt runs one method. */
export async function useMethod(ctx: AppContext, ex: Executor, meta: RequestMeta, row: VerificationRow, method: VerificationMethod, state: Record<string, string> = {}, extra: Partial<VerificationRow> = {}) {
  const now = ctx.clock.now();
  assertRunnable(row, now, method);
  const methodState = { ...row.methodState, ...state };
  const [updated] = await ex
    .update(identityVerifications)
    .set({ method, methodState, ...extra })
    .where(eq(identityVerifications.id, row.id))
    .returning();
  if (row.method !== method) {
    await audit(ex, now, meta, { actor: actorOf(row), action: 'verification.method_chosen', objectType: 'identity_verification', objectId: row.id, details: { method } });
  }
  return updated!;
}

/**
 * Counts a failed try in its own transaction (the caller's is about to roll
 * back); past VERIFICATION_MAX_FAILURES the attempt ends. Returns the error to throw.
 */
export async function recordFailure(ctx: AppContext, meta: RequestMeta, row: VerificationRow, error: AppError): Promise<AppError> {
  const now = ctx.clock.now();
  const max = ctx.config.verificationMaxFailures;
  const ended = await ctx.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(identityVerifications)
      .set({
        failures: sql`${identityVerifications.failures} + 1`,
        status: sql`case when ${identityVerifications.failures} + 1 >= ${max} then ${verificationMachine.next('open', 'fail')} else ${identityVerifications.status} end`,
      })
      .where(and(eq(identityVerifications.id, row.id), inArray(identityVerifications.status, verificationMachine.sourcesOf('fail'))))
      .returning();
    await audit(tx, now, meta, {
      actor: actorOf(row),
      action: 'verification.failed_try',
      objectType: 'identity_verification',
      objectId: row.id,
      details: { method: row.method, code: error.code, failures: updated?.failures ?? null },
    });
    return updated?.status === 'failed';
  });
  if (ended) return new AppError('VERIFY_TOO_MANY_FAILURES');
  return new AppError(error.code, { ...error.details, remainingAttempts: Math.max(0, max - row.failures - 1) });
}

/** Runs a method step; a refusal by the outside system or a wrong code counts against the attempt. */
export async function countingFailures<T>(ctx: AppContext, meta: RequestMeta, row: VerificationRow, counted: readonly string[], run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AppError && counted.includes(error.code)) throw await recordFailure(ctx, meta, row, error);
    throw error;
  }
}

/** Marks the attempt passed; its result may be consumed once within VERIFICATION_RESULT_MINUTES. */
export async function passVerification(ctx: AppContext, ex: Executor, meta: RequestMeta, row: VerificationRow, state: Record<string, string> = {}, actor: Actor = actorOf(row)) {
  const now = ctx.clock.now();
  const [updated] = await ex
    .update(identityVerifications)
    .set({ status: verificationMachine.next(row.status, 'pass'), passedAt: now, resultExpiresAt: minutesFrom(now, ctx.config.verificationResultMinutes), methodState: { ...row.methodState, ...state } })
    .where(and(eq(identityVerifications.id, row.id), inArray(identityVerifications.status, verificationMachine.sourcesOf('pass'))))
    .returning();
  if (!updated) throw new AppError('VERIFY_CLOSED');
  await audit(ex, now, meta, { actor, action: 'verification.passed', objectType: 'identity_verification', objectId: row.id, details: { purpose: row.purpose, method: row.method } });
  return updated;
}

/**
 * 重新选择其他验证方式: ends the current attempt (a pending order report or
 * counter request can no longer pass it) and starts a fresh one for the same
 * purpose, subject and context.
 */
export async function reselectMethod(ctx: AppContext, meta: RequestMeta, owner: VerificationOwner, id: string): Promise<VerificationRow> {
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const row = await ownVerification(tx, owner, id, true);
    if (row.status !== 'abandoned') {
      if (!verificationMachine.can(row.status, 'abandon')) throw new AppError('VERIFY_CLOSED');
      await tx
        .update(identityVerifications)
        .set({ status: verificationMachine.next(row.status, 'abandon') })
        .where(eq(identityVerifications.id, row.id));
    }
    await audit(tx, now, meta, { actor: actorOf(row), action: 'verification.abandoned', objectType: 'identity_verification', objectId: row.id, details: { method: row.method } });
    const [fresh] = await tx
      .insert(identityVerifications)
      .values({
        ...row,
        id: randomUUID(),
        method: null,
        status: verificationMachine.initial,
        failures: 0,
        methodState: {},
        codeHash: null,
        decidedBy: null,
        createdAt: now,
        expiresAt: minutesFrom(now, INTERACTIVE_MINUTES),
        passedAt: null,
        resultExpiresAt: null,
        consumedAt: null,
      })
      .returning();
    await audit(tx, now, meta, { actor: actorOf(row), action: 'verification.started', objectType: 'identity_verification', objectId: fresh!.id, details: { purpose: row.purpose, replaces: row.id } });
    return fresh!;
  });
}

export interface ConsumeVerification {
  verificationId: string;
  /** null: a verification owned by its flow alone (flowId required) */
  investorUserId: string | null;
  purpose: VerificationPurpose;
  /** the holder the final step acts on; null for a verification of the user alone */
  holderId: string | null;
  /** the flow (change of mobile, recovery, ...) the verification was started for: one flow's result never serves another */
  flowId?: string;
}

/**
 * Spends a passed verification inside the final step's transaction: it must be
 * this user's, for this purpose and subject, passed and not yet used or stale.
 * The conditional update makes it single-use even under concurrent requests.
 */
export async function consumeVerification(ctx: AppContext, ex: Executor, meta: RequestMeta, input: ConsumeVerification): Promise<VerificationRow> {
  const now = ctx.clock.now();
  if (input.investorUserId === null && input.flowId === undefined) throw new AppError('VERIFY_NOT_PASSED');
  const userMatch = input.investorUserId === null ? isNull(identityVerifications.investorUserId) : eq(identityVerifications.investorUserId, input.investorUserId);
  const holderMatch = input.holderId === null ? sql`${identityVerifications.holderId} is null` : eq(identityVerifications.holderId, input.holderId);
  const [row] = await ex
    .update(identityVerifications)
    .set({ status: verificationMachine.next('passed', 'consume'), consumedAt: now })
    .where(
      and(
        eq(identityVerifications.id, input.verificationId),
        userMatch,
        eq(identityVerifications.purpose, input.purpose),
        holderMatch,
        input.flowId === undefined ? undefined : sql`${identityVerifications.context}->>'flowId' = ${input.flowId}`,
        inArray(identityVerifications.status, verificationMachine.sourcesOf('consume')),
        sql`${identityVerifications.resultExpiresAt} > ${now.toISOString()}`,
      ),
    )
    .returning();
  if (!row) {
    const [seen] = await ex
      .select({ status: identityVerifications.status, resultExpiresAt: identityVerifications.resultExpiresAt })
      .from(identityVerifications)
      .where(and(eq(identityVerifications.id, input.verificationId), userMatch, eq(identityVerifications.purpose, input.purpose)));
    throw new AppError(seen?.status === 'passed' && seen.resultExpiresAt && seen.resultExpiresAt <= now ? 'VERIFY_EXPIRED' : 'VERIFY_NOT_PASSED');
  }
  await audit(ex, now, meta, { actor: actorOf(row), action: 'verification.consumed', objectType: 'identity_verification', objectId: row.id, details: { purpose: input.purpose } });
  return row;
}

/** A verification as the investor's page sees it. */
export interface VerificationView {
  id: string;
  purpose: string;
  status: string;
  methods: VerificationMethod[];
  method: string | null;
  remainingAttempts: number;
  expiresAt: string;
  resultExpiresAt: string | null;
  /** what the chosen method shows: masked phone, the trading code and instructions, ... */
  details: Record<string, string>;
}

/** methodState keys safe to show the investor (everything else stays on the server). */
const SHOWN = ['mobileMasked', 'emailMasked', 'cardMasked', 'tradingCode', 'tradingPrice', 'securityCodeSH', 'securityCodeSZ', 'verifiedNameMasked', 'counterDecision'];

/** The sandbox exchange's trading-terminal page (web portal `/sandbox`), where a demo user places the marked order. */
export const SANDBOX_TERMINAL_PATH = '/sandbox/';

export function viewOf(ctx: AppContext, row: VerificationRow): VerificationView {
  const details: Record<string, string> = {};
  for (const key of SHOWN) if (row.methodState[key]) details[key] = row.methodState[key]!;
  for (const key of ['ownMobileMasked', 'ownEmailMasked']) if (row.context[key]) details[key] = row.context[key]!;
  if (row.methodState.tradingCodeEnc) details.tradingCode = ctx.vault.decrypt(row.methodState.tradingCodeEnc);
  // Demo mode: no real terminal reaches the sandbox exchange, so the page says where to place the order.
  if (row.method === 'trading' && ctx.config.demo) details.sandboxTerminal = SANDBOX_TERMINAL_PATH;
  const now = ctx.clock.now();
  const expired = verificationMachine.can(row.status, 'pass') && row.expiresAt <= now;
  return {
    id: row.id,
    purpose: row.purpose,
    status: expired ? 'expired' : row.status,
    methods: methodsOf(row),
    method: row.method,
    remainingAttempts: Math.max(0, ctx.config.verificationMaxFailures - row.failures),
    expiresAt: row.expiresAt.toISOString(),
    resultExpiresAt: row.resultExpiresAt?.toISOString() ?? null,
    details,
  };
}
