import { and, asc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { Executor } from '../../platform/db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { audit, type Actor, type RequestMeta } from '../../platform/audit/audit.ts';
import { beijingDate } from '../../kernel/time.ts';
import { defineLine } from '../queue/index.ts';
import { capacityOf, categoryOf, scheduleProblem, strandedBy, type HallSchedule, type StrandReason } from './calendar.ts';
import { noticeTexts, noticeToHolder } from './notices.ts';
import { appointmentClosures, appointmentHalls, appointments, appointmentSlots } from './schema.ts';
import './errors.ts';

export const REGIONS = ['beijing', 'shanghai', 'shenzhen'] as const;
export type Region = (typeof REGIONS)[number];
export type Hall = typeof appointmentHalls.$inferSelect;

export async function hallByRegion(ex: Executor, region: string, lock = false): Promise<Hall> {
  const query = ex.select().from(appointmentHalls).where(eq(appointmentHalls.region, region));
  const [hall] = lock ? await query.for('update') : await query;
  if (!hall) throw new AppError('APPOINTMENT_HALL_NOT_FOUND');
  return hall;
}

export async function closedDaysOf(ex: Executor, hallId: string, from: string, to: string): Promise<Set<string>> {
  const rows = await ex
    .select({ day: appointmentClosures.day })
    .from(appointmentClosures)
    .where(and(eq(appointmentClosures.hallId, hallId), gte(appointmentClosures.day, from), lte(appointmentClosures.day, to)));
  return new Set(rows.map((r) => r.day));
}

/** The halls as investors and kiosks see them: region, name, address, notes (预约说明), categories and hours. */
export async function listHalls(ctx: AppContext) {
  const halls = await ctx.db.select().from(appointmentHalls).orderBy(asc(appointmentHalls.region));
  const order = (region: string) => REGIONS.indexOf(region as Region);
  return halls.sort((a, b) => order(a.region) - order(b.region)).map(hallView);
}

export function hallView(hall: Hall) {
  return {
    region: hall.region,
    name: hall.name,
    address: hall.address,
    notes: hall.notes,
    openWeekdays: hall.schedule.openWeekdays,
    periods: hall.schedule.periods,
    categories: hall.schedule.categories.map((c) => ({ code: c.code, name: c.name, nameEn: c.nameEn })),
  };
}

/** The hall's queue line: keyed by its region, with its categories (kept in step on every change). */
export function hallLine(hall: Pick<Hall, 'region' | 'name' | 'schedule'>) {
  return { key: hall.region, name: hall.name, categories: hall.schedule.categories.map((c) => ({ code: c.code, name: c.name, nameEn: c.nameEn, prefix: c.prefix })) };
}

const strandReasonText: Record<StrandReason, string> = { day_closed: '当日不营业', period_removed: '预约时段调整', category_removed: '业务类别调整' };

/**
 * Appointments from today on that the hall's new schedule or calendar cannot keep: each is cancelled by the hall
 * (hall_cancelled), its place freed, and its holder told by SMS or e-mail (never silently). Same transaction.
 */
async function releaseStranded(ctx: AppContext, tx: Executor, meta: RequestMeta, actor: Actor, hall: Hall, schedule: HallSchedule): Promise<number> {
  const now = ctx.clock.now();
  const today = beijingDate(now);
  const booked = await tx
    .select()
    .from(appointments)
    .where(and(eq(appointments.hallId, hall.id), gte(appointments.day, today), eq(appointments.status, 'booked')))
    .for('update');
  if (!booked.length) return 0;
  const last = booked.reduce((max, a) => (a.day > max ? a.day : max), today);
  const closed = await closedDaysOf(tx, hall.id, today, last);
  let released = 0;
  for (const appointment of booked) {
    const reason = strandedBy(schedule, closed, appointment);
    if (!reason) continue;
    released += 1;
    await tx.update(appointments).set({ status: 'hall_cancelled', cancelledAt: now, cancelReason: reason }).where(eq(appointments.id, appointment.id));
    await freePlace(tx, appointment);
    const categoryName = categoryOf(hall.schedule, appointment.category)?.name ?? appointment.category;
    await noticeToHolder(ctx, tx, appointment.investorUserId, noticeTexts.hallChanged({ ...appointment, hallName: hall.name, categoryName }, strandReasonText[reason]));
    await audit(tx, now, meta, { actor, action: 'appointment.hall_cancelled', objectType: 'appointment', objectId: appointment.id, details: { reason } });
  }
  return released;
}

export async function freePlace(tx: Executor, appointment: { hallId: string; day: string; periodStarts: string; category: string }): Promise<void> {
  await tx
    .update(appointmentSlots)
    .set({ booked: sql`${appointmentSlots.booked} - 1` })
    .where(
      and(
        eq(appointmentSlots.hallId, appointment.hallId),
        eq(appointmentSlots.day, appointment.day),
        eq(appointmentSlots.period, appointment.periodStarts),
        eq(appointmentSlots.category, appointment.category),
        sql`${appointmentSlots.booked} > 0`,
      ),
    );
}

export interface HallEdit {
  name: string;
  address: string;
  notes: string;
  schedule: HallSchedule;
}

/**
 * Staff edit a hall: its name, address, notes and schedule. Places of days already opened for booking follow the
 * new capacities (booked places are kept even where capacity falls below them); appointments the new schedule
 * cannot keep are released and their holders told. Returns the hall and how many appointments were released.
 */
export async function updateHall(ctx: AppContext, meta: RequestMeta, actor: Actor, region: string, edit: HallEdit) {
  const problem = scheduleProblem(edit.schedule);
  if (problem) throw new AppError('APPOINTMENT_SCHEDULE_INVALID', { field: problem });
  const now = ctx.clock.now();
  const result = await ctx.db.transaction(async (tx) => {
    const hall = await hallByRegion(tx, region, true);
    const schedule: HallSchedule = { ...edit.schedule, periods: [...edit.schedule.periods].sort((a, b) => a.starts.localeCompare(b.starts)) };
    const [updated] = await tx.update(appointmentHalls).set({ name: edit.name, address: edit.address, notes: edit.notes, schedule, updatedAt: now }).where(eq(appointmentHalls.id, hall.id)).returning();
    for (const category of schedule.categories)
      for (const period of schedule.periods)
        await tx
          .update(appointmentSlots)
          .set({ capacity: capacityOf(category, period.starts) })
          .where(and(eq(appointmentSlots.hallId, hall.id), gte(appointmentSlots.day, beijingDate(now)), eq(appointmentSlots.category, category.code), eq(appointmentSlots.period, period.starts)));
    const released = await releaseStranded(ctx, tx, meta, actor, updated!, schedule);
    await defineLine(ctx, tx, hallLine(updated!));
    await audit(tx, now, meta, {
      actor,
      action: 'appointment.hall_updated',
      objectType: 'appointment_hall',
      objectId: hall.id,
      details: { region, released, categories: schedule.categories.map((c) => c.code), periods: schedule.periods },
    });
    return { hall: updated!, released };
  });
  return { hall: staffHallView(result.hall), released: result.released };
}

export function staffHallView(hall: Hall) {
  return { region: hall.region, name: hall.name, address: hall.address, notes: hall.notes, schedule: hall.schedule, updatedAt: hall.updatedAt.toISOString() };
}

export async function staffHalls(ctx: AppContext) {
  const halls = await ctx.db.select().from(appointmentHalls).orderBy(asc(appointmentHalls.region));
  return halls.map(staffHallView);
}

/** The hall calendar: its closed days (holidays) from a day on. */
export async function hallClosures(ctx: AppContext, region: string, from: string) {
  const hall = await hallByRegion(ctx.db, region);
  const rows = await ctx.db
    .select()
    .from(appointmentClosures)
    .where(and(eq(appointmentClosures.hallId, hall.id), gte(appointmentClosures.day, from)))
    .orderBy(asc(appointmentClosures.day));
  return rows.map((r) => ({ day: r.day, reason: r.reason }));
}

/** Closes the hall on days (holidays); appointments on them are released and their holders told. */
export async function closeHallDays(ctx: AppContext, meta: RequestMeta, actor: Actor, region: string, days: string[], reason: string) {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const hall = await hallByRegion(tx, region, true);
    await tx
      .insert(appointmentClosures)
      .values(days.map((day) => ({ hallId: hall.id, day, reason })))
      .onConflictDoUpdate({ target: [appointmentClosures.hallId, appointmentClosures.day], set: { reason } });
    const released = await releaseStranded(ctx, tx, meta, actor, hall, hall.schedule);
    await audit(tx, now, meta, { actor, action: 'appointment.hall_closed', objectType: 'appointment_hall', objectId: hall.id, details: { days, reason, released } });
    return { released };
  });
}

/** Opens the hall again on days it was closed. */
export async function reopenHallDays(ctx: AppContext, meta: RequestMeta, actor: Actor, region: string, days: string[]) {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const hall = await hallByRegion(tx, region, true);
    await tx.delete(appointmentClosures).where(and(eq(appointmentClosures.hallId, hall.id), inArray(appointmentClosures.day, days)));
    await audit(tx, now, meta, { actor, action: 'appointment.hall_reopened', objectType: 'appointment_hall', objectId: hall.id, details: { days } });
  });
}
