/**
 * A state machine declared once as a table of transitions (from × action → to).
 * The TypeScript types of its states and actions come from that table, so a
 * status column typed with StateOf<typeof machine> can only hold a declared
 * state, and next() refuses any move the table does not list.
 *
 * Review cases (platform/cases) add roles, four-eyes and guards on top; plain
 * status columns (jobs, certificate requests, deregistrations, counter
 * verifications) use the machine as it is.
 */

export interface TransitionSpec<S extends string = string, A extends string = string> {
  readonly from: S | readonly S[];
  readonly action: A;
  readonly to: S;
}

export interface MachineSpec<S extends string, A extends string, T extends readonly TransitionSpec<S, A>[]> {
  readonly name: string;
  readonly states: readonly S[];
  readonly initial: S;
  /** States no action leaves. */
  readonly final?: readonly S[];
  readonly transitions: T;
}

export class TransitionRefused extends Error {
  constructor(
    readonly machine: string,
    readonly state: string,
    readonly action: string,
  ) {
    super(`${machine}: no transition from '${state}' by '${action}'`);
    this.name = 'TransitionRefused';
  }
}

export interface StateMachine<S extends string, A extends string, T extends readonly TransitionSpec<S, A>[]> {
  readonly name: string;
  readonly states: readonly S[];
  readonly initial: S;
  readonly final: readonly S[];
  readonly transitions: T;
  /** The state `action` leads to from `state`, or undefined when the table has no such move. */
  target(state: S, action: A): S | undefined;
  /** Like target(), but throws TransitionRefused when the move is not declared. */
  next(state: S, action: A): S;
  can(state: S, action: A): boolean;
  /** The actions the table allows from `state`, in declaration order. */
  actionsFrom(state: S): A[];
  /** The states from which `action` is allowed (for guarded SQL updates: `where status in (…)`). */
  sourcesOf(action: A): S[];
  isState(value: string): value is S;
}

export function defineStateMachine<const S extends string, const A extends string, const T extends readonly TransitionSpec<S, A>[]>(spec: MachineSpec<S, A, T>): StateMachine<S, A, T> {
  const table = new Map<string, S>();
  const known = new Set<string>(spec.states);
  const final = spec.final ?? [];
  if (!known.has(spec.initial)) throw new Error(`${spec.name}: initial state '${spec.initial}' is not declared`);
  for (const transition of spec.transitions) {
    const sources: readonly S[] = typeof transition.from === 'string' ? [transition.from as S] : (transition.from as readonly S[]);
    for (const from of sources) {
      if (!known.has(from) || !known.has(transition.to)) throw new Error(`${spec.name}: transition ${from} → ${transition.to} names an undeclared state`);
      if (final.includes(from)) throw new Error(`${spec.name}: final state '${from}' cannot be left`);
      const key = `${from}\u0000${transition.action}`;
      if (table.has(key)) throw new Error(`${spec.name}: '${transition.action}' from '${from}' is declared twice`);
      table.set(key, transition.to);
    }
  }

  const target = (state: S, action: A) => table.get(`${state}\u0000${action}`);
  const actions = [...new Set(spec.transitions.map((t) => t.action))];
  return {
    name: spec.name,
    states: spec.states,
    initial: spec.initial,
    final,
    transitions: spec.transitions,
    target,
    next(state, action) {
      const to = target(state, action);
      if (to === undefined) throw new TransitionRefused(spec.name, state, action);
      return to;
    },
    can: (state, action) => target(state, action) !== undefined,
    actionsFrom: (state) => actions.filter((action) => target(state, action) !== undefined),
    sourcesOf: (action) => spec.states.filter((state) => target(state, action) !== undefined),
    isState: (value): value is S => known.has(value),
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyMachine = StateMachine<any, any, any>;
export type StateOf<M extends AnyMachine> = M['states'][number];
export type ActionOf<M extends AnyMachine> = M['transitions'][number]['action'];
