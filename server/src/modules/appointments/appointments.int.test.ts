/**
 * Business appointments on both databases: booking and its refusals, the date rules at their edges with the
 * database behind them (full periods, the cancellation cut-off, holidays, a hall's change of hours), notices by
 * the channel the investor chose, reminders, no-shows, masking, and check-in into the hall queue.
 */
import { randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase, openTestDatabase } from '../../../../test/databases.ts';
import type { Database } from '../../platform/db/client.ts';
import { rejection, testContext, type TestContext } from '../../../../test/context.ts';
import { gb11643CheckChar } from '../../kernel/identifiers.ts';
import { devInbox } from '../../platform/db/schema.ts';
import { investorUsers } from '../identity/index.ts';
import { callNext, finishCurrent, openCounter } from '../queue/index.ts';
import { bookAppointment, cancelAppointment, myAppointments, type BookingInput } from './booking.ts';
import { APPOINTMENT_DAILY_JOB, appointmentDailyJob, markNoShows, sendReminders } from './daily-job.ts';
import { jobs } from '../../platform/db/schema.ts';
import { checkIn, walkInTicket } from './hall-queue.ts';
import { closeHallDays, hallByRegion, updateHall } from './halls.ts';
import { appointments, appointmentSlots } from './schema.ts';

const meta = { requestId: 'appointments-test' };
const staff = { kind: 'staff' as const, id: randomUUID() };
const idNumber = (body17: string) => body17 + gb11643CheckChar(body17);
const AGENT_ID = idNumber('11010519491231002');

/** Monday 2026-12-07, 08:00 in Beijing. */
const MONDAY_8AM = new Date('2026-12-07T00:00:00Z');

let mobiles = 0;
/** An investor user registered with a mobile number (the channel notices go by). */
async function anInvestor(ctx: TestContext): Promise<{ principalId: string; mobile: string }> {
  const mobile = `139${String(++mobiles).padStart(4, '0')}${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}`;
  const id = randomUUID();
  const now = ctx.clock.now();
  await ctx.db.insert(investorUsers).values({ id, mobileEnc: ctx.vault.encrypt(mobile), mobileHash: ctx.vault.lookupHash('mobile', mobile), passwordHash: 'x', status: 'active', passwordChangedAt: now, createdAt: now });
  return { principalId: id, mobile };
}

const form = (overrides: Partial<BookingInput> = {}): BookingInput => ({
  region: 'beijing',
  agentType: 'domestic',
  agentName: '张三',
  employer: '测试证券有限公司',
  idNumber: AGENT_ID,
  category: 'account',
  items: 2,
  day: '2026-12-08',
  period: '09:00',
  rulesAccepted: true,
  ...overrides,
});

async function smsTo(ctx: TestContext, mobile: string): Promise<string[]> {
  await ctx.jobs.drain();
  const rows = await ctx.db.select().from(devInbox).where(eq(devInbox.recipient, mobile)).orderBy(desc(devInbox.id));
  return rows.map((r) => r.body);
}

