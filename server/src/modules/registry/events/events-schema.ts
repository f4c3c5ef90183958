import { sql } from 'drizzle-orm';
import { bigint, index, integer, numeric, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, day, holderId, instant, position, serialKey, shares, uuidKey } from '../../../platform/db/columns.ts';

/*
 * Corporate events of the registry: distributions (cash dividends, bonus and
 * capitalisation shares) with their entitlements, the dividend income tax
 * records of individual investors, and exported register snapshots.
 */

/** One distribution of a security: cash and/or shares per 10 shares held at the record date. */
export const distributions = pgTable(
  'distributions',
  {
    id: uuidKey(),
    securityId: integer('security_id').notNull(),
    /** 股权登记日 */
    recordOn: day('record_on').notNull(),
    /** cash payment date (派息日) and listing date of the new shares (红股上市日) */
    payOn: day('pay_on').notNull(),
    /** yuan per 10 shares, before tax */
    cashPer10: numeric('cash_per_10', { precision: 18, scale: 6 }).notNull().default('0'),
    /** 送股: shares per 10 */
    bonusPer10: numeric('bonus_per_10', { precision: 18, scale: 6 }).notNull().default('0'),
    /** 转增: shares per 10 */
    capitalisationPer10: numeric('capitalisation_per_10', { precision: 18, scale: 6 }).notNull().default('0'),
    /** down | half_up: how each account's cash is brought to the cent (set at creation from DIVIDEND_CASH_ROUNDING) */
    cashRounding: text('cash_rounding').notNull(),
    /** announced | completed */
    status: text('status').notNull(),
    holders: integer('holders'),
    sharesEntitled: shares('shares_entitled'),
    cashTotal: numeric('cash_total', { precision: 24, scale: 2 }),
    /** exact cash owed minus cash paid to accounts: left with the issuer */
    cashRemainder: numeric('cash_remainder', { precision: 24, scale: 8 }),
    sharesIssued: shares('shares_issued'),
    /** the seed of the drawing of lots that settled equal fractions (零碎股), drawn when the distribution ran (decision 0032) */
    lotSeed: text('lot_seed'),
    createdBy: text('created_by'),
    createdAt: createdAt(),
    completedAt: instant('completed_at'),
  },
  (t) => [index('distributions_security_idx').on(t.securityId, t.recordOn)],
);

/** What each account is owed by a distribution, from its holding at the record date. */
export const distributionEntitlements = pgTable(
  'distribution_entitlements',
  {
    distributionId: uuid('distribution_id').notNull(),
    accountNumber: text('account_number').notNull(),
    holderId: holderId(),
    securityId: integer('security_id').notNull(),
    /** tradable + restricted at the end of the record date */
    quantity: shares('quantity').notNull(),
    restricted: shares('restricted')
      .notNull()
      .default(sql`0`),
    cashAmount: numeric('cash_amount', { precision: 24, scale: 2 }).notNull(),
    /** whole new shares (quantity × ratio, rounded down) */
    sharesWhole: shares('shares_whole')
      .notNull()
      .default(sql`0`),
    /** 1 when this account received one share from the fractional parts (零碎股) */
    sharesFromFractions: shares('shares_from_fractions')
      .notNull()
      .default(sql`0`),
    shares: shares('shares')
      .notNull()
      .default(sql`0`),
  },
  (t) => [primaryKey({ columns: [t.distributionId, t.accountNumber] }), index('distribution_entitlements_holder_idx').on(t.holderId)],
);

/**
 * Differentiated dividend income tax (财税〔2012〕85号, 〔2015〕101号): one row per
 * sale of shares that received a dividend and were held a year or less.
 */
export const dividendTaxRecords = pgTable(
  'dividend_tax_records',
  {
    id: serialKey(),
    ...position(),
    distributionId: uuid('distribution_id').notNull(),
    recordOn: day('record_on').notNull(),
    dividendPerShare: numeric('dividend_per_share', { precision: 18, scale: 8 }).notNull(),
    quantity: shares('quantity').notNull(),
    acquiredOn: day('acquired_on').notNull(),
    /** the transfer-settlement date of the sale */
    soldOn: day('sold_on').notNull(),
    /** up_to_1_month | up_to_1_year */
    band: text('band').notNull(),
    dividendAmount: numeric('dividend_amount', { precision: 24, scale: 8 }).notNull(),
    taxableAmount: numeric('taxable_amount', { precision: 24, scale: 8 }).notNull(),
    /** 20% of the taxable amount, rounded half up to the cent */
    taxAmount: numeric('tax_amount', { precision: 24, scale: 2 }).notNull(),
    computedAt: instant('computed_at').notNull(),
  },
  (t) => [index('dividend_tax_account_idx').on(t.accountNumber, t.soldOn), index('dividend_tax_holder_idx').on(t.holderId, t.soldOn), index('dividend_tax_security_idx').on(t.securityId)],
);

/** Exported register snapshots (股东名册): a job writes the file into the FileStore. */
export const registerExports = pgTable(
  'register_exports',
  {
    id: uuidKey(),
    securityId: integer('security_id').notNull(),
    asOf: day('as_of').notNull(),
    format: text('format').notNull(), // csv | xlsx
    status: text('status').notNull(), // queued | done | failed
    jobId: uuid('job_id'),
    fileKey: text('file_key'),
    rows: integer('rows'),
    bytes: bigint('bytes', { mode: 'number' }),
    requestedBy: text('requested_by'),
    createdAt: createdAt(),
    finishedAt: instant('finished_at'),
  },
  (t) => [index('register_exports_created_idx').on(t.createdAt), uniqueIndex('register_exports_job_uq').on(t.jobId)],
);
