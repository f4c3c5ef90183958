import { and, eq, isNull, lt } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { addDays } from '../../kernel/dates.ts';
import { beijingDate, beijingInstant } from '../../kernel/time.ts';
import type { JobDefinition } from '../../platform/jobs/queue.ts';
import { categoryOf } from './calendar.ts';
import { noticeTexts, noticeToHolder } from './notices.ts';
import { appointmentHalls, appointments } from './schema.ts';

export const APPOINTMENT_DAILY_JOB = 'appointments.daily';

/** Ten in the morning, Beijing: the day-before reminder comes in business hours. */
const RUN_AT = '10:00:00';

/** Counts the appointments of days gone by that were never checked in as missed (no_show). */
export async function markNoShows(ctx: AppContext, today: string): Promise<number> {
  const missed = await ctx.db
    .update(appointments)
    .set({ status: 'no_show' })
    .where(and(eq(appointments.status, 'booked'), lt(appointments.day, today)))
    .returning({ id: appointments.id });
  return missed.length;
}

/** Reminds the holders of tomorrow's appointments, once each, by SMS or e-mail as each chose. */
export async function sendReminders(ctx: AppContext, today: string): Promise<number> {
  const tomorrow = addDays(today, 1);
  const due = await ctx.db
    .select({ appointment: appointments, hall: appointmentHalls })
    .from(appointments)
    .innerJoin(appointmentHalls, eq(appointmentHalls.id, appointments.hallId))
    .where(and(eq(appointments.status, 'booked'), eq(appointments.day, tomorrow), isNull(appointments.remindedAt)));
  let sent = 0;
  for (const { appointment, hall } of due) {
    await ctx.db.transaction(async (tx) => {
      // Once each, even if two runs overlap: the row is claimed by setting reminded_at.
      const [claimed] = await tx
        .update(appointments)
        .set({ remindedAt: ctx.clock.now() })
        .where(and(eq(appointments.id, appointment.id), isNull(appointments.remindedAt), eq(appointments.status, 'booked')))
        .returning({ id: appointments.id });
      if (!claimed) return;
      const categoryName = categoryOf(hall.schedule, appointment.category)?.name ?? appointment.category;
      if (await noticeToHolder(ctx, tx, appointment.investorUserId, noticeTexts.reminder({ ...appointment, hallName: hall.name, categoryName }))) sent += 1;
    });
  }
  return sent;
}

/** Each Beijing day: yesterday's unkept appointments become no-shows, and tomorrow's holders are reminded. A standing job. */
export function appointmentDailyJob(ctx: AppContext): JobDefinition {
  return {
    name: APPOINTMENT_DAILY_JOB,
    version: 1,
    maxAttempts: 3,
    recurring: true,
    handler: async () => {
      const today = beijingDate(ctx.clock.now());
      const noShows = await markNoShows(ctx, today);
      const reminded = await sendReminders(ctx, today);
      await ctx.jobs.enqueue(ctx.db, APPOINTMENT_DAILY_JOB, {}, { runAt: beijingInstant(addDays(today, 1), RUN_AT) });
      return { asOf: today, noShows, reminded };
    },
  };
}
