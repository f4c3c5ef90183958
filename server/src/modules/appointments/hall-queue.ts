import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { Executor } from '../../platform/db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { audit, type RequestMeta } from '../../platform/audit/audit.ts';
import { beijingDate } from '../../kernel/time.ts';
import { announceLineChange, defineLine, issueTicket, type IssuedTicket, type IssueTicket, type TicketFinished } from '../queue/index.ts';
import { periodWindow } from './calendar.ts';
import { hallByRegion, hallLine, type Hall } from './halls.ts';
import { appointments } from './schema.ts';
import './errors.ts';

/** Issues a ticket in the hall's line, defining the line from the hall first if it is new. */
async function ticketInHall(ctx: AppContext, tx: Executor, hall: Hall, input: Omit<IssueTicket, 'lineKey'>): Promise<IssuedTicket> {
  await defineLine(ctx, tx, hallLine(hall));
  return issueTicket(ctx, { ...input, lineKey: hall.region }, tx);
}

/** The kiosk (取号机): a walk-in's queue number and queue code for a business category. */
export async function walkInTicket(ctx: AppContext, region: string, category: string): Promise<IssuedTicket> {
  const ticket = await ctx.db.transaction(async (tx) => ticketInHall(ctx, tx, await hallByRegion(tx, region), { category, kind: 'walk_in' }));
  await announceLineChange(ctx, ticket.lineId);
  return ticket;
}

/**
 * 签到: an appointment holder checks in at the kiosk with the appointment code (typed, or read from the QR code) on
 * the day of the appointment; the ticket carries the period, within which the holder is called before walk-ins.
 */
export async function checkIn(ctx: AppContext, meta: RequestMeta, region: string, code: string): Promise<IssuedTicket> {
  const now = ctx.clock.now();
  const ticket = await ctx.db.transaction(async (tx) => {
    const hall = await hallByRegion(tx, region);
    const [row] = await tx
      .select()
      .from(appointments)
      .where(and(eq(appointments.code, code), eq(appointments.hallId, hall.id)))
      .for('update');
    if (!row || row.status !== 'booked' || row.day !== beijingDate(now)) throw new AppError('APPOINTMENT_CHECK_IN_REFUSED');
    const window = periodWindow(row.day, { starts: row.periodStarts, ends: row.periodEnds });
    const issued = await ticketInHall(ctx, tx, hall, { category: row.category, kind: 'appointment', window, reference: row.id });
    await tx.update(appointments).set({ status: 'checked_in', checkedInAt: now, queueTicketId: issued.ticketId }).where(eq(appointments.id, row.id));
    await audit(tx, now, meta, { actor: { kind: 'anonymous' }, action: 'appointment.checked_in', objectType: 'appointment', objectId: row.id, details: { number: issued.number } });
    return issued;
  });
  await announceLineChange(ctx, ticket.lineId);
  return ticket;
}

/**
 * A checked-in appointment whose ticket the clerk marked 已办理 is served. One marked 未到 stays checked in: the
 * holder came to the hall (they checked in), so it is not counted as a no-show.
 */
export const appointmentTicketFinished: TicketFinished = async (tx, ticket) => {
  if (ticket.outcome !== 'served') return;
  await tx
    .update(appointments)
    .set({ status: 'served' })
    .where(and(eq(appointments.id, ticket.reference), eq(appointments.status, 'checked_in')));
};
