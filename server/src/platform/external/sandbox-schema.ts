import { bigint, index, numeric, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/*
 * The sandbox side of outside systems: what the real system would know, filled
 * by demo data. A real deployment leaves these tables empty.
 */

/** The banks' card records the sandbox UnionPay checks four elements against. */
export const sandboxBankCards = pgTable('sandbox_bank_cards', {
  cardHash: text('card_hash').primaryKey(),
  cardEnc: text('card_enc').notNull(),
  bankName: text('bank_name').notNull(),
  holderName: text('holder_name').notNull(),
  idNumberHash: text('id_number_hash').notNull(),
  reservedMobileEnc: text('reserved_mobile_enc').notNull(),
  /** normal | lost | cancelled | timeout (the issuing bank does not answer) */
  status: text('status').notNull(),
});

/** Order reports (委托申报) as the exchanges pass them on; trading-terminal verification matches them. */
export const exchangeOrderReports = pgTable(
  'exchange_order_reports',
  {
    id: uuid('id').primaryKey(),
    market: text('market').notNull(), // SH | SZ
    securitiesAccountNumber: text('securities_account_number').notNull(),
    securityCode: text('security_code').notNull(),
    side: text('side').notNull(), // buy | sell
    quantity: bigint('quantity', { mode: 'bigint' }).notNull(),
    price: numeric('price', { precision: 18, scale: 3 }).notNull(),
    brokerCode: text('broker_code').notNull(),
    receivedAt: ts('received_at').notNull(),
  },
  (t) => [index('exchange_order_reports_account_idx').on(t.securitiesAccountNumber, t.receivedAt)],
);
