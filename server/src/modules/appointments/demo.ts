import { count } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { gb11643CheckChar } from '../../kernel/identifiers.ts';
import type { DemoOutcome } from '../../platform/modules.ts';
import { findActiveByAccount } from '../identity/index.ts';
import { bookAppointment } from './booking.ts';
import { bookingDays, bookingRefusal } from './calendar.ts';
import { closedDaysOf, hallByRegion } from './halls.ts';
import { appointments } from './schema.ts';

/** The demo investor who holds an appointment (identity's first demo investor). */
const DEMO_HOLDER = '19900000001';
const DEMO_AGENT_ID_BODY = '11010519900307001';

/**
 * One appointment in the Beijing hall for the first demo investor, on the first period still open from tomorrow:
 * 我的预约 has something to show and cancel, and the kiosk something to check in. Only into an empty table.
 */
export async function seedAppointmentDemo(ctx: AppContext): Promise<DemoOutcome | null> {
  const [existing] = await ctx.db.select({ n: count() }).from(appointments);
  if (Number(existing?.n ?? 0) > 0) return null;
  const holder = await findActiveByAccount(ctx, ctx.db, DEMO_HOLDER);
  if (!holder) return null;
  const hall = await hallByRegion(ctx.db, 'beijing');
  const now = ctx.clock.now();
  const days = bookingDays(now, ctx.config.appointmentBookingDays).slice(1);
  if (!days.length) return null;
  const closed = await closedDaysOf(ctx.db, hall.id, days[0]!, days.at(-1)!);
  const period = hall.schedule.periods[0];
  const day = days.find((d) => period && bookingRefusal(hall.schedule, closed, d, period.starts, 'account', now, ctx.config.appointmentBookingDays) === null);
  if (!day || !period) return null;
  const booked = await bookAppointment(
    ctx,
    { requestId: 'seed' },
    { principalId: holder.id },
    {
      region: 'beijing',
      agentType: 'domestic',
      agentName: '演示经办人',
      employer: '演示科技有限公司',
      idNumber: DEMO_AGENT_ID_BODY + gb11643CheckChar(DEMO_AGENT_ID_BODY),
      category: 'account',
      items: 1,
      day,
      period: period.starts,
      rulesAccepted: true,
    },
  );
  return { notes: [`Investor ${DEMO_HOLDER} has a business appointment in the Beijing hall on ${day} ${period.starts}: appointment code ${booked.code}`] };
}
