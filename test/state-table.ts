import type { StateMachine, TransitionSpec } from '../server/src/kernel/transitions.ts';

/** A machine's whole table as "from --action--> to" lines, every state × action tried, so a test states it completely. */
export function stateTable<S extends string, A extends string>(machine: StateMachine<S, A, readonly TransitionSpec<S, A>[]>): string[] {
  const actions = [...new Set(machine.transitions.map((t) => t.action))];
  return machine.states.flatMap((from) => actions.flatMap((action) => (machine.can(from, action) ? [`${from} --${action}--> ${machine.next(from, action)}`] : [])));
}
