import { sql, type SQL } from 'drizzle-orm';

/**
 * CSV the platform writes for people to open (exports), made safe for
 * spreadsheets: a text cell starting with `=`, `+`, `-`, `@`, a tab or a
 * carriage return would be run as a formula by Excel, WPS or LibreOffice
 * (CSV/formula injection), so such a cell gets a leading apostrophe, which the
 * spreadsheet shows as text and hides. Only text columns are neutralised:
 * numeric columns (quantities, ratios, ranks) stay numbers, so a legitimately
 * negative quantity remains `-5`, not the text `'-5`. XLSX needs none of this:
 * platform/storage/xlsx.ts writes strings as inline string cells, never formulas.
 *
 * CSV the platform writes for itself (COPY staging in platform/db/bulk.ts and the
 * settlement scanner) is not neutralised: it is read back by the database, not a
 * spreadsheet, and must keep the values exactly.
 */

/** First characters a spreadsheet takes as the start of a formula. */
export const FORMULA_TRIGGERS: readonly string[] = ['=', '+', '-', '@', '\t', '\r'];

/** A text cell as a spreadsheet should show it: prefixed with `'` if it would otherwise be a formula. */
export function neutraliseCell(value: string): string {
  return value.length > 0 && FORMULA_TRIGGERS.includes(value[0]!) ? `'${value}` : value;
}

/** The same rule in SQL, for exports streamed by COPY … TO STDOUT (CSV): a text expression, neutralised. */
export function neutraliseSql(column: SQL): SQL {
  return sql`(case when left(${column}, 1) in ('=', '+', '-', '@', chr(9), chr(13)) then '''' || ${column} else ${column} end)`;
}

/** One CSV field (RFC 4180 quoting); null is the empty field. It does not neutralise: see csvTextField. */
export function csvField(value: string | null): string {
  if (value === null) return '';
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A text field of an export: neutralised, then quoted. */
export function csvTextField(value: string | null): string {
  return value === null ? '' : csvField(neutraliseCell(value));
}
