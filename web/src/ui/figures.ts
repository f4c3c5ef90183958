/**
 * The one way figures are shown: money in yuan to the fen, share quantities as
 * whole numbers, both grouped by thousands (`1,234.50`, `1,500`). Values arrive
 * as decimal strings and may exceed what a JavaScript number holds exactly, so
 * they are formatted as text, never through a float.
 */

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d*))?$/;

const group = (digits: string) => digits.replace(/^0+(?=\d)/, '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** One more unit in the last place of a string of digits: `'099'` → `'100'`, `'99'` → `'100'`. */
function increment(digits: string): string {
  const out = digits.split('');
  for (let i = out.length - 1; i >= 0; i--) {
    if (out[i] !== '9') {
      out[i] = String(Number(out[i]) + 1);
      return out.join('');
    }
    out[i] = '0';
  }
  return `1${out.join('')}`;
}

/** Yuan to the fen, rounded half up (away from zero): `62.50000000` → `62.50`, `1234.5` → `1,234.50`; anything else unchanged. */
export function formatMoney(value: string): string {
  const match = DECIMAL.exec(value.trim());
  if (!match) return value;
  const [, sign, whole, fraction = ''] = match;
  let cents = `${whole}${fraction.padEnd(2, '0').slice(0, 2)}`;
  if ((fraction[2] ?? '0') >= '5') cents = increment(cents);
  const yuan = group(cents.slice(0, -2) || '0');
  const fen = cents.slice(-2);
  const zero = /^0*$/.test(cents);
  return `${sign === '-' && !zero ? '-' : ''}${yuan}.${fen}`;
}

/** Whole shares grouped by thousands: `1234567` → `1,234,567`, `1500.00` → `1,500`; a fraction of a share or anything else unchanged. */
export function formatQuantity(value: string): string {
  const match = DECIMAL.exec(value.trim());
  if (!match) return value;
  const [, sign, whole, fraction = ''] = match;
  if (/[1-9]/.test(fraction)) return value;
  const grouped = group(whole!);
  return `${sign === '-' && grouped !== '0' ? '-' : ''}${grouped}`;
}

/** A quantity that may be absent (`null` → `—`). */
export function formatOptionalQuantity(value: string | null | undefined): string {
  return value === null || value === undefined ? '—' : formatQuantity(value);
}
