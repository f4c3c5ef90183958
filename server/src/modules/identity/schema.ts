import { sql } from 'drizzle-orm';
import { index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, instant, signInLockout, uuidKey } from '../../platform/db/columns.ts';
import { defineStateMachine, type StateOf } from '../../kernel/transitions.ts';

/** An investor user's life: active from registration until deregistered (注销), which is final. */
export const investorUserMachine = defineStateMachine({
  name: 'investor-user',
  states: ['active', 'deregistered'],
  initial: 'active',
  final: ['deregistered'],
  transitions: [{ from: 'active', action: 'deregister', to: 'deregistered' }],
});

export type InvestorUserStatus = StateOf<typeof investorUserMachine>;

/**
 * Investors' portal users. Phone and e-mail are encrypted; look-ups go through
 * keyed hashes. Identifiers are unique among active users only, so a
 * deregistered user's phone number is free again.
 */
export const investorUsers = pgTable(
  'investor_users',
  {
    id: uuidKey(),
    username: text('username'),
    mobileEnc: text('mobile_enc'),
    mobileHash: text('mobile_hash'),
    emailEnc: text('email_enc'),
    emailHash: text('email_hash'),
    passwordHash: text('password_hash').notNull(),
    status: text('status').$type<InvestorUserStatus>().notNull(),
    realNameVerifiedAt: instant('real_name_verified_at'),
    ...signInLockout(),
    passwordChangedAt: instant('password_changed_at').notNull(),
    createdAt: createdAt(),
    deregisteredAt: instant('deregistered_at'),
  },
  (t) => [
    uniqueIndex('investor_users_mobile_active_uq')
      .on(t.mobileHash)
      .where(sql`status = 'active'`),
    uniqueIndex('investor_users_email_active_uq')
      .on(t.emailHash)
      .where(sql`status = 'active'`),
    uniqueIndex('investor_users_username_active_uq')
      .on(sql`lower(${t.username})`)
      .where(sql`status = 'active'`),
  ],
);

export const organisations = pgTable('organisations', {
  id: uuidKey(),
  kind: text('kind').notNull(), // depository | broker | futures
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  createdAt: createdAt(),
});

export const staffUsers = pgTable(
  'staff_users',
  {
    id: uuidKey(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    totpSecretEnc: text('totp_secret_enc').notNull(),
    status: text('status').notNull(), // active | disabled
    ...signInLockout(),
    lastTotpStep: integer('last_totp_step'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('staff_users_username_uq').on(sql`lower(${t.username})`), index('staff_users_org_idx').on(t.organisationId)],
);

export const staffUserRoles = pgTable(
  'staff_user_roles',
  {
    staffUserId: uuid('staff_user_id')
      .notNull()
      .references(() => staffUsers.id),
    role: text('role').notNull(),
  },
  (t) => [primaryKey({ columns: [t.staffUserId, t.role] })],
);
