import { describe, expect, it } from 'vitest';
import { stateTable } from '../../../../test/state-table.ts';
import { certificateMachine } from './certificate-schema.ts';

describe('certificate request states', () => {
  it('issues or fails a requested certificate, once', () => {
    expect(stateTable(certificateMachine)).toEqual(['requested --issue--> issued', 'requested --fail--> failed']);
    expect(certificateMachine.sourcesOf('issue')).toEqual(['requested']);
    expect(certificateMachine.can('issued', 'issue')).toBe(false);
  });
});
