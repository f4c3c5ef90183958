import type { Static, TObject } from '@sinclair/typebox';
import { defineStateMachine, type StateMachine, type TransitionSpec } from '../../kernel/transitions.ts';

/**
 * Actions the kernel gives a meaning to. A case type may declare other actions
 * too (a first approval, an escalation); those just move the state.
 * - send_back: names the data fields to correct; only those reopen for the applicant
 * - resubmit:  the applicant's answer to a send-back, changing only the reopened fields
 * - reject:    needs a reason
 * - withdraw:  by the applicant
 */
export const builtInActions = ['send_back', 'resubmit', 'approve', 'reject', 'withdraw'] as const;
export const APPLICANT = 'applicant';

/**
 * Four-eyes on a transition: its actor may not be the maker.
 * - 'submitter': the maker is whoever submitted the case;
 * - { after: action }: the maker is whoever last took that action on the case.
 */
export type FourEyes<A extends string> = 'submitter' | { readonly after: A };

/** What a guard sees: the case as it stands. */
export interface CaseSnapshot<S extends string = string> {
  readonly id: string;
  readonly type: string;
  readonly state: S;
  readonly data: Record<string, unknown>;
  readonly applicantKind: string;
  readonly applicantId: string;
  readonly assigneeId: string | null;
  readonly reopenedFields: readonly string[];
  readonly createdByKind: string;
  readonly createdById: string;
  readonly version: number;
}

/** One row of a case type's table: a state machine transition plus who may take it. */
export interface CaseTransition<S extends string = string, A extends string = string> extends TransitionSpec<S, A> {
  /** 'applicant', or the staff roles that may take it */
  readonly role: typeof APPLICANT | readonly string[];
  readonly fourEyes?: FourEyes<A>;
  /** Returns an AppError code to refuse the move, or undefined to allow it. (A method, so a table typed by its own states fits the general type.) */
  guard?(kase: CaseSnapshot<S>): string | undefined;
}

export interface CaseTypeSpec<S extends string, A extends string, T extends readonly CaseTransition<S, A>[], D extends TObject> {
  /** stable name, stored in cases.type: `<module>.<what>` */
  readonly name: string;
  /** who applies and what a case is about */
  readonly subject: { readonly applicantKind: string; readonly about: string };
  /** the applicant's data, checked on opening and on every resubmission */
  readonly data: D;
  readonly states: readonly S[];
  readonly initial: S;
  readonly final?: readonly S[];
  readonly transitions: T;
  /** hours a case may stay in a state before it is overdue; states not listed have no due time */
  readonly dueHours?: Partial<Record<S, number>>;
}

export interface CaseType<S extends string = string, A extends string = string, T extends readonly CaseTransition<S, A>[] = readonly CaseTransition<S, A>[], D extends TObject = TObject> {
  readonly name: string;
  readonly subject: { readonly applicantKind: string; readonly about: string };
  readonly data: D;
  readonly fields: readonly (keyof Static<D> & string)[];
  readonly machine: StateMachine<S, A, T>;
  readonly dueHours: Partial<Record<S, number>>;
  /** the declared transition for `action` from `state` */
  transition(state: S, action: A): T[number] | undefined;
}

export function defineCaseType<const S extends string, const A extends string, const T extends readonly CaseTransition<S, A>[], D extends TObject>(spec: CaseTypeSpec<S, A, T, D>): CaseType<S, A, T, D> {
  const machine = defineStateMachine<S, A, T>({ name: spec.name, states: spec.states, initial: spec.initial, final: spec.final, transitions: spec.transitions });
  for (const t of spec.transitions) {
    const applicantOnly = t.action === 'resubmit' || t.action === 'withdraw';
    if (applicantOnly && t.role !== APPLICANT) throw new Error(`${spec.name}: '${t.action}' is the applicant's action`);
    if (!applicantOnly && (t.action === 'send_back' || t.action === 'approve' || t.action === 'reject') && t.role === APPLICANT) {
      throw new Error(`${spec.name}: '${t.action}' is a reviewer's action`);
    }
    const after = typeof t.fourEyes === 'object' ? t.fourEyes.after : undefined;
    if (after !== undefined && !spec.transitions.some((other) => other.action === after)) throw new Error(`${spec.name}: four-eyes of '${t.action}' names the undeclared action '${after}'`);
  }
  const fields = Object.keys(spec.data.properties) as (keyof Static<D> & string)[];
  const byMove = new Map<string, T[number]>();
  for (const t of spec.transitions) for (const from of typeof t.from === 'string' ? [t.from] : t.from) byMove.set(`${from}\u0000${t.action}`, t);
  return {
    name: spec.name,
    subject: spec.subject,
    data: spec.data,
    fields,
    machine,
    dueHours: spec.dueHours ?? {},
    transition: (state, action) => byMove.get(`${state}\u0000${action}`),
  };
}

/** The states of a case type, drawn from its table. */
export type CaseStateOf<C extends CaseType<string, string, readonly CaseTransition[], TObject>> = C['machine']['states'][number];
/** The actions of a case type, drawn from its table. */
export type CaseActionOf<C extends CaseType<string, string, readonly CaseTransition[], TObject>> = C['machine']['transitions'][number]['action'];
/** The applicant's data of a case type. */
export type CaseDataOf<C extends CaseType<string, string, readonly CaseTransition[], TObject>> = Static<C['data']>;
