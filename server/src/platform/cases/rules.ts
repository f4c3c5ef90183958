import { APPLICANT, type CaseSnapshot, type CaseTransition, type CaseType } from './define.ts';

/** Who acts on a case: the applicant (a principal of the case's applicant kind) or a staff user with roles. */
export interface CaseActor {
  readonly kind: string;
  readonly id: string;
  /** staff roles; empty for an applicant */
  readonly roles?: readonly string[];
}

/** The part of a history entry the rules read. */
export interface PastStep {
  readonly action: string;
  readonly actorKind: string;
  readonly actorId: string;
}

export const caseHousekeeping = ['claim', 'release', 'comment'] as const;
export type CaseHousekeeping = (typeof caseHousekeeping)[number];

const same = (a: { kind: string; id: string }, kind: string, id: string) => a.kind === kind && a.id === id;

export function isApplicantOf(kase: CaseSnapshot, actor: CaseActor): boolean {
  return same(actor, kase.applicantKind, kase.applicantId);
}

function holdsRole(actor: CaseActor, transition: CaseTransition): boolean {
  if (transition.role === APPLICANT) return false;
  return actor.kind === 'staff' && (actor.roles ?? []).some((role) => (transition.role as readonly string[]).includes(role));
}

/** The person whose step a four-eyes transition checks, or undefined when there is none yet. */
export function makerOf(transition: CaseTransition, kase: CaseSnapshot, history: readonly PastStep[]): { kind: string; id: string } | undefined {
  if (!transition.fourEyes) return undefined;
  if (transition.fourEyes === 'submitter') return { kind: kase.createdByKind, id: kase.createdById };
  const after = transition.fourEyes.after;
  const step = history.findLast((entry) => entry.action === after);
  return step && { kind: step.actorKind, id: step.actorId };
}

/** Why `actor` may not take `action` now (an AppError code), or undefined when the table allows it. */
export function refusalOf(type: CaseType, kase: CaseSnapshot, history: readonly PastStep[], actor: CaseActor, action: string): string | undefined {
  const transition = type.transition(kase.state, action);
  if (!transition) return 'CASE_ACTION_NOT_ALLOWED';
  if (transition.role === APPLICANT) {
    if (!isApplicantOf(kase, actor)) return 'CASE_ROLE_NOT_ALLOWED';
  } else {
    if (!holdsRole(actor, transition)) return 'CASE_ROLE_NOT_ALLOWED';
    if (kase.assigneeId !== null && kase.assigneeId !== actor.id) return 'CASE_CLAIMED_BY_OTHER';
  }
  const maker = makerOf(transition, kase, history);
  if (maker && same(actor, maker.kind, maker.id)) return 'CASE_FOUR_EYES';
  return transition.guard?.(kase);
}

/** A staff user who may take some staff action from the case's current state (and so may claim it). */
export function worksOn(type: CaseType, kase: CaseSnapshot, actor: CaseActor): boolean {
  return type.machine.actionsFrom(kase.state).some((action) => holdsRole(actor, type.transition(kase.state, action)!));
}

/** A staff user who holds any role of the case type's table (and so may read and comment on its cases). */
export function reviews(type: CaseType, actor: CaseActor): boolean {
  return type.machine.transitions.some((transition) => holdsRole(actor, transition));
}

export function housekeepingRefusalOf(type: CaseType, kase: CaseSnapshot, actor: CaseActor, action: CaseHousekeeping): string | undefined {
  if (!reviews(type, actor)) return 'CASE_ROLE_NOT_ALLOWED';
  if (action === 'comment') return undefined;
  if (action === 'release') return kase.assigneeId === actor.id ? undefined : 'CASE_NOT_CLAIMED';
  if (!worksOn(type, kase, actor)) return 'CASE_ACTION_NOT_ALLOWED';
  if (kase.assigneeId === actor.id) return 'CASE_ACTION_NOT_ALLOWED';
  return kase.assigneeId === null ? undefined : 'CASE_CLAIMED_BY_OTHER';
}

/** The actions `actor` may take on the case now: the table's moves that pass every check, then claim/release/comment. */
export function allowedActions(type: CaseType, kase: CaseSnapshot, history: readonly PastStep[], actor: CaseActor): string[] {
  const moves = type.machine.actionsFrom(kase.state).filter((action) => refusalOf(type, kase, history, actor, action) === undefined);
  return [...moves, ...caseHousekeeping.filter((action) => housekeepingRefusalOf(type, kase, actor, action) === undefined)];
}
