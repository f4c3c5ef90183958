import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { defineStateMachine, TransitionRefused, type ActionOf, type StateOf } from './transitions.js';

const job = defineStateMachine({
  name: 'job',
  states: ['queued', 'running', 'done', 'failed'],
  initial: 'queued',
  final: ['done', 'failed'],
  transitions: [
    { from: 'queued', action: 'claim', to: 'running' },
    { from: 'running', action: 'succeed', to: 'done' },
    { from: 'running', action: 'retry', to: 'queued' },
    { from: ['queued', 'running'], action: 'fail', to: 'failed' },
  ],
});

describe('defineStateMachine', () => {
  it('follows the declared table and refuses anything else', () => {
    const state: StateOf<typeof job> = job.next('queued', 'claim');
    expect(state).toBe('running');
    expect(job.next(state, 'succeed')).toBe('done');
    expect(() => job.next('done', 'claim')).toThrow(TransitionRefused);
    expect(job.actionsFrom('running')).toEqual(['succeed', 'retry', 'fail']);
    expect(job.sourcesOf('fail')).toEqual(['queued', 'running']);
    expect(job.isState('paused')).toBe(false);
  });

  it('rejects a table that names an undeclared state, leaves a final state or repeats a move', () => {
    expect(() => defineStateMachine({ name: 'x', states: ['a'], initial: 'a', transitions: [{ from: 'a', action: 'go', to: 'b' as 'a' }] })).toThrow(/undeclared/);
    expect(() => defineStateMachine({ name: 'x', states: ['a', 'b'], initial: 'a', final: ['b'], transitions: [{ from: 'b', action: 'go', to: 'a' }] })).toThrow(/final/);
    expect(() =>
      defineStateMachine({
        name: 'x',
        states: ['a', 'b'],
        initial: 'a',
        transitions: [
          { from: 'a', action: 'go', to: 'b' },
          { from: 'a', action: 'go', to: 'a' },
        ],
      }),
    ).toThrow(/twice/);
  });

  it('never leaves its declared states under any sequence of actions', () => {
    const actions: ActionOf<typeof job>[] = ['claim', 'succeed', 'retry', 'fail'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...actions), { maxLength: 40 }), (sequence) => {
        let state: StateOf<typeof job> = job.initial;
        for (const action of sequence) {
          const to = job.target(state, action);
          if (to === undefined) continue;
          expect(job.final).not.toContain(state);
          state = to;
        }
        expect(job.states).toContain(state);
      }),
    );
  });
});
