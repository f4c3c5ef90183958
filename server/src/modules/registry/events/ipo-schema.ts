import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, numeric, pgTable, primaryKey, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, day, holderAccount, importedLine, instant, serialKey, shares, wholeNumber } from '../../../platform/db/columns.ts';

/*
 * IPO subscriptions and their lottery, abandoned subscriptions and
 * risk-disclosure signings. Holder-scoped rows carry holder_id (DESIGN §5);
 * allotment numbers are stored as ranges (first number, count), never one row
 * per number.
 */

/** A public offering of new shares (新股) or CDRs, by the subscription rule of its market and board. */
export const ipoOfferings = pgTable(
  'ipo_offerings',
  {
    id: serial('id').primaryKey(),
    market: text('market').notNull(), // SH | SZ
    securityCode: text('security_code').notNull(),
    name: text('name').notNull(),
    board: text('board').notNull(),
    productType: text('product_type').notNull(), // new_share | cdr
    issuePrice: numeric('issue_price', { precision: 18, scale: 4 }).notNull(),
    subscriptionDate: day('subscription_date').notNull(),
    /** shares in one subscription unit, and allotment numbers given per unit (from the board's rule) */
    unitShares: shares('unit_shares').notNull(),
    numbersPerUnit: integer('numbers_per_unit').notNull(),
    firstNumber: wholeNumber('first_number').notNull(),
    /** numbers given so far; the next one is first_number + numbers_allotted */
    numbersAllotted: wholeNumber('numbers_allotted')
      .notNull()
      .default(sql`0`),
    status: text('status').notNull(), // subscribing | drawn
    drawnAt: instant('drawn_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('ipo_offerings_code_uq').on(t.market, t.securityCode)],
);

/**
 * Subscriptions as they arrived. A valid one (invalid_reason null) has its range of
 * allotment numbers (配号); an invalid one (a second subscription of the investor or
 * the account, or one above the quota) is kept with its reason and no numbers.
 */
export const ipoSubscriptions = pgTable(
  'ipo_subscriptions',
  {
    id: serialKey(),
    offeringId: integer('offering_id').notNull(),
    ...holderAccount(),
    quantity: shares('quantity').notNull(),
    orderSeq: wholeNumber('order_seq').notNull(),
    orderedAt: instant('ordered_at').notNull(),
    /** null when invalid */
    firstNumber: wholeNumber('first_number'),
    numberCount: wholeNumber('number_count').notNull(),
    /** DUPLICATE_INVESTOR | DUPLICATE_ACCOUNT | ABOVE_QUOTA; null when valid */
    invalidReason: text('invalid_reason'),
    /** the investor's subscription quota in the offering's market when numbers were given (shares) */
    quota: shares('quota'),
    /** set when the lottery is drawn */
    winningCount: wholeNumber('winning_count'),
    winningQuantity: shares('winning_quantity'),
    ...importedLine(),
  },
  (t) => [
    uniqueIndex('ipo_subscriptions_account_uq')
      .on(t.offeringId, t.accountNumber)
      .where(sql`invalid_reason is null`),
    index('ipo_subscriptions_holder_idx').on(t.holderId),
    check(
      'ipo_subscriptions_positive',
      sql`${t.quantity} > 0 and ((${t.invalidReason} is null and ${t.firstNumber} is not null and ${t.numberCount} > 0) or (${t.invalidReason} is not null and ${t.firstNumber} is null and ${t.numberCount} = 0))`,
    ),
  ],
);

/** The lottery result: winning tails (中签号码尾数), kept as text so leading zeros count. */
export const ipoWinningTails = pgTable(
  'ipo_winning_tails',
  {
    offeringId: integer('offering_id').notNull(),
    tail: text('tail').notNull(),
    batchId: text('batch_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.offeringId, t.tail] })],
);

/** Payment result per winning subscription: paid in full, in part, or abandoned. */
export const ipoPayments = pgTable(
  'ipo_payments',
  {
    subscriptionId: wholeNumber('subscription_id').primaryKey(),
    offeringId: integer('offering_id').notNull(),
    ...holderAccount(),
    winningQuantity: shares('winning_quantity').notNull(),
    paidQuantity: shares('paid_quantity').notNull(),
    result: text('result').notNull(), // paid_full | paid_part | abandoned
    reportedOn: day('reported_on').notNull(),
    ...importedLine(),
  },
  (t) => [index('ipo_payments_holder_idx').on(t.holderId)],
);

/**
 * Abandoned subscriptions (放弃认购): from IPO payment results or imported for
 * other products. Each account and issue counts once.
 */
export const abandonedSubscriptions = pgTable(
  'abandoned_subscriptions',
  {
    id: serialKey(),
    ...holderAccount(),
    market: text('market').notNull(),
    productType: text('product_type').notNull(), // new_share | cdr | convertible_bond | exchangeable_bond
    securityCode: text('security_code').notNull(),
    securityName: text('security_name').notNull(),
    winningQuantity: shares('winning_quantity').notNull(),
    abandonedQuantity: shares('abandoned_quantity').notNull(),
    reportedOn: day('reported_on').notNull(),
    source: text('source').notNull(), // ipo_payment | import
    ...importedLine(),
  },
  (t) => [uniqueIndex('abandoned_subscriptions_issue_uq').on(t.accountNumber, t.market, t.securityCode), index('abandoned_subscriptions_holder_idx').on(t.holderId, t.market, t.reportedOn)],
);

/** Board and product types that need a signed risk disclosure; rows are configuration (see the custom migration). */
export const riskDisclosureTypes = pgTable('risk_disclosure_types', {
  code: text('code').primaryKey(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  sortOrder: integer('sort_order').notNull(),
  active: boolean('active').notNull().default(true),
});

/** 风险揭示书签署: one signing per securities account and type, reported by the broker. */
export const riskDisclosureSignings = pgTable(
  'risk_disclosure_signings',
  {
    id: serialKey(),
    ...holderAccount(),
    disclosureType: text('disclosure_type').notNull(),
    signedOn: day('signed_on').notNull(),
    broker: text('broker').notNull(),
    ...importedLine(),
    recordedAt: instant('recorded_at').notNull(),
  },
  (t) => [uniqueIndex('risk_disclosure_signings_uq').on(t.accountNumber, t.disclosureType), index('risk_disclosure_signings_holder_idx').on(t.holderId)],
);

/**
 * Daily closing prices (收盘价), imported from the exchanges' price files. A
 * market's trading days are the days it has a price file for (closing_price_days).
 */
export const closingPrices = pgTable(
  'closing_prices',
  {
    market: text('market').notNull(),
    tradingDay: day('trading_day').notNull(),
    securityCode: text('security_code').notNull(),
    price: numeric('price', { precision: 18, scale: 4 }).notNull(),
    batchId: text('batch_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.market, t.tradingDay, t.securityCode] }), index('closing_prices_security_idx').on(t.market, t.securityCode, t.tradingDay)],
);

/** One row per market and trading day with a price file: the trading calendar the quota counts in. */
export const closingPriceDays = pgTable(
  'closing_price_days',
  {
    market: text('market').notNull(),
    tradingDay: day('trading_day').notNull(),
    securities: integer('securities').notNull(),
    batchId: text('batch_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.market, t.tradingDay] })],
);