describeEachDatabase('appointments', (getDb) => {
  let ctx: TestContext;
  beforeAll(() => {
    ctx = testContext(getDb(), {}, MONDAY_8AM);
  });

  it('books a period, answers the appointment code and QR payload, and confirms by SMS at once', async () => {
    ctx.clock.set(MONDAY_8AM);
    const investor = await anInvestor(ctx);
    const booked = await bookAppointment(ctx, meta, investor, form());
    expect(booked.code).toMatch(/^\d{10}$/);
    expect(booked.qrPayload).toBe(`clearhall:appointment:beijing:${booked.code}`);
    expect(booked).toMatchObject({ status: 'booked', day: '2026-12-08', periodStarts: '09:00', periodEnds: '10:00', categoryName: '证券账户业务', items: 2, cancellable: true });
    // Personal data masked (kernel masking): the ID number by its ends, the agent's name to its initial.
    expect(booked.idNumberMasked).toBe(`1101**********${AGENT_ID.slice(-4)}`);
    expect(booked.agentNameMasked).toBe('张*');
    const sms = await smsTo(ctx, investor.mobile);
    expect(sms[0]).toContain(`预约码${booked.code}`);
    expect(sms[0]).toContain('2026-12-08 09:00-10:00');
    expect(sms[0]).not.toContain(AGENT_ID);
  });

  it('confirms by e-mail to an investor whose channel is e-mail', async () => {
    ctx.clock.set(MONDAY_8AM);
    const email = `appointments.${randomUUID()}@example.test`;
    const id = randomUUID();
    await ctx.db
      .insert(investorUsers)
      .values({ id, emailEnc: ctx.vault.encrypt(email), emailHash: ctx.vault.lookupHash('email', email), passwordHash: 'x', status: 'active', passwordChangedAt: MONDAY_8AM, createdAt: MONDAY_8AM });
    const booked = await bookAppointment(ctx, meta, { principalId: id }, form({ region: 'shenzhen', day: '2026-12-09', period: '15:00' }));
    await ctx.jobs.drain();
    const mail = ctx.mailer.sent.find((m) => m.to === email);
    expect(mail).toMatchObject({ subject: '业务预约成功' });
    expect(mail?.text).toContain(booked.code);
  });

  it('refuses a second appointment of the same investor in the same period, in any category', async () => {
    ctx.clock.set(MONDAY_8AM);
    const investor = await anInvestor(ctx);
    await bookAppointment(ctx, meta, investor, form({ period: '10:00' }));
    expect((await rejection(bookAppointment(ctx, meta, investor, form({ period: '10:00', category: 'query' })))).code).toBe('APPOINTMENT_ALREADY_BOOKED');
    await bookAppointment(ctx, meta, investor, form({ period: '13:00', category: 'query' }));
  });

  it('checks the form: the rules accepted, the ID number for the agent type', async () => {
    ctx.clock.set(MONDAY_8AM);
    const investor = await anInvestor(ctx);
    expect((await rejection(bookAppointment(ctx, meta, investor, form({ rulesAccepted: false })))).code).toBe('APPOINTMENT_RULES_NOT_ACCEPTED');
    const badCheck = `${AGENT_ID.slice(0, 17)}${AGENT_ID.endsWith('0') ? '1' : '0'}`;
    expect(await rejection(bookAppointment(ctx, meta, investor, form({ idNumber: badCheck })))).toMatchObject({ code: 'APPOINTMENT_ID_INVALID', details: { reason: 'check_digit' } });
    expect((await rejection(bookAppointment(ctx, meta, investor, form({ agentType: 'overseas', idType: 'resident_id' })))).code).toBe('APPOINTMENT_ID_TYPE_MISMATCH');
    // One normaliser: a full-width, spaced, lower-case x number is the same number.
    const withX = idNumber('11010519800101001');
    const typed = withX.replace(/X$/, 'x').replace(/^110105/, '１１０ １０５');
    const booked = await bookAppointment(ctx, meta, investor, form({ idNumber: typed, period: '14:00' }));
    expect(booked.idNumberMasked.slice(-4)).toBe(withX.slice(-4));
    await bookAppointment(ctx, meta, investor, form({ agentType: 'overseas', idNumber: 'E12345678', period: '15:00' }));
  });

  it("refuses a today's period once it has begun, a closed day, and a day beyond the horizon", async () => {
    const investor = await anInvestor(ctx);
    ctx.clock.set(new Date('2026-12-07T01:00:00Z')); // Monday 09:00:00 Beijing
    expect(await rejection(bookAppointment(ctx, meta, investor, form({ day: '2026-12-07', period: '09:00' })))).toMatchObject({ code: 'APPOINTMENT_PERIOD_UNAVAILABLE', details: { reason: 'period_started' } });
    ctx.clock.set(new Date('2026-12-07T00:59:59Z'));
    await bookAppointment(ctx, meta, investor, form({ day: '2026-12-07', period: '09:00' }));
    expect(await rejection(bookAppointment(ctx, meta, investor, form({ day: '2026-12-12' })))).toMatchObject({ details: { reason: 'day_closed' } });
    expect(await rejection(bookAppointment(ctx, meta, investor, form({ day: '2026-12-22' })))).toMatchObject({ details: { reason: 'beyond_horizon' } });
  });

  it('fills a period to its capacity, and a cancellation frees the place at once', async () => {
    ctx.clock.set(MONDAY_8AM);
    const hall = await hallByRegion(ctx.db, 'shanghai');
    const schedule = { ...hall.schedule, categories: hall.schedule.categories.map((c) => (c.code === 'pledge' ? { ...c, capacity: 10, capacities: { '11:00': 1 } } : c)) };
    await updateHall(ctx, meta, staff, 'shanghai', { name: hall.name, address: hall.address, notes: hall.notes, schedule });
    const first = await anInvestor(ctx);
    const second = await anInvestor(ctx);
    const slot = form({ region: 'shanghai', category: 'pledge', day: '2026-12-09', period: '11:00' });
    const booked = await bookAppointment(ctx, meta, first, slot);
    expect((await rejection(bookAppointment(ctx, meta, second, slot))).code).toBe('APPOINTMENT_PERIOD_FULL');
    const cancelled = await cancelAppointment(ctx, meta, first, booked.id);
    expect(cancelled).toMatchObject({ status: 'cancelled', cancellable: false });
    await bookAppointment(ctx, meta, second, slot);
  });

  it('allows cancelling until the cut-off before the period (120 minutes), not at it', async () => {
    ctx.clock.set(MONDAY_8AM);
    const investor = await anInvestor(ctx);
    const booked = await bookAppointment(ctx, meta, investor, form({ region: 'shenzhen', day: '2026-12-10', period: '13:00' }));
    expect(booked.cancellableUntil).toBe('2026-12-10T03:00:00.000Z'); // 11:00 Beijing
    ctx.clock.set(new Date('2026-12-10T03:00:00Z'));
    expect(await rejection(cancelAppointment(ctx, meta, investor, booked.id))).toMatchObject({ code: 'APPOINTMENT_NOT_CANCELLABLE', details: { cutoffMinutes: 120 } });
    ctx.clock.set(new Date('2026-12-10T02:59:59Z'));
    await cancelAppointment(ctx, meta, investor, booked.id);
    expect((await rejection(cancelAppointment(ctx, meta, investor, booked.id))).code).toBe('APPOINTMENT_NOT_CANCELLABLE');
    // Someone else's appointment is not found, not cancelled.
    ctx.clock.set(MONDAY_8AM);
    const other = await bookAppointment(ctx, meta, investor, form({ region: 'shenzhen', day: '2026-12-10', period: '14:00' }));
    expect((await rejection(cancelAppointment(ctx, meta, await anInvestor(ctx), other.id))).code).toBe('APPOINTMENT_NOT_FOUND');
  });

  it('a holiday and a change of hours release the appointments they strand and tell their holders; the rest stay', async () => {
    ctx.clock.set(MONDAY_8AM);
    const investor = await anInvestor(ctx);
    const onHoliday = await bookAppointment(ctx, meta, investor, form({ region: 'shenzhen', day: '2026-12-11', period: '09:00', category: 'judicial' }));
    const kept = await bookAppointment(ctx, meta, investor, form({ region: 'shenzhen', day: '2026-12-14', period: '10:00', category: 'judicial' }));
    const moved = await bookAppointment(ctx, meta, investor, form({ region: 'shenzhen', day: '2026-12-14', period: '09:00', category: 'judicial' }));
    expect(await closeHallDays(ctx, meta, staff, 'shenzhen', ['2026-12-11'], '系统维护')).toEqual({ released: 1 });
    expect((await smsTo(ctx, investor.mobile))[0]).toContain(`当日不营业`);
    expect(await rejection(bookAppointment(ctx, meta, await anInvestor(ctx), form({ region: 'shenzhen', day: '2026-12-11' })))).toMatchObject({ details: { reason: 'day_closed' } });

    const hall = await hallByRegion(ctx.db, 'shenzhen');
    const periods = hall.schedule.periods.map((p) => (p.starts === '09:00' ? { starts: '09:00', ends: '09:45' } : p));
    const changed = await updateHall(ctx, meta, staff, 'shenzhen', { name: hall.name, address: hall.address, notes: hall.notes, schedule: { ...hall.schedule, periods } });
    expect(changed.released).toBe(1);
    const sms = await smsTo(ctx, investor.mobile);
    expect(sms[0]).toContain('预约时段调整');
    expect(sms[0]).toContain(moved.code);
    const mine = await myAppointments(ctx, investor, { method: 'appointment_day', from: '2026-12-07', to: '2026-12-31' });
    const statusOf = (id: string) => mine.items.find((a) => a.id === id)?.status;
    expect([statusOf(onHoliday.id), statusOf(moved.id), statusOf(kept.id)]).toEqual(['hall_cancelled', 'hall_cancelled', 'booked']);
  });

  it('lists my appointments by the day booked for or the day the booking was made', async () => {
    ctx.clock.set(MONDAY_8AM);
    const investor = await anInvestor(ctx);
    await bookAppointment(ctx, meta, investor, form({ day: '2026-12-15', period: '09:00' }));
    expect((await myAppointments(ctx, investor, { method: 'appointment_day', from: '2026-12-15', to: '2026-12-15' })).items).toHaveLength(1);
    expect((await myAppointments(ctx, investor, { method: 'appointment_day', from: '2026-12-07', to: '2026-12-14' })).items).toHaveLength(0);
    expect((await myAppointments(ctx, investor, { method: 'application_day', from: '2026-12-07', to: '2026-12-07' })).items).toHaveLength(1);
    expect((await rejection(myAppointments(ctx, investor, { method: 'appointment_day', from: '2026-12-15', to: '2026-12-14' }))).code).toBe('APPOINTMENT_QUERY_RANGE');
  });

  it('reminds the day before, once, and counts a day gone by without check-in as a no-show; past the limit booking is refused with the reason', async () => {
    ctx.clock.set(MONDAY_8AM);
    const investor = await anInvestor(ctx);
    const days = ['2026-12-08', '2026-12-09', '2026-12-10'];
    const booked = [];
    for (const day of days) booked.push(await bookAppointment(ctx, meta, investor, form({ region: 'shanghai', category: 'other', day, period: '14:00' })));
    ctx.clock.set(new Date('2026-12-07T02:00:00Z')); // Monday 10:00 Beijing
    expect(await sendReminders(ctx, '2026-12-07')).toBeGreaterThanOrEqual(1);
    expect((await smsTo(ctx, investor.mobile))[0]).toContain(`明天（2026-12-08 14:00-15:00）`);
    expect(await sendReminders(ctx, '2026-12-07')).toBe(0);

    ctx.clock.set(new Date('2026-12-11T02:00:00Z')); // Friday: all three days are gone
    expect(await markNoShows(ctx, '2026-12-11')).toBeGreaterThanOrEqual(3);
    const refused = await rejection(bookAppointment(ctx, meta, investor, form({ day: '2026-12-14' })));
    // The last no-show was on 2026-12-10: barred 30 days after it, through 2027-01-09.
    expect(refused).toMatchObject({ code: 'APPOINTMENT_BARRED', details: { count: 3, until: '2027-01-10', windowDays: 90 } });
  });

  it('runs as a standing job that queues its next run for 10:00 Beijing the next day', async () => {
    expect(ctx.jobs.recurringJobs()).toContain(APPOINTMENT_DAILY_JOB);
    ctx.clock.set(new Date('2026-12-20T02:00:00Z'));
    const running = { id: 'test', attempt: 1, progress: async () => {}, signal: new AbortController().signal };
    expect(await appointmentDailyJob(ctx).handler({}, running)).toMatchObject({ asOf: '2026-12-20' });
    const queued = await ctx.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.name, APPOINTMENT_DAILY_JOB), eq(jobs.status, 'queued')));
    expect(queued.map((j) => j.runAt.toISOString())).toContain('2026-12-21T02:00:00.000Z');
  });

  it('checks an appointment holder in on the day, who is called before an earlier walk-in within the period', async () => {
    ctx.clock.set(MONDAY_8AM);
    const investor = await anInvestor(ctx);
    const booked = await bookAppointment(ctx, meta, investor, form({ day: '2026-12-08', period: '10:00', category: 'transfer' }));
    expect((await rejection(checkIn(ctx, meta, 'beijing', booked.code))).code).toBe('APPOINTMENT_CHECK_IN_REFUSED'); // not today
    ctx.clock.set(new Date('2026-12-08T01:50:00Z')); // 09:50, before the period
    const walkIn = await walkInTicket(ctx, 'beijing', 'transfer');
    expect(walkIn.number).toMatch(/^C\d{3}$/);
    expect((await rejection(checkIn(ctx, meta, 'shanghai', booked.code))).code).toBe('APPOINTMENT_CHECK_IN_REFUSED');
    const ticket = await checkIn(ctx, meta, 'beijing', booked.code);
    expect(ticket.waitingBefore).toBe(1); // early for its period: behind the walk-in
    expect((await rejection(checkIn(ctx, meta, 'beijing', booked.code))).code).toBe('APPOINTMENT_CHECK_IN_REFUSED'); // once
    ctx.clock.set(new Date('2026-12-08T02:05:00Z')); // 10:05, in the period
    await openCounter(ctx, meta, staff, { lineKey: 'beijing', counter: '1号窗口' }, ['transfer']);
    const called = await callNext(ctx, meta, staff, { lineKey: 'beijing', counter: '1号窗口' });
    expect(called.current).toMatchObject({ number: ticket.number, kind: 'appointment' });
    const mine = await myAppointments(ctx, investor, { method: 'appointment_day', from: '2026-12-08', to: '2026-12-08' });
    expect(mine.items.find((a) => a.id === booked.id)?.status).toBe('checked_in');
    await finishCurrent(ctx, meta, staff, { lineKey: 'beijing', counter: '1号窗口' }, 'served');
    const served = await myAppointments(ctx, investor, { method: 'appointment_day', from: '2026-12-08', to: '2026-12-08' });
    expect(served.items.find((a) => a.id === booked.id)?.status).toBe('served');
  });
});

