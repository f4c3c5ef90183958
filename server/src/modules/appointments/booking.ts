import { randomInt } from 'node:crypto';
import { and, desc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { Executor } from '../../platform/db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { audit, type RequestMeta } from '../../platform/audit/audit.ts';
import type { Session } from '../../platform/auth/sessions.ts';
import { addDays } from '../../kernel/dates.ts';
import { validateIdNumber, type IdType } from '../../kernel/identifiers.ts';
import { mask } from '../../kernel/masking.ts';
import { beijingDate } from '../../kernel/time.ts';
import { bookingDays, bookingRefusal, cancellationDeadline, capacityOf, categoryOf, isOpenDay, mayCancel, periodWindow } from './calendar.ts';
import { closedDaysOf, freePlace, hallByRegion, type Hall } from './halls.ts';
import { noticeTexts, noticeToHolder } from './notices.ts';
import { appointmentHalls, appointments, appointmentSlots } from './schema.ts';
import './errors.ts';

export type AgentType = 'domestic' | 'overseas';

/** The documents an agent of each type books with; the first is assumed when none is named. */
export const AGENT_ID_TYPES: Record<AgentType, readonly IdType[]> = {
  domestic: ['resident_id'],
  overseas: ['passport', 'travel_permit_hk_macao', 'travel_permit_taiwan', 'residence_permit_hmt', 'foreign_permanent_residence'],
};

// --- availability ---------------------------------------------------------------------------------

/** 预约日期及时段: each open day from today within the horizon, and each period not yet begun with the places left. */
export async function availability(ctx: AppContext, region: string, category: string) {
  const hall = await hallByRegion(ctx.db, region);
  const hallCategory = categoryOf(hall.schedule, category);
  if (!hallCategory) throw new AppError('APPOINTMENT_CATEGORY_UNKNOWN');
  const now = ctx.clock.now();
  const days = bookingDays(now, ctx.config.appointmentBookingDays);
  const closed = await closedDaysOf(ctx.db, hall.id, days[0]!, days.at(-1)!);
  const slots = await ctx.db
    .select()
    .from(appointmentSlots)
    .where(and(eq(appointmentSlots.hallId, hall.id), eq(appointmentSlots.category, category), gte(appointmentSlots.day, days[0]!), lte(appointmentSlots.day, days.at(-1)!)));
  const bookedOf = (day: string, period: string) => slots.find((s) => s.day === day && s.period === period);
  return {
    region: hall.region,
    category,
    days: days
      .filter((day) => isOpenDay(hall.schedule, closed, day))
      .map((day) => ({
        day,
        periods: hall.schedule.periods
          .filter((p) => periodWindow(day, p).starts.getTime() > now.getTime())
          .map((p) => {
            const slot = bookedOf(day, p.starts);
            const capacity = slot?.capacity ?? capacityOf(hallCategory, p.starts);
            return { starts: p.starts, ends: p.ends, left: Math.max(0, capacity - (slot?.booked ?? 0)) };
          }),
      }))
      .filter((d) => d.periods.length > 0),
  };
}

// --- the no-show bar --------------------------------------------------------------------------------

/** Whether missed appointments bar the investor from booking on `today`, and until when (excluded). */
export async function noShowBar(ctx: AppContext, ex: Executor, investorUserId: string, today: string): Promise<{ count: number; until: string } | null> {
  const since = addDays(today, -ctx.config.appointmentNoShowWindowDays);
  const missed = await ex
    .select({ day: appointments.day })
    .from(appointments)
    .where(and(eq(appointments.investorUserId, investorUserId), eq(appointments.status, 'no_show'), gte(appointments.day, since)))
    .orderBy(desc(appointments.day));
  if (missed.length < ctx.config.appointmentNoShowLimit) return null;
  const until = addDays(missed[0]!.day, ctx.config.appointmentNoShowBarDays + 1);
  return today < until ? { count: missed.length, until } : null;
}

// --- booking -----------------------------------------------------------------------------------------

export interface BookingInput {
  region: string;
  agentType: AgentType;
  agentName: string;
  employer: string;
  idType?: IdType;
  idNumber: string;
  category: string;
  items: number;
  day: string;
  period: string;
  rulesAccepted: boolean;
}

/** 预约码: ten digits, unique. */
const newAppointmentCode = () => String(randomInt(0, 10_000_000_000)).padStart(10, '0');

/** What the mobile hall's QR code carries: the region and the appointment code, which the kiosk reads to check in. */
export const qrPayloadOf = (region: string, code: string) => `clearhall:appointment:${region}:${code}`;

function checkedAgent(input: BookingInput, now: Date) {
  const idType = input.idType ?? AGENT_ID_TYPES[input.agentType][0]!;
  if (!AGENT_ID_TYPES[input.agentType].includes(idType)) throw new AppError('APPOINTMENT_ID_TYPE_MISMATCH', { field: 'idType' });
  const checked = validateIdNumber(idType, input.idNumber, now);
  if (!checked.ok) throw new AppError('APPOINTMENT_ID_INVALID', { field: 'idNumber', reason: checked.reason });
  const agentName = input.agentName.normalize('NFKC').trim();
  const employer = input.employer.normalize('NFKC').trim();
  if (!agentName) throw new AppError('VALIDATION_FAILED', { field: 'agentName' });
  if (!employer) throw new AppError('VALIDATION_FAILED', { field: 'employer' });
  return { idType, idNumber: checked.value, agentName, employer };
}

/** Takes one place of the period, or none if it is full: a conditional UPDATE, which holds under any concurrency. */
async function takePlace(tx: Executor, hall: Hall, day: string, period: string, category: string, capacity: number): Promise<boolean> {
  await tx.insert(appointmentSlots).values({ hallId: hall.id, day, period, category, capacity, booked: 0 }).onConflictDoNothing();
  const taken = await tx
    .update(appointmentSlots)
    .set({ booked: sql`${appointmentSlots.booked} + 1` })
    .where(
      and(
        eq(appointmentSlots.hallId, hall.id),
        eq(appointmentSlots.day, day),
        eq(appointmentSlots.period, period),
        eq(appointmentSlots.category, category),
        sql`${appointmentSlots.booked} < ${appointmentSlots.capacity}`,
      ),
    )
    .returning({ booked: appointmentSlots.booked });
  return taken.length === 1;
}

async function holdsPeriod(ex: Executor, investorUserId: string, day: string, period: string): Promise<boolean> {
  const [held] = await ex
    .select({ id: appointments.id })
    .from(appointments)
    .where(and(eq(appointments.investorUserId, investorUserId), eq(appointments.day, day), eq(appointments.periodStarts, period), inArray(appointments.status, ['booked', 'checked_in'])));
  return held !== undefined;
}

/** Everything a booking is checked against before a place is taken: the form, the date rules, the no-show bar, one per period. */
async function checkedBooking(ctx: AppContext, investorUserId: string, input: BookingInput) {
  if (!input.rulesAccepted) throw new AppError('APPOINTMENT_RULES_NOT_ACCEPTED');
  const now = ctx.clock.now();
  const agent = checkedAgent(input, now);
  const hall = await hallByRegion(ctx.db, input.region);
  const category = categoryOf(hall.schedule, input.category);
  if (!category) throw new AppError('APPOINTMENT_CATEGORY_UNKNOWN');
  const closed = await closedDaysOf(ctx.db, hall.id, input.day, input.day);
  const refusal = bookingRefusal(hall.schedule, closed, input.day, input.period, input.category, now, ctx.config.appointmentBookingDays);
  if (refusal) throw new AppError('APPOINTMENT_PERIOD_UNAVAILABLE', { reason: refusal });
  const bar = await noShowBar(ctx, ctx.db, investorUserId, beijingDate(now));
  if (bar) throw new AppError('APPOINTMENT_BARRED', { count: bar.count, until: bar.until, windowDays: ctx.config.appointmentNoShowWindowDays });
  if (await holdsPeriod(ctx.db, investorUserId, input.day, input.period)) throw new AppError('APPOINTMENT_ALREADY_BOOKED');
  const period = hall.schedule.periods.find((p) => p.starts === input.period)!;
  return { now, agent, hall, category, period };
}

/**
 * 提交申请 → the confirmation page (预约信息确认): the same checks as the booking, and whether the period still has
 * room, without taking a place; answers the form as the page shows it, personal data masked.
 */
export async function previewBooking(ctx: AppContext, session: Pick<Session, 'principalId'>, input: BookingInput) {
  const { agent, hall, category, period } = await checkedBooking(ctx, session.principalId, input);
  const [slot] = await ctx.db
    .select()
    .from(appointmentSlots)
    .where(and(eq(appointmentSlots.hallId, hall.id), eq(appointmentSlots.day, input.day), eq(appointmentSlots.period, period.starts), eq(appointmentSlots.category, category.code)));
  const left = (slot?.capacity ?? capacityOf(category, period.starts)) - (slot?.booked ?? 0);
  if (left <= 0) throw new AppError('APPOINTMENT_PERIOD_FULL');
  return {
    region: hall.region,
    hallName: hall.name,
    agentType: input.agentType,
    agentNameMasked: mask('name', agent.agentName, 'public'),
    employer: agent.employer,
    idType: agent.idType,
    idNumberMasked: mask('idNumber', agent.idNumber, 'list'),
    category: category.code,
    categoryName: category.name,
    categoryNameEn: category.nameEn,
    items: input.items,
    day: input.day,
    periodStarts: period.starts,
    periodEnds: period.ends,
    left,
  };
}

/**
 * 申请预约 → 确认: checks the form (rules accepted, the ID number for the agent's document, the hall's category),
 * the date rules (calendar.ts), the no-show bar and one appointment per period, then takes a place and records
 * the appointment; the confirmation goes out by SMS or e-mail in the same transaction.
 */
export async function bookAppointment(ctx: AppContext, meta: RequestMeta, session: Pick<Session, 'principalId'>, input: BookingInput) {
  const investorUserId = session.principalId;
  const { now, agent, hall, category, period } = await checkedBooking(ctx, investorUserId, input);

  return ctx.db.transaction(async (tx) => {
    if (!(await takePlace(tx, hall, input.day, period.starts, category.code, capacityOf(category, period.starts)))) throw new AppError('APPOINTMENT_PERIOD_FULL');
    let row: typeof appointments.$inferSelect | undefined;
    while (!row) {
      [row] = await tx
        .insert(appointments)
        .values({
          id: crypto.randomUUID(),
          code: newAppointmentCode(),
          investorUserId,
          hallId: hall.id,
          agentType: input.agentType,
          agentNameEnc: ctx.vault.encrypt(agent.agentName),
          employer: agent.employer,
          idType: agent.idType,
          idNumberEnc: ctx.vault.encrypt(agent.idNumber),
          idNumberHash: ctx.vault.lookupHash('idNumber', agent.idNumber),
          category: category.code,
          items: input.items,
          day: input.day,
          periodStarts: period.starts,
          periodEnds: period.ends,
          status: 'booked',
          createdAt: now,
        })
        .onConflictDoNothing()
        .returning();
      // Nothing written: the code was taken (draw again), or a booking of the same period by this investor won a race.
      if (!row && (await holdsPeriod(tx, investorUserId, input.day, period.starts))) throw new AppError('APPOINTMENT_ALREADY_BOOKED');
    }
    const facts = { investorUserId, hallName: hall.name, categoryName: category.name, day: row.day, periodStarts: row.periodStarts, periodEnds: row.periodEnds, code: row.code };
    await noticeToHolder(ctx, tx, investorUserId, noticeTexts.confirmation(facts));
    await audit(tx, now, meta, {
      actor: { kind: 'investor', id: investorUserId },
      action: 'appointment.booked',
      objectType: 'appointment',
      objectId: row.id,
      details: { region: hall.region, category: category.code, day: row.day, period: row.periodStarts, idNumber: mask('idNumber', agent.idNumber, 'audit') },
    });
    return { ...appointmentView(ctx, hall, row), qrPayload: qrPayloadOf(hall.region, row.code) };
  });
}

// --- 我的预约 --------------------------------------------------------------------------------------------

export type AppointmentStatus = 'booked' | 'checked_in' | 'cancelled' | 'hall_cancelled' | 'no_show' | 'served';

/**
 * An appointment as its investor sees it. The agent's name and ID number are masked (kernel masking): the
 * signed-in user books for an agent, who is not proven to be them, so the name shows as the public view does.
 */
export function appointmentView(ctx: AppContext, hall: Pick<Hall, 'region' | 'name' | 'schedule'>, row: typeof appointments.$inferSelect) {
  const category = categoryOf(hall.schedule, row.category);
  const deadline = cancellationDeadline(row.day, row.periodStarts, ctx.config.appointmentCancelCutoffMinutes);
  return {
    id: row.id,
    code: row.code,
    region: hall.region,
    hallName: hall.name,
    agentType: row.agentType as AgentType,
    agentNameMasked: mask('name', ctx.vault.decrypt(row.agentNameEnc), 'public'),
    employer: row.employer,
    idType: row.idType,
    idNumberMasked: mask('idNumber', ctx.vault.decrypt(row.idNumberEnc), 'list'),
    category: row.category,
    categoryName: category?.name ?? row.category,
    categoryNameEn: category?.nameEn ?? row.category,
    items: row.items,
    day: row.day,
    periodStarts: row.periodStarts,
    periodEnds: row.periodEnds,
    status: row.status as AppointmentStatus,
    createdAt: row.createdAt.toISOString(),
    cancellableUntil: deadline.toISOString(),
    cancellable: row.status === 'booked' && mayCancel(row.day, row.periodStarts, ctx.config.appointmentCancelCutoffMinutes, ctx.clock.now()),
  };
}

export type QueryMethod = 'appointment_day' | 'application_day';

/** 我的预约: the investor's appointments by 查询方式 (the appointment's day, or the day it was made) in a period. */
export async function myAppointments(ctx: AppContext, session: Pick<Session, 'principalId'>, query: { method: QueryMethod; from: string; to: string }) {
  if (query.from > query.to || addDays(query.from, 366) < query.to) throw new AppError('APPOINTMENT_QUERY_RANGE');
  const byDay =
    query.method === 'appointment_day'
      ? and(gte(appointments.day, query.from), lte(appointments.day, query.to))
      : and(gte(sql`(${appointments.createdAt} at time zone 'Asia/Shanghai')::date`, query.from), lte(sql`(${appointments.createdAt} at time zone 'Asia/Shanghai')::date`, query.to));
  const rows = await ctx.db
    .select({ appointment: appointments, hall: appointmentHalls })
    .from(appointments)
    .innerJoin(appointmentHalls, eq(appointmentHalls.id, appointments.hallId))
    .where(and(eq(appointments.investorUserId, session.principalId), byDay))
    .orderBy(desc(appointments.day), desc(appointments.periodStarts));
  return { items: rows.map((r) => appointmentView(ctx, r.hall, r.appointment)) };
}

/** 取消预约: while the cut-off allows (APPOINTMENT_CANCEL_CUTOFF_MINUTES before the period); the place is freed at once. */
export async function cancelAppointment(ctx: AppContext, meta: RequestMeta, session: Pick<Session, 'principalId'>, appointmentId: string) {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(appointments)
      .where(and(eq(appointments.id, appointmentId), eq(appointments.investorUserId, session.principalId)))
      .for('update');
    if (!row) throw new AppError('APPOINTMENT_NOT_FOUND');
    const cutoffMinutes = ctx.config.appointmentCancelCutoffMinutes;
    if (row.status !== 'booked' || !mayCancel(row.day, row.periodStarts, cutoffMinutes, now)) throw new AppError('APPOINTMENT_NOT_CANCELLABLE', { cutoffMinutes });
    const [cancelled] = await tx.update(appointments).set({ status: 'cancelled', cancelledAt: now, cancelReason: 'investor' }).where(eq(appointments.id, row.id)).returning();
    await freePlace(tx, row);
    await audit(tx, now, meta, { actor: { kind: 'investor', id: session.principalId }, action: 'appointment.cancelled', objectType: 'appointment', objectId: row.id });
    const [hall] = await tx.select().from(appointmentHalls).where(eq(appointmentHalls.id, row.hallId));
    return appointmentView(ctx, hall!, cancelled!);
  });
}

/** A hall's appointments of a day, for its staff (staff view: the agent's name and ID number in full, as the counter needs). */
export async function hallAppointmentsOfDay(ctx: AppContext, region: string, day: string) {
  const hall = await hallByRegion(ctx.db, region);
  const rows = await ctx.db
    .select()
    .from(appointments)
    .where(and(eq(appointments.hallId, hall.id), eq(appointments.day, day)))
    .orderBy(appointments.periodStarts, appointments.createdAt);
  return {
    items: rows.map((row) => {
      const agentName = ctx.vault.decrypt(row.agentNameEnc);
      const idNumber = ctx.vault.decrypt(row.idNumberEnc);
      return { ...appointmentView(ctx, hall, row), agentNameMasked: mask('name', agentName, 'staff'), idNumberMasked: mask('idNumber', idNumber, 'staff') };
    }),
  };
}
