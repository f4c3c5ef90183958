import { defineStateMachine, type StateOf } from '../../kernel/transitions.ts';

/**
 * A background job's life (the `jobs.status` column): queued until a worker claims it; a running job whose worker
 * vanished (locked longer than the stale limit) may be claimed again; a failure before the last attempt queues it
 * for a retry, the last one fails it.
 */
export const jobMachine = defineStateMachine({
  name: 'job',
  states: ['queued', 'running', 'done', 'failed'],
  initial: 'queued',
  final: ['done', 'failed'],
  transitions: [
    { from: ['queued', 'running'], action: 'claim', to: 'running' },
    { from: 'running', action: 'succeed', to: 'done' },
    { from: 'running', action: 'retry', to: 'queued' },
    { from: 'running', action: 'fail', to: 'failed' },
  ],
});

export type JobStatus = StateOf<typeof jobMachine>;
