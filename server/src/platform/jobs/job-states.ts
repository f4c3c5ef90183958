import { defineStateMachine, type StateOf } from '../../kernel/transitions.ts';

/**
 * A background job's life (the `jobs.status` column): queued until a worker claims it. A live worker renews its
 * claim (a lease); a running job whose lease ran out (its worker died) may be claimed again, unless that was its
 * last attempt: then it is parked (已搁置), for a person to look at, never run again by itself (a file that ends
 * the process would otherwise end it after every restart). A failure before the last attempt queues it for a
 * retry, the last one fails it. A worker told to stop releases its job to the queue, the attempt not counted.
 */
export const jobMachine = defineStateMachine({
  name: 'job',
  states: ['queued', 'running', 'done', 'failed', 'parked'],
  initial: 'queued',
  final: ['done', 'failed', 'parked'],
  transitions: [
    { from: ['queued', 'running'], action: 'claim', to: 'running' },
    { from: 'running', action: 'succeed', to: 'done' },
    { from: 'running', action: 'retry', to: 'queued' },
    { from: 'running', action: 'fail', to: 'failed' },
    { from: 'running', action: 'park', to: 'parked' },
    { from: 'running', action: 'release', to: 'queued' },
  ],
});

export type JobStatus = StateOf<typeof jobMachine>;
