import { index, pgTable, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { holderAccount, instant, uuidKey } from '../../platform/db/columns.ts';

/**
 * 添加证券账户 (manual 000 §一.2.2.1): a securities account of the bound holder
 * under a unified account the user has not bound, added for queries. It is
 * temporary: it lasts as long as the session that added it.
 */
export const investorTemporaryAccounts = pgTable(
  'investor_temporary_accounts',
  {
    id: uuidKey(),
    investorUserId: uuid('investor_user_id').notNull(),
    sessionId: uuid('session_id').notNull(),
    ...holderAccount(),
    addedAt: instant('added_at').notNull(),
  },
  (t) => [uniqueIndex('investor_temporary_accounts_session_uq').on(t.sessionId, t.accountNumber), index('investor_temporary_accounts_user_idx').on(t.investorUserId)],
);