describe('appointments under concurrency [postgres]', () => {
  let database: Database | undefined;
  beforeAll(async () => {
    database = await openTestDatabase('postgres');
  });
  afterAll(async () => {
    await database?.close();
  });

  it('200 simultaneous bookings for 10 places give exactly 10 appointments and 190 clear refusals', async () => {
    const ctx = testContext(database!, {}, MONDAY_8AM);
    const investors = Array.from({ length: 200 }, () => ({ principalId: randomUUID() }));
    const hall = await hallByRegion(ctx.db, 'beijing');
    const schedule = { ...hall.schedule, categories: hall.schedule.categories.map((c) => (c.code === 'query' ? { ...c, capacity: 10 } : c)) };
    await updateHall(ctx, meta, staff, 'beijing', { name: hall.name, address: hall.address, notes: hall.notes, schedule });
    const outcomes = await Promise.allSettled(investors.map((investor) => bookAppointment(ctx, meta, investor, form({ category: 'query', day: '2026-12-16', period: '15:00' }))));
    const booked = outcomes.filter((o) => o.status === 'fulfilled');
    const refusals = outcomes.flatMap((o) => (o.status === 'rejected' ? [(o.reason as { code?: string }).code] : []));
    expect(booked).toHaveLength(10);
    expect(refusals).toEqual(Array.from({ length: 190 }, () => 'APPOINTMENT_PERIOD_FULL'));
    const rows = await ctx.db
      .select()
      .from(appointments)
      .where(and(eq(appointments.day, '2026-12-16'), eq(appointments.periodStarts, '15:00'), eq(appointments.category, 'query')));
    expect(rows).toHaveLength(10);
    const [slot] = await ctx.db
      .select()
      .from(appointmentSlots)
      .where(and(eq(appointmentSlots.day, '2026-12-16'), eq(appointmentSlots.period, '15:00'), eq(appointmentSlots.category, 'query')));
    expect(slot).toMatchObject({ capacity: 10, booked: 10 });
  });
});
