import { index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, instant, uuidKey } from '../../platform/db/columns.ts';
import { investorUsers } from './schema.ts';

/**
 * A multi-step profile flow of one investor user: change of mobile or e-mail,
 * password recovery, deregistration. The new identifier chosen in the first step
 * waits here (encrypted) until the final step; a recovery flow, started before
 * sign-in, is reached by a bearer token whose hash is kept.
 */
export const profileFlows = pgTable(
  'profile_flows',
  {
    id: uuidKey(),
    kind: text('kind').notNull(), // change-mobile | change-email | recovery | deregistration
    /** null in a recovery by identity details until the person's account is chosen */
    investorUserId: uuid('investor_user_id').references(() => investorUsers.id),
    tokenHash: text('token_hash').unique(),
    newValueEnc: text('new_value_enc'),
    newValueHash: text('new_value_hash'),
    createdAt: createdAt(),
    expiresAt: instant('expires_at').notNull(),
    finishedAt: instant('finished_at'),
  },
  (t) => [index('profile_flows_user_idx').on(t.investorUserId)],
);

/** The channel an investor chose for notifications (通知设置); absent means the default. */
export const investorNotificationSettings = pgTable('investor_notification_settings', {
  investorUserId: uuid('investor_user_id')
    .primaryKey()
    .references(() => investorUsers.id),
  channel: text('channel').notNull(), // sms | email
  updatedAt: instant('updated_at').notNull(),
});
