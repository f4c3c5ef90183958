import { sql } from 'drizzle-orm';
import { check, date, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * Authorisations (授权管理, manual 000 §一.6): what a holder has authorised a
 * third party to do on a securities account — vote online, query, act as
 * agent — each under its own 业务权单号. The investor module owns them; they
 * are recorded by staff (or imported) and queried by the investor.
 */
export const investorAuthorisations = pgTable(
  'investor_authorisations',
  {
    id: uuid('id').primaryKey(),
    /** 业务权单号: unique, e.g. SQ2026112000001 */
    authorisationNumber: text('authorisation_number').notNull(),
    holderId: uuid('holder_id').notNull(),
    accountNumber: text('account_number').notNull(),
    /** one of AUTHORISATION_BUSINESSES */
    business: text('business').notNull(),
    authorisedParty: text('authorised_party').notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }).notNull(),
    /** active | revoked; 已失效 is derived from valid_to and the date */
    status: text('status').notNull(),
    revokedOn: date('revoked_on', { mode: 'string' }),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    uniqueIndex('investor_authorisations_number_uq').on(t.authorisationNumber),
    index('investor_authorisations_holder_idx').on(t.holderId, t.accountNumber, t.validFrom),
    check('investor_authorisations_validity', sql`${t.validFrom} <= ${t.validTo}`),
    check('investor_authorisations_status', sql`${t.status} in ('active', 'revoked')`),
  ],
);
