import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, numeric, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, day, holderId, identityDocument, instant, position, serialKey, shares, uuidKey } from '../../../platform/db/columns.ts';

/*
 * The book of record. Every holder-scoped table carries holder_id, so the
 * registry can shard by holder (DESIGN §5). Quantities are bigint shares.
 */

export const holders = pgTable(
  'holders',
  {
    id: uuidKey(),
    kind: text('kind').notNull(), // person | institution
    /** ordinary | nominee_hkscc | nominee_qfii | nominee_rqfii | credit_collateral | refinancing_collateral */
    category: text('category').notNull(),
    name: text('name').notNull(),
    ...identityDocument(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('holders_identity_uq').on(t.idType, t.idNumberHash)],
);

/** 一码通: a holder may have several. */
export const unifiedAccounts = pgTable(
  'unified_accounts',
  {
    number: text('number').primaryKey(),
    holderId: holderId(),
    status: text('status').notNull(), // normal | dormant | reported_lost | cancelled
    openingAgent: text('opening_agent').notNull(),
    openingMethod: text('opening_method').notNull(), // counter | witness | online
    openedOn: day('opened_on').notNull(),
  },
  (t) => [index('unified_accounts_holder_idx').on(t.holderId)],
);

/** Sub-accounts (证券账户) by market and kind. */
export const securitiesAccounts = pgTable(
  'securities_accounts',
  {
    number: text('number').primaryKey(),
    holderId: holderId(),
    unifiedAccountNumber: text('unified_account_number').notNull(),
    market: text('market').notNull(), // SH | SZ
    kind: text('kind').notNull(), // a_share | b_share | fund | credit
    beijingEnabled: boolean('beijing_enabled').notNull().default(false),
    status: text('status').notNull(),
    openingAgent: text('opening_agent').notNull(),
    openingMethod: text('opening_method').notNull(),
    openedOn: day('opened_on').notNull(),
  },
  (t) => [index('securities_accounts_holder_idx').on(t.holderId), index('securities_accounts_unified_idx').on(t.unifiedAccountNumber)],
);

/** The real holders behind a nominee or collateral account. */
export const detailAccounts = pgTable(
  'detail_accounts',
  {
    id: uuidKey(),
    holderId: holderId(),
    securitiesAccountNumber: text('securities_account_number').notNull(),
    detailNo: text('detail_no').notNull(),
    beneficiaryName: text('beneficiary_name').notNull(),
    beneficiaryIdType: text('beneficiary_id_type').notNull(),
    beneficiaryIdEnc: text('beneficiary_id_enc').notNull(),
    beneficiaryIdHash: text('beneficiary_id_hash').notNull(),
  },
  (t) => [uniqueIndex('detail_accounts_no_uq').on(t.securitiesAccountNumber, t.detailNo)],
);

export const securities = pgTable(
  'securities',
  {
    id: integer('id').primaryKey(),
    code: text('code').notNull(),
    market: text('market').notNull(), // SH | SZ | BJ
    securityClass: text('class').notNull(), // A | B | CDR | bond | fund
    board: text('board').notNull(),
    name: text('name').notNull(),
    isin: text('isin').notNull(),
    parValue: numeric('par_value', { precision: 18, scale: 4 }).notNull(),
    status: text('status').notNull(), // listed | suspended | delisted
  },
  (t) => [uniqueIndex('securities_code_uq').on(t.market, t.code)],
);

/**
 * Current balances per account and security. `tradable` and `restricted` are
 * the shares held (无限售 / 限售); `frozen` and `pledged` encumber them.
 * Stored with fillfactor 70 (migration 0016), so rewriting a balance stays on its page.
 */
export const holdings = pgTable(
  'holdings',
  {
    accountNumber: text('account_number').notNull(),
    securityId: integer('security_id').notNull(),
    holderId: holderId(),
    tradable: shares('tradable')
      .notNull()
      .default(sql`0`),
    restricted: shares('restricted')
      .notNull()
      .default(sql`0`),
    frozen: shares('frozen')
      .notNull()
      .default(sql`0`),
    pledged: shares('pledged')
      .notNull()
      .default(sql`0`),
    lastEffectiveOn: day('last_effective_on').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.accountNumber, t.securityId] }),
    index('holdings_security_idx').on(t.securityId),
    index('holdings_holder_idx').on(t.holderId),
    check('holdings_non_negative', sql`${t.tradable} >= 0 and ${t.restricted} >= 0 and ${t.frozen} >= 0 and ${t.pledged} >= 0`),
    check('holdings_encumbrance', sql`${t.frozen} + ${t.pledged} <= ${t.tradable} + ${t.restricted}`),
  ],
);

