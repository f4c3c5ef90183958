import { describe, expect, it } from 'vitest';
import { stateTable } from '../../../../test/state-table.ts';
import { jobMachine } from './job-states.ts';

describe('job states', () => {
  it('declares the whole life of a job', () => {
    expect(stateTable(jobMachine)).toEqual([
      'queued --claim--> running',
      'running --claim--> running',
      'running --succeed--> done',
      'running --retry--> queued',
      'running --fail--> failed',
      'running --park--> parked',
      'running --release--> queued',
    ]);
    expect(jobMachine.initial).toBe('queued');
    expect(jobMachine.actionsFrom('done')).toEqual([]);
    expect(jobMachine.actionsFrom('failed')).toEqual([]);
    expect(jobMachine.actionsFrom('parked')).toEqual([]);
  });
});
