import { sql } from 'drizzle-orm';
import { index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { defineStateMachine, type StateOf } from '../../kernel/transitions.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

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
    id: uuid('id').primaryKey(),
    username: text('username'),
    mobileEnc: text('mobile_enc'),
    mobileHash: text('mobile_hash'),
    emailEnc: text('email_enc'),
    emailHash: text('email_hash'),
    passwordHash: text('password_hash').notNull(),
    status: text('status').$type<InvestorUserStatus>().notNull(),
    realNameVerifiedAt: ts('real_name_verified_at'),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: ts('locked_until'),
    passwordChangedAt: ts('password_changed_at').notNull(),
    createdAt: ts('created_at').notNull(),
    deregisteredAt: ts('deregistered_at'),
  },
  (t) => [
    uniqueIndex('investor_users_mobile_active_uq').on(t.mobileHash).where(sql`status = 'active'`),
    uniqueIndex('investor_users_email_active_uq').on(t.emailHash).where(sql`status = 'active'`),
    uniqueIndex('investor_users_username_active_uq').on(sql`lower(${t.username})`).where(sql`status = 'active'`),
  ],
);

export const organisations = pgTable('organisations', {
  id: uuid('id').primaryKey(),
  kind: text('kind').notNull(), // depository | broker | futures
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  createdAt: ts('created_at').notNull(),
});

export const staffUsers = pgTable(
  'staff_users',
  {
    id: uuid('id').primaryKey(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    totpSecretEnc: text('totp_secret_enc').notNull(),
    status: text('status').notNull(), // active | disabled
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: ts('locked_until'),
    lastTotpStep: integer('last_totp_step'),
    createdAt: ts('created_at').notNull(),
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
