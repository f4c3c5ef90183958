import { defineModule } from '../../platform/modules.ts';
import { queuePublicRoutes, queueStaffRoutes } from './routes.ts';
import * as queueTables from './schema.ts';

declare module '../identity/index.ts' {
  interface PermissionNames {
    'queue.counter': true;
  }
}

/**
 * The queue (排号): lines, tickets, the one scheduler of who is called next, clerks' counters and the live
 * progress stream. Halls use it through the appointments module; later the video queues of remote opening
 * and the futures cloud. Needs identity (staff permissions).
 */
export const queueModule = defineModule({
  name: 'queue',
  tables: queueTables,
  routes: [
    { audience: 'public', prefix: '/api/v1/queue/', plugin: queuePublicRoutes },
    { audience: 'staff', prefix: '/api/v1/staff/queue/', plugin: queueStaffRoutes },
  ],
  permissions: [{ name: 'queue.counter', grantedTo: ['administrator', 'hall_clerk'] }],
});

export { callingOrder, compareTickets, inWindow, nextTicket, waitingBefore, type WaitingTicket } from './scheduler.ts';
export {
  callNext,
  counterState,
  defineLine,
  finishCurrent,
  issueTicket,
  lineBoard,
  openCounter,
  recall,
  ticketProgress,
  transferCurrent,
  type CounterRef,
  type CounterView,
  type IssuedTicket,
  type IssueTicket,
  type TicketKind,
  type TicketProgress,
  type TicketStatus,
  onTicketFinished,
  type TicketFinished,
} from './queue.ts';
export { announceLineChange, lineSignalsReady, onLineChange } from './signals.ts';
export { watchTicket } from './live.ts';
export { LineKey, QueueCode, TicketProgressSchema } from './routes.ts';
export type { LineCategory } from './schema.ts';
