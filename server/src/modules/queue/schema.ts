import { sql } from 'drizzle-orm';
import { bigserial, check, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { day, instant, uuidKey } from '../../platform/db/columns.ts';

export interface LineCategory {
  code: string;
  name: string;
  nameEn: string;
  /** the letter before the number: A012 */
  prefix: string;
}

/**
 * A queue line (排号): one hall's queue, or later a video queue (remote opening, futures cloud).
 * Its key is how callers and the public name it (a hall's region: `beijing`).
 */
export const queueLines = pgTable(
  'queue_lines',
  {
    id: uuidKey(),
    key: text('key').notNull(),
    name: text('name').notNull(),
    /** the categories a ticket may be issued for or transferred to, with their names and number prefixes */
    categories: jsonb('categories').$type<LineCategory[]>().notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [uniqueIndex('queue_lines_key_uq').on(t.key)],
);

/**
 * A ticket in a line: its queue number (category prefix + a number of the day) and queue code (排队码, what the
 * holder types to follow progress). An appointment holder's ticket carries the window of its period: within it,
 * it is called before walk-ins (scheduler.ts). `seq` breaks ties in arrival order.
 */
export const queueTickets = pgTable(
  'queue_tickets',
  {
    id: uuidKey(),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    lineId: uuid('line_id').notNull(),
    /** the Beijing day the ticket was issued; numbers and codes restart each day */
    day: day('day').notNull(),
    category: text('category').notNull(),
    categoryName: text('category_name').notNull(),
    number: text('number').notNull(),
    code: text('code').notNull(),
    /** walk_in | appointment */
    kind: text('kind').notNull(),
    windowStarts: instant('window_starts'),
    windowEnds: instant('window_ends'),
    /** what the ticket stands for in the calling module (an appointment's id) */
    reference: text('reference'),
    /** waiting | called | served | absent */
    status: text('status').notNull(),
    queuedAt: instant('queued_at').notNull(),
    counter: text('counter'),
    calledAt: instant('called_at'),
    callCount: integer('call_count').notNull().default(0),
    finishedAt: instant('finished_at'),
  },
  (t) => [
    uniqueIndex('queue_tickets_code_uq').on(t.lineId, t.day, t.code),
    uniqueIndex('queue_tickets_number_uq').on(t.lineId, t.day, t.number),
    index('queue_tickets_waiting_idx').on(t.lineId, t.status, t.category),
    check('queue_tickets_status', sql`${t.status} in ('waiting', 'called', 'served', 'absent')`),
    check('queue_tickets_kind', sql`${t.kind} in ('walk_in', 'appointment')`),
  ],
);

/** The last number given out per line, day and category prefix. */
export const queueNumberCounters = pgTable(
  'queue_number_counters',
  {
    lineId: uuid('line_id').notNull(),
    day: day('day').notNull(),
    prefix: text('prefix').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.lineId, t.day, t.prefix] })],
);

/** A clerk's counter (窗口) in a line: the categories it serves and the ticket it is serving. */
export const queueCounters = pgTable(
  'queue_counters',
  {
    lineId: uuid('line_id').notNull(),
    name: text('name').notNull(),
    categories: jsonb('categories').$type<string[]>().notNull(),
    staffUserId: uuid('staff_user_id'),
    openedAt: instant('opened_at'),
    currentTicketId: uuid('current_ticket_id'),
  },
  (t) => [primaryKey({ columns: [t.lineId, t.name] })],
);
