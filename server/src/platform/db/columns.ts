import { bigint, bigserial, date, integer, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/*
 * Column builders shared by the table files, so that a column meaning the same
 * thing is declared the same way everywhere. Each call returns new builders:
 * spread the groups into a table's columns where they stand in it.
 */

/** A point in time with its time zone, read as a Date. */
export const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** A calendar day, read as 'YYYY-MM-DD' (no time zone applies). */
export const day = (name: string) => date(name, { mode: 'string' });

/** A whole number beyond 2^53 (allotment numbers, sequences), read as a bigint. */
export const wholeNumber = (name: string) => bigint(name, { mode: 'bigint' });

/** A quantity of shares, read as a bigint. */
export const shares = wholeNumber;

/** A random identifier (UUID) as the primary key. */
export const uuidKey = () => uuid('id').primaryKey();

/** An ever-growing bigserial primary key, for append-only journals and imported rows. */
export const serialKey = () => bigserial('id', { mode: 'bigint' }).primaryKey();

/** When the row was written. */
export const createdAt = () => instant('created_at').notNull();

/** The registry holder a row belongs to: every holder-scoped table carries it (DESIGN §5). */
export const holderId = () => uuid('holder_id').notNull();

/** A position in the register: the holder, the securities account and the security. */
export const position = () => ({
  holderId: holderId(),
  accountNumber: text('account_number').notNull(),
  securityId: integer('security_id').notNull(),
});

/** A row of the registry's imported files: the holder and the securities account it is about. */
export const holderAccount = () => ({
  holderId: holderId(),
  accountNumber: text('account_number').notNull(),
});

/** Where an imported row came from: its batch and its line in the file. */
export const importedLine = () => ({
  batchId: text('batch_id').notNull(),
  lineNo: integer('line_no').notNull(),
});

/** An identity document: its type, the number encrypted, and the keyed hash that finds it. */
export const identityDocument = () => ({
  idType: text('id_type').notNull(),
  idNumberEnc: text('id_number_enc').notNull(),
  idNumberHash: text('id_number_hash').notNull(),
});

/** Failed sign-ins counted towards a lock-out, and when the lock-out ends. */
export const signInLockout = () => ({
  failedLogins: integer('failed_logins').notNull().default(0),
  lockedUntil: instant('locked_until'),
});
