import { expect, it } from 'vitest';
import fc from 'fast-check';
import { and, count, eq, sql } from 'drizzle-orm';
import { describeEachDatabase } from '../../../../test/databases.ts';
import { applicationData, investor, staff, testApplication } from '../../../../test/cases.ts';
import { FixedClock } from '../clock.ts';
import { auditEntries } from '../db/schema.ts';
import type { Db } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { historyOf, keepCase, listCases, noticesFor, openCase, takeAction, type CaseActionInput, type CaseDeps } from './cases.ts';
import { caseNotices } from './schema.ts';
import type { CaseActor } from './rules.ts';

const meta = { requestId: 'test' };
const codeOf = (error: unknown) => (error instanceof AppError ? error.code : String(error));

async function refused(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return codeOf(error);
  }
  throw new Error('the action was not refused');
}

async function auditCount(db: Db, caseId: string, action?: string): Promise<number> {
  const where = and(eq(auditEntries.objectType, 'case'), eq(auditEntries.objectId, caseId), action ? eq(auditEntries.action, action) : undefined);
  const [row] = await db.select({ n: count() }).from(auditEntries).where(where);
  return Number(row!.n);
}

describeEachDatabase('review cases', (getDb) => {
  const clock = new FixedClock(new Date('2026-12-01T02:00:00Z'));
  const deps = (): CaseDeps => ({ db: getDb().db, clock });
  const open = (applicant: CaseActor, enteredBy: CaseActor = applicant) => openCase(deps(), meta, testApplication, { actor: enteredBy, applicant, subjectRef: 'ref-1', subjectLabel: '演示张明', data: applicationData });
  const act = (input: CaseActionInput) => takeAction(deps(), meta, testApplication, input);

  it('opens a case with its history, audit entry and notice, and moves it through the table', async () => {
    const applicant = investor();
    const [reviewer, supervisor] = [staff('reviewer'), staff('supervisor')];
    const kase = await open(applicant);
    expect(kase).toMatchObject({ state: 'submitted', version: 1, assigneeId: null });
    expect(kase.dueAt).toEqual(new Date('2026-12-03T02:00:00Z'));

    await keepCase(deps(), meta, testApplication, { caseId: kase.id, actor: reviewer, action: 'claim' });
    expect(await refused(act({ caseId: kase.id, actor: staff('reviewer'), action: 'check' }))).toBe('CASE_CLAIMED_BY_OTHER');
    const checked = await act({ caseId: kase.id, actor: reviewer, action: 'check' });
    expect(checked).toMatchObject({ state: 'checked', assigneeId: null, version: 3 });
    const approved = await act({ caseId: kase.id, actor: supervisor, action: 'approve', comment: '同意' });
    expect(approved).toMatchObject({ state: 'approved', dueAt: null, version: 4 });
    expect(approved.closedAt).toEqual(clock.now());

    const history = await historyOf(getDb().db, kase.id);
    expect(history.map((h) => [h.action, h.fromState, h.toState, h.version])).toEqual([
      ['submit', null, 'submitted', 1],
      ['claim', null, null, 2],
      ['check', 'submitted', 'checked', 3],
      ['approve', 'checked', 'approved', 4],
    ]);
    expect(await auditCount(getDb().db, kase.id)).toBe(4);
    const notices = await noticesFor(getDb().db, applicant);
    expect(notices.map((n) => n.state).sort()).toEqual(['approved', 'checked', 'submitted']);
    expect(await refused(act({ caseId: kase.id, actor: supervisor, action: 'reject', comment: 'x' }))).toBe('CASE_ACTION_NOT_ALLOWED');
  });

  it('refuses self-approval: the checker of a four-eyes step is never its maker', async () => {
    const reviewer = staff('reviewer', 'supervisor');
    const kase = await open(investor(), reviewer);
    expect(await refused(act({ caseId: kase.id, actor: reviewer, action: 'check' }))).toBe('CASE_FOUR_EYES');
    const other = staff('reviewer');
    await act({ caseId: kase.id, actor: other, action: 'check' });
    expect(await refused(act({ caseId: kase.id, actor: other, action: 'approve' }))).toBe('CASE_FOUR_EYES');
    expect(await act({ caseId: kase.id, actor: reviewer, action: 'approve' })).toMatchObject({ state: 'approved' });
    expect(await auditCount(getDb().db, kase.id, 'case.approve')).toBe(1);
  });

  it('a send-back reopens only the fields it names', async () => {
    const applicant = investor();
    const reviewer = staff('reviewer');
    const kase = await open(applicant);
    expect(await refused(act({ caseId: kase.id, actor: reviewer, action: 'send_back', fields: [] }))).toBe('CASE_FIELDS_REQUIRED');
    expect(await refused(act({ caseId: kase.id, actor: reviewer, action: 'send_back', fields: ['salary'] }))).toBe('CASE_UNKNOWN_FIELD');
    const returned = await act({ caseId: kase.id, actor: reviewer, action: 'send_back', fields: ['address'], comment: '地址不完整' });
    expect(returned).toMatchObject({ state: 'returned', reopenedFields: ['address'] });
    const notice = (await noticesFor(getDb().db, applicant)).find((n) => n.action === 'send_back');
    expect(notice).toMatchObject({ action: 'send_back', fields: ['address'], comment: '地址不完整' });

    expect(await refused(act({ caseId: kase.id, actor: applicant, action: 'resubmit', changes: { phone: '13900000000' } }))).toBe('CASE_FIELD_NOT_REOPENED');
    expect(await refused(act({ caseId: kase.id, actor: applicant, action: 'resubmit', changes: { address: '' } }))).toBe('CASE_DATA_INVALID');
    expect(await refused(act({ caseId: kase.id, actor: investor(), action: 'resubmit', changes: { address: 'x' } }))).toBe('CASE_ROLE_NOT_ALLOWED');
    const resubmitted = await act({ caseId: kase.id, actor: applicant, action: 'resubmit', changes: { address: '上海市浦东新区杨高南路188号' } });
    expect(resubmitted).toMatchObject({ state: 'submitted', reopenedFields: [], data: { ...applicationData, address: '上海市浦东新区杨高南路188号' } });
    const history = await historyOf(getDb().db, kase.id);
    expect(history.at(-1)).toMatchObject({ action: 'resubmit', fields: ['address'] });
  });

  it('a rejection needs a reason; only the applicant withdraws', async () => {
    const applicant = investor();
    const kase = await open(applicant);
    expect(await refused(act({ caseId: kase.id, actor: staff('reviewer'), action: 'reject', comment: '  ' }))).toBe('CASE_REASON_REQUIRED');
    expect(await refused(act({ caseId: kase.id, actor: staff('reviewer'), action: 'withdraw' }))).toBe('CASE_ROLE_NOT_ALLOWED');
    expect(await act({ caseId: kase.id, actor: applicant, action: 'withdraw' })).toMatchObject({ state: 'withdrawn' });
  });

  it('finds overdue and unclaimed cases, oldest first', async () => {
    const types = [testApplication.name];
    const first = await open(investor());
    clock.advance(49 * 3_600_000);
    const second = await open(investor());
    const overdue = await listCases(getDb().db, clock.now(), { types, overdue: true, page: 1, pageSize: 100 });
    expect(overdue.items.map((c) => c.id)).toContain(first.id);
    expect(overdue.items.map((c) => c.id)).not.toContain(second.id);
    const unclaimed = await listCases(getDb().db, clock.now(), { types, assignee: 'none', page: 1, pageSize: 500 });
    expect(unclaimed.items.findIndex((c) => c.id === first.id)).toBeLessThan(unclaimed.items.findIndex((c) => c.id === second.id));
    expect(await listCases(getDb().db, clock.now(), { types: [], page: 1, pageSize: 10 })).toEqual({ items: [], total: 0 });
  });

  it('keeps the history append-only', async () => {
    const kase = await open(investor());
    const refusal = (query: Promise<unknown>) =>
      query.then(
        () => 'changed',
        (error: Error) => String((error.cause as Error | undefined)?.message ?? error.message),
      );
    expect(await refusal(getDb().db.execute(sql`update case_history set comment = 'x' where case_id = ${kase.id}`))).toMatch(/append-only/);
    expect(await refusal(getDb().db.execute(sql`delete from case_history where case_id = ${kase.id}`))).toMatch(/append-only/);
  });

  it('random action sequences never leave the table; the history has one entry per successful action', async () => {
    const applicant = investor();
    const actors: CaseActor[] = [applicant, investor(), staff('reviewer'), staff('reviewer'), staff('supervisor'), staff('reviewer', 'supervisor'), staff('hall_clerk')];
    const fields = testApplication.fields;
    const moves = [...new Set(testApplication.machine.transitions.map((t) => t.action))];
    const step = fc.record({
      actor: fc.integer({ min: 0, max: actors.length - 1 }),
      action: fc.constantFrom(...moves, 'claim', 'release', 'comment'),
      fields: fc.subarray([...fields]),
      comment: fc.constantFrom('', '请补正', '同意'),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 12 }), fc.integer({ min: 0, max: actors.length - 1 }), async (steps, enteredBy) => {
        const opener = actors[enteredBy]!.kind === 'staff' ? actors[enteredBy]! : applicant;
        let kase = await open(applicant, opener);
        let successes = 1;
        let moved = 1;
        for (const s of steps) {
          const actor = actors[s.actor]!;
          const before = kase;
          try {
            if (s.action === 'claim' || s.action === 'release' || s.action === 'comment') {
              kase = await keepCase(deps(), meta, testApplication, { caseId: kase.id, actor, action: s.action, comment: s.comment });
            } else {
              const changes = Object.fromEntries(s.fields.map((f) => [f, `${f}-new`]));
              kase = await act({ caseId: kase.id, actor, action: s.action, fields: s.fields, comment: s.comment, changes });
              expect(testApplication.machine.target(before.state as never, s.action as never)).toBe(kase.state);
              moved++;
            }
            successes++;
            expect(kase.version).toBe(before.version + 1);
          } catch (error) {
            expect(codeOf(error)).toMatch(/^CASE_/);
          }
          expect(testApplication.machine.isState(kase.state)).toBe(true);
        }
        const history = await historyOf(getDb().db, kase.id);
        expect(history).toHaveLength(successes);
        expect(history.map((h) => h.version)).toEqual(history.map((_, i) => i + 1));
        expect(await auditCount(getDb().db, kase.id)).toBe(successes);
        const [notices] = await getDb().db.select({ n: count() }).from(caseNotices).where(eq(caseNotices.caseId, kase.id));
        expect(Number(notices!.n)).toBe(moved);
      }),
      { numRuns: 20 },
    );
  });

  it('32 concurrent approvals of one case make exactly one transition and one audit entry', async () => {
    const kase = await open(investor());
    await act({ caseId: kase.id, actor: staff('reviewer'), action: 'check' });
    const approvers = Array.from({ length: 32 }, () => staff('supervisor'));
    const outcomes = await Promise.allSettled(approvers.map((actor) => act({ caseId: kase.id, actor, action: 'approve' })));
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const o of outcomes) if (o.status === 'rejected') expect(['CASE_CHANGED', 'CASE_ACTION_NOT_ALLOWED']).toContain(codeOf(o.reason));
    expect(await auditCount(getDb().db, kase.id, 'case.approve')).toBe(1);
    const history = await historyOf(getDb().db, kase.id);
    expect(history.filter((h) => h.action === 'approve')).toHaveLength(1);
  });
});
