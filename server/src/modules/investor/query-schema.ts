import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * 添加证券账户 (manual 000 §一.2.2.1): a securities account of the bound holder
 * under a unified account the user has not bound, added for queries. It is
 * temporary: it lasts as long as the session that added it.
 */
export const investorTemporaryAccounts = pgTable(
  'investor_temporary_accounts',
  {
    id: uuid('id').primaryKey(),
    investorUserId: uuid('investor_user_id').notNull(),
    sessionId: uuid('session_id').notNull(),
    holderId: uuid('holder_id').notNull(),
    accountNumber: text('account_number').notNull(),
    addedAt: ts('added_at').notNull(),
  },
  (t) => [uniqueIndex('investor_temporary_accounts_session_uq').on(t.sessionId, t.accountNumber), index('investor_temporary_accounts_user_idx').on(t.investorUserId)],
);
