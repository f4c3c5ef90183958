import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { day, instant, uuidKey } from '../../platform/db/columns.ts';
import type { HallSchedule } from './calendar.ts';

/**
 * The business halls (北京, 上海, 深圳): their business categories, opening weekdays, periods and capacity
 * per period per category (`schedule`), and the appointment notes (预约说明). The three are created by the
 * migration; staff edit them.
 */
export const appointmentHalls = pgTable(
  'appointment_halls',
  {
    id: uuidKey(),
    /** beijing | shanghai | shenzhen: the 办理地区, and the key of the hall's queue line */
    region: text('region').notNull(),
    name: text('name').notNull(),
    address: text('address').notNull(),
    notes: text('notes').notNull(),
    schedule: jsonb('schedule').$type<HallSchedule>().notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [uniqueIndex('appointment_halls_region_uq').on(t.region)],
);

/** The hall calendar: days it is closed besides its closed weekdays (holidays, non-trading days). */
export const appointmentClosures = pgTable(
  'appointment_closures',
  {
    hallId: uuid('hall_id').notNull(),
    day: day('day').notNull(),
    reason: text('reason').notNull(),
  },
  (t) => [primaryKey({ columns: [t.hallId, t.day] })],
);

/**
 * The places of one period of one day for one category: made at the first booking from the schedule's capacity,
 * then `booked` moves only by a conditional UPDATE (booked < capacity), which holds under any concurrency
 * (decision 0041).
 */
export const appointmentSlots = pgTable(
  'appointment_slots',
  {
    hallId: uuid('hall_id').notNull(),
    day: day('day').notNull(),
    /** the period's start, HH:MM */
    period: text('period').notNull(),
    category: text('category').notNull(),
    capacity: integer('capacity').notNull(),
    booked: integer('booked').notNull(),
  },
  (t) => [primaryKey({ columns: [t.hallId, t.day, t.period, t.category] }), check('appointment_slots_booked', sql`${t.booked} >= 0`)],
);

/** An appointment (业务预约). The agent's name and ID number are personal data: encrypted, found by hash, masked in lists. */
export const appointments = pgTable(
  'appointments',
  {
    id: uuidKey(),
    /** 预约码: what the holder shows or scans at the hall */
    code: text('code').notNull(),
    investorUserId: uuid('investor_user_id').notNull(),
    hallId: uuid('hall_id').notNull(),
    /** domestic (境内客户) | overseas (境外客户) */
    agentType: text('agent_type').notNull(),
    agentNameEnc: text('agent_name_enc').notNull(),
    employer: text('employer').notNull(),
    idType: text('id_type').notNull(),
    idNumberEnc: text('id_number_enc').notNull(),
    idNumberHash: text('id_number_hash').notNull(),
    category: text('category').notNull(),
    items: integer('items').notNull(),
    day: day('day').notNull(),
    periodStarts: text('period_starts').notNull(),
    periodEnds: text('period_ends').notNull(),
    /** booked | checked_in | cancelled | hall_cancelled | no_show | served */
    status: text('status').notNull(),
    createdAt: instant('created_at').notNull(),
    cancelledAt: instant('cancelled_at'),
    cancelReason: text('cancel_reason'),
    remindedAt: instant('reminded_at'),
    checkedInAt: instant('checked_in_at'),
    queueTicketId: uuid('queue_ticket_id'),
  },
  (t) => [
    uniqueIndex('appointments_code_uq').on(t.code),
    // One investor, one appointment per period: held by the database, whatever the concurrency.
    uniqueIndex('appointments_one_per_period_uq')
      .on(t.investorUserId, t.day, t.periodStarts)
      .where(sql`status in ('booked', 'checked_in')`),
    index('appointments_investor_idx').on(t.investorUserId, t.day),
    index('appointments_hall_day_idx').on(t.hallId, t.day, t.status),
    check('appointments_status', sql`${t.status} in ('booked', 'checked_in', 'cancelled', 'hall_cancelled', 'no_show', 'served')`),
    check('appointments_agent_type', sql`${t.agentType} in ('domestic', 'overseas')`),
    check('appointments_items', sql`${t.items} between 1 and 99`),
  ],
);
