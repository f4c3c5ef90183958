import { eq, gte, lte, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { checkDates } from '../settlement/index.ts';

/** What an investor asks of their own event records: the holder, and optionally one account and a date range. */
export interface HolderRecordsQuery {
  holderId: string;
  accountNumber?: string;
  from?: string;
  to?: string;
}

/** The conditions selecting those records of a table; the range applies to the `dated` column (the dates are checked first). */
export function holderRecordsWhere(table: { holderId: PgColumn; accountNumber: PgColumn }, query: HolderRecordsQuery, dated?: PgColumn): SQL[] {
  checkDates({ from: query.from, to: query.to });
  const where: SQL[] = [eq(table.holderId, query.holderId)];
  if (query.accountNumber) where.push(eq(table.accountNumber, query.accountNumber));
  if (dated && query.from) where.push(gte(dated, query.from));
  if (dated && query.to) where.push(lte(dated, query.to));
  return where;
}