/**
 * The journal: every change of a balance, never updated or deleted. Each entry
 * names its business type, category, effective date, signed quantity, the
 * resulting balance of that category, and its source batch.
 */
export const holdingChanges = pgTable(
  'holding_changes',
  {
    id: serialKey(),
    ...position(),
    businessType: text('business_type').notNull(),
    category: text('category').notNull(), // tradable | restricted | frozen | pledged
    quantity: shares('quantity').notNull(),
    balanceAfter: shares('balance_after').notNull(),
    effectiveOn: day('effective_on').notNull(),
    batchId: text('batch_id').notNull(),
    lineNo: integer('line_no'),
    reference: text('reference'),
    recordedAt: instant('recorded_at').notNull(),
  },
  (t) => [
    // The one index on the journal besides the key: every entry pays for each index (docs/decisions/0016-journal-one-index.md).
    index('holding_changes_position_idx').on(t.accountNumber, t.securityId, t.category, t.effectiveOn, t.id),
  ],
);

/** Import batches: idempotency by batch id and content hash. */
export const changeBatches = pgTable('change_batches', {
  id: text('id').primaryKey(),
  source: text('source').notNull(), // settlement | freeze | seed | ...
  contentHash: text('content_hash').notNull(),
  rowCount: integer('row_count').notNull(),
  status: text('status').notNull(), // applied
  appliedAt: instant('applied_at').notNull(),
  appliedBy: text('applied_by'),
});

export const freezes = pgTable(
  'freezes',
  {
    id: uuidKey(),
    ...position(),
    /** judicial: in force; waiting: 轮候冻结, queued behind earlier freezes */
    kind: text('kind').notNull(),
    status: text('status').notNull(), // active | waiting | released | expired
    authority: text('authority').notNull(),
    caseNumber: text('case_number').notNull(),
    quantity: shares('quantity').notNull(),
    /** the quantity actually frozen while active (may be less than asked when shares ran short) */
    frozenQuantity: shares('frozen_quantity')
      .notNull()
      .default(sql`0`),
    queueNo: integer('queue_no'),
    periodMonths: integer('period_months').notNull(),
    startOn: day('start_on'),
    endOn: day('end_on'),
    requestedOn: day('requested_on').notNull(),
    releasedOn: day('released_on'),
    createdAt: createdAt(),
  },
  (t) => [index('freezes_position_idx').on(t.accountNumber, t.securityId, t.status), index('freezes_holder_idx').on(t.holderId)],
);

export const pledges = pgTable(
  'pledges',
  {
    id: uuidKey(),
    ...position(),
    pledgee: text('pledgee').notNull(),
    contractNumber: text('contract_number').notNull(),
    quantity: shares('quantity').notNull(),
    status: text('status').notNull(), // active | released
    registeredOn: day('registered_on').notNull(),
    releasedOn: day('released_on'),
    /** a partial release ends this pledge and registers the remainder as a new one */
    replacesPledgeId: uuid('replaces_pledge_id'),
    createdAt: createdAt(),
  },
  (t) => [index('pledges_position_idx').on(t.accountNumber, t.securityId, t.status)],
);

/** Lock-up lots: restricted shares and their release dates. */
export const restrictedLots = pgTable(
  'restricted_lots',
  {
    id: uuidKey(),
    ...position(),
    quantity: shares('quantity').notNull(),
    releaseOn: day('release_on').notNull(),
    status: text('status').notNull(), // locked | released
    reason: text('reason').notNull(),
  },
  (t) => [index('restricted_lots_position_idx').on(t.accountNumber, t.securityId), index('restricted_lots_release_idx').on(t.releaseOn, t.status)],
);
