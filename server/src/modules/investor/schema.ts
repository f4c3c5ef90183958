import { sql } from 'drizzle-orm';
import { index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { holderId, instant, uuidKey } from '../../platform/db/columns.ts';

/**
 * Bindings of investor users to unified accounts (绑定一码通). A unified account
 * is bound to at most one active user; a user binds accounts of one holder only.
 * A binding is never deleted: deregistering its user releases it.
 */
export const investorBindings = pgTable(
  'investor_bindings',
  {
    id: uuidKey(),
    investorUserId: uuid('investor_user_id').notNull(),
    holderId: holderId(),
    unifiedAccountNumber: text('unified_account_number').notNull(),
    /** quick (after real-name) | reserved_phone | unionpay | trading | counter */
    method: text('method').notNull(),
    verificationId: uuid('verification_id'),
    status: text('status').notNull(), // active | released
    boundAt: instant('bound_at').notNull(),
    /** when a released binding ended, and why (user_deregistered); the row stays as history */
    endedAt: instant('ended_at'),
    endReason: text('end_reason'),
  },
  (t) => [
    uniqueIndex('investor_bindings_account_active_uq')
      .on(t.unifiedAccountNumber)
      .where(sql`status = 'active'`),
    index('investor_bindings_user_idx').on(t.investorUserId, t.status),
  ],
);
