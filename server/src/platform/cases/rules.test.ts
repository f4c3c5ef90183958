import { describe, expect, it } from 'vitest';
import { Type } from '@sinclair/typebox';
import { testApplication, investor, staff } from '../../../../test/cases.ts';
import { defineCaseType, type CaseStateOf, type CaseSnapshot } from './define.ts';
import { allowedActions, refusalOf } from './rules.ts';

const applicant = investor();
const reviewer = staff('reviewer');
const supervisor = staff('supervisor');

function snapshot(state: CaseStateOf<typeof testApplication>, extra: Partial<CaseSnapshot> = {}): CaseSnapshot {
  return {
    id: 'c1',
    type: testApplication.name,
    state,
    data: {},
    applicantKind: applicant.kind,
    applicantId: applicant.id,
    assigneeId: null,
    reopenedFields: [],
    createdByKind: applicant.kind,
    createdById: applicant.id,
    version: 1,
    ...extra,
  };
}

describe('case rules', () => {
  it('allows each actor only the moves its role has in the table', () => {
    const kase = snapshot('submitted');
    expect(allowedActions(testApplication, kase, [], reviewer)).toEqual(['check', 'send_back', 'reject', 'claim', 'comment']);
    expect(allowedActions(testApplication, kase, [], supervisor)).toEqual(['send_back', 'reject', 'claim', 'comment']);
    expect(allowedActions(testApplication, kase, [], applicant)).toEqual(['withdraw']);
    expect(refusalOf(testApplication, kase, [], investor(), 'withdraw')).toBe('CASE_ROLE_NOT_ALLOWED');
    expect(refusalOf(testApplication, kase, [], reviewer, 'approve')).toBe('CASE_ACTION_NOT_ALLOWED');
  });

  it('refuses the checker who made the step being checked (four-eyes)', () => {
    const checked = snapshot('checked');
    const history = [{ action: 'check', actorKind: 'staff', actorId: reviewer.id }];
    expect(refusalOf(testApplication, checked, history, reviewer, 'approve')).toBe('CASE_FOUR_EYES');
    expect(refusalOf(testApplication, checked, history, staff('reviewer'), 'approve')).toBeUndefined();
    const enteredByReviewer = snapshot('submitted', { createdByKind: 'staff', createdById: reviewer.id });
    expect(refusalOf(testApplication, enteredByReviewer, [], reviewer, 'check')).toBe('CASE_FOUR_EYES');
  });

  it('keeps a claimed case to its assignee', () => {
    const kase = snapshot('submitted', { assigneeId: reviewer.id });
    expect(refusalOf(testApplication, kase, [], staff('reviewer'), 'reject')).toBe('CASE_CLAIMED_BY_OTHER');
    expect(refusalOf(testApplication, kase, [], reviewer, 'reject')).toBeUndefined();
    expect(allowedActions(testApplication, kase, [], reviewer)).toEqual(['check', 'send_back', 'reject', 'release', 'comment']);
  });

  it('asks the guard last', () => {
    const guarded = defineCaseType({
      name: 'test.guarded',
      subject: { applicantKind: 'investor', about: 'x' },
      data: Type.Object({ amount: Type.Number() }),
      states: ['open', 'done'],
      initial: 'open',
      final: ['done'],
      transitions: [{ from: 'open', action: 'approve', to: 'done', role: ['reviewer'], guard: (kase) => ((kase.data.amount as number) > 100 ? 'FORBIDDEN' : undefined) }],
    });
    expect(refusalOf(guarded, { ...snapshot('submitted'), state: 'open', data: { amount: 500 } }, [], reviewer, 'approve')).toBe('FORBIDDEN');
    expect(refusalOf(guarded, { ...snapshot('submitted'), state: 'open', data: { amount: 5 } }, [], reviewer, 'approve')).toBeUndefined();
  });

  it('refuses tables that give an applicant action to staff or name an undeclared maker', () => {
    const base = { subject: { applicantKind: 'investor', about: 'x' }, data: Type.Object({}), states: ['a', 'b'], initial: 'a' } as const;
    expect(() => defineCaseType({ ...base, name: 'x1', transitions: [{ from: 'a', action: 'withdraw', to: 'b', role: ['reviewer'] }] })).toThrow(/applicant/);
    expect(() => defineCaseType({ ...base, name: 'x2', transitions: [{ from: 'a', action: 'approve', to: 'b', role: 'applicant' }] })).toThrow(/reviewer/);
    expect(() => defineCaseType({ ...base, name: 'x3', transitions: [{ from: 'a', action: 'approve', to: 'b', role: ['r'], fourEyes: { after: 'check' as 'approve' } }] })).toThrow(/undeclared/);
  });
});
