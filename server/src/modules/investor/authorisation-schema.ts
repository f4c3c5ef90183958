import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { day, holderAccount, instant, uuidKey } from '../../platform/db/columns.ts';

/**
 * Authorisations (授权管理, manual 000 §一.6): what a holder has authorised a
 * third party to do on a securities account — vote online, query, act as
 * agent — each under its own 业务权单号. The investor module owns them; they
 * are recorded by staff (or imported) and queried by the investor.
 */
export const investorAuthorisations = pgTable(
  'investor_authorisations',
  {
    id: uuidKey(),
    /** 业务权单号: unique, e.g. SQ2026112000001 */
    authorisationNumber: text('authorisation_number').notNull(),
    ...holderAccount(),
    /** one of AUTHORISATION_BUSINESSES */
    business: text('business').notNull(),
    authorisedParty: text('authorised_party').notNull(),
    validFrom: day('valid_from').notNull(),
    validTo: day('valid_to').notNull(),
    /** active | revoked; 已失效 is derived from valid_to and the date */
    status: text('status').notNull(),
    revokedOn: day('revoked_on'),
    recordedAt: instant('recorded_at').notNull(),
  },
  (t) => [
    uniqueIndex('investor_authorisations_number_uq').on(t.authorisationNumber),
    index('investor_authorisations_holder_idx').on(t.holderId, t.accountNumber, t.validFrom),
    check('investor_authorisations_validity', sql`${t.validFrom} <= ${t.validTo}`),
    check('investor_authorisations_status', sql`${t.status} in ('active', 'revoked')`),
  ],
);
