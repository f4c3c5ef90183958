/**
 * A case type for the kernel's tests only (no product module declares it): an
 * application with three fields, checked by a reviewer and approved by someone
 * else (four-eyes), which can be sent back, rejected or withdrawn.
 */
import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { defineCaseType, type CaseActor } from '../server/src/platform/cases/index.ts';

export const testApplication = defineCaseType({
  name: 'test.application',
  subject: { applicantKind: 'investor', about: 'test subject' },
  data: Type.Object({ name: Type.String({ minLength: 1 }), address: Type.String({ minLength: 1 }), phone: Type.String({ minLength: 1 }) }, { additionalProperties: false }),
  states: ['submitted', 'checked', 'returned', 'approved', 'rejected', 'withdrawn'],
  initial: 'submitted',
  final: ['approved', 'rejected', 'withdrawn'],
  transitions: [
    { from: 'submitted', action: 'check', to: 'checked', role: ['reviewer'], fourEyes: 'submitter' },
    { from: ['submitted', 'checked'], action: 'send_back', to: 'returned', role: ['reviewer', 'supervisor'] },
    { from: 'checked', action: 'approve', to: 'approved', role: ['reviewer', 'supervisor'], fourEyes: { after: 'check' } },
    { from: ['submitted', 'checked'], action: 'reject', to: 'rejected', role: ['reviewer', 'supervisor'] },
    { from: 'returned', action: 'resubmit', to: 'submitted', role: 'applicant' },
    { from: ['submitted', 'returned'], action: 'withdraw', to: 'withdrawn', role: 'applicant' },
  ],
  dueHours: { submitted: 48, checked: 24, returned: 240 },
});

export const applicationData = { name: '演示张明', address: '上海市浦东新区', phone: '13800000000' };

export const investor = (): CaseActor => ({ kind: 'investor', id: randomUUID() });
export const staff = (...roles: string[]): CaseActor => ({ kind: 'staff', id: randomUUID(), roles });
