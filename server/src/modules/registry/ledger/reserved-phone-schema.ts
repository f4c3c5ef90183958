import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { instant } from '../../../platform/db/columns.ts';

/**
 * The mobile number a holder left with the opening agent (开户预留手机号), one per
 * holder, encrypted. Identity verification sends its code there.
 */
export const holderReservedPhones = pgTable('holder_reserved_phones', {
  holderId: uuid('holder_id').primaryKey(),
  mobileEnc: text('mobile_enc').notNull(),
  mobileHash: text('mobile_hash').notNull(),
  recordedAt: instant('recorded_at').notNull(),
});
