import { index, numeric, pgTable, text } from 'drizzle-orm/pg-core';
import { instant, shares, uuidKey } from '../db/columns.ts';

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
    id: uuidKey(),
    market: text('market').notNull(), // SH | SZ
    securitiesAccountNumber: text('securities_account_number').notNull(),
    securityCode: text('security_code').notNull(),
    side: text('side').notNull(), // buy | sell
    quantity: shares('quantity').notNull(),
    price: numeric('price', { precision: 18, scale: 3 }).notNull(),
    brokerCode: text('broker_code').notNull(),
    receivedAt: instant('received_at').notNull(),
  },
  (t) => [index('exchange_order_reports_account_idx').on(t.securitiesAccountNumber, t.receivedAt)],
);
