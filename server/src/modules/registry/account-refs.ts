/**
 * Opaque references of securities accounts for the staff registry routes (issue 12 item 7, decision 0040): a clerk types
 * the number once, in the body of `POST …/accounts/lookup`, and the queries that follow carry only the reference in their
 * path or query string, so no account number travels in a URL, a browser's history or a proxy's log.
 *
 * Sealed by the PII vault like the investor hall's references (decision 0024), under a kind of its own: deterministic (a
 * bookmark or a shared link keeps working across sessions), stateless (no table), and an altered reference opens to nothing.
 */
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../platform/errors.ts';

const STAFF_ACCOUNT_REF_KIND = 'registry-account';

/** What the staff routes take where an account is named. */
export const StaffAccountRef = Type.String({
  minLength: 20,
  maxLength: 64,
  pattern: '^[A-Za-z0-9_-]+$',
  description: 'opaque reference of a securities account (`ref` of POST /api/v1/staff/registry/accounts/lookup)',
});

/** The reference a staff URL carries for an account number. */
export const staffAccountRef = (ctx: Pick<AppContext, 'vault'>, accountNumber: string) => ctx.vault.reference(STAFF_ACCOUNT_REF_KIND, accountNumber);

/** The account number behind a reference; one that opens to nothing is answered like an unknown account. */
export function accountNumberOfRef(ctx: Pick<AppContext, 'vault'>, ref: string): string {
  const accountNumber = ctx.vault.openReference(STAFF_ACCOUNT_REF_KIND, ref);
  if (accountNumber === null) throw new AppError('ACCOUNT_NOT_FOUND');
  return accountNumber;
}

/** The number behind an optional reference (a filter left out stays out). */
export const optionalAccountNumberOfRef = (ctx: Pick<AppContext, 'vault'>, ref: string | undefined) => (ref === undefined ? undefined : accountNumberOfRef(ctx, ref));
