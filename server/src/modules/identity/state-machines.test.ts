import { describe, expect, it } from 'vitest';
import { stateTable } from '../../../../test/state-table.ts';
import { investorUserMachine } from './schema.ts';
import { verificationMachine } from './verification-schema.ts';

describe('investor user states', () => {
  it('deregisters an active user, for good', () => {
    expect(stateTable(investorUserMachine)).toEqual(['active --deregister--> deregistered']);
    expect(investorUserMachine.actionsFrom('deregistered')).toEqual([]);
  });
});

describe('identity verification states (counter verification included)', () => {
  it('declares the whole life of an attempt', () => {
    expect(stateTable(verificationMachine)).toEqual([
      'open --await--> pending',
      'open --pass--> passed',
      'open --fail--> failed',
      'open --abandon--> abandoned',
      'pending --pass--> passed',
      'pending --fail--> failed',
      'pending --refuse--> failed',
      'pending --abandon--> abandoned',
      'passed --consume--> consumed',
      'failed --abandon--> abandoned',
    ]);
  });

  it('lets only a pending counter request be refused, and only a passed result be consumed', () => {
    expect(verificationMachine.sourcesOf('refuse')).toEqual(['pending']);
    expect(verificationMachine.sourcesOf('consume')).toEqual(['passed']);
    expect(verificationMachine.can('passed', 'abandon')).toBe(false);
  });
});
