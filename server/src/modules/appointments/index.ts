import { defineModule } from '../../platform/modules.ts';
import { appointmentDailyJob } from './daily-job.ts';
import { seedAppointmentDemo } from './demo.ts';
import { appointmentTicketFinished } from './hall-queue.ts';
import { onTicketFinished } from '../queue/index.ts';
import { appointmentInvestorRoutes, appointmentPublicRoutes, appointmentStaffRoutes } from './routes.ts';
import * as appointmentTables from './schema.ts';

declare module '../identity/index.ts' {
  interface PermissionNames {
    'appointments.read': true;
    'appointments.manage': true;
  }
}

/**
 * Business appointments (业务预约, manual 000 §一.4, §二.4): the halls and their schedules, booking with
 * capacity, 我的预约 and cancellation, reminders, no-shows, and the hall kiosk (取号, 签到) over the queue
 * module's lines. Needs identity (notices, staff permissions) and queue.
 */
export const appointmentsModule = defineModule({
  name: 'appointments',
  tables: appointmentTables,
  routes: [
    { audience: 'public', prefix: '/api/v1/appointments/', plugin: appointmentPublicRoutes },
    { audience: 'investor', prefix: '/api/v1/investor/appointments', plugin: appointmentInvestorRoutes },
    { audience: 'staff', prefix: '/api/v1/staff/appointments/', plugin: appointmentStaffRoutes },
  ],
  jobs: (ctx) => [appointmentDailyJob(ctx)],
  demo: { seed: seedAppointmentDemo },
  connect: () => onTicketFinished('appointments', appointmentTicketFinished),
  permissions: [
    { name: 'appointments.read', grantedTo: ['administrator', 'hall_clerk', 'service_agent', 'auditor'] },
    { name: 'appointments.manage', grantedTo: ['administrator', 'hall_clerk'] },
  ],
});

export { AGENT_ID_TYPES, availability, bookAppointment, cancelAppointment, myAppointments, noShowBar, qrPayloadOf, type AgentType, type BookingInput } from './booking.ts';
export { bookingRefusal, cancellationDeadline, mayCancel, strandedBy, type HallSchedule } from './calendar.ts';
export { checkIn, walkInTicket } from './hall-queue.ts';
export { closeHallDays, hallByRegion, listHalls, REGIONS, updateHall, type Region } from './halls.ts';
export { APPOINTMENT_DAILY_JOB, markNoShows, sendReminders } from './daily-job.ts';
