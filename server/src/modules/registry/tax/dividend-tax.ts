import { formatDecimal, parseDecimal, SCALE } from '../events/index.ts';
import { addDays, termEnd } from '../../../kernel/dates.ts';

/**
 * Differentiated individual income tax on dividends of listed shares
 * (财税〔2012〕85号, 财税〔2015〕101号), as a pure computation over one
 * securities account and one security.
 *
 * Lots: the end-of-day net change of the tradable balance opens a lot dated
 * that day when it is an increase and consumes lots first-in first-out when it
 * is a decrease. Market purchases (trade settlement) open market lots; other
 * increases (initial registration, lock-up release, transfers in…) open lots
 * outside this rule: shares not bought on the market (restricted shares have
 * their own tax rule) never give a record here. Bonus and capitalisation
 * shares (送股/转增) keep the holding period of the shares they were given on:
 * they are spread over the open lots pro rata (rounded down, the remainder to
 * the oldest lot), dated like their lot, but entitled only to dividends whose
 * record date falls on or after the day they arrived.
 *
 * Holding period: from the acquisition date to the day before the transfer-
 * settlement date of the sale. "1 month" runs from day D of a month to day
 * D−1 of the next (5 Jan – 4 Feb); when the next month has no day D−1 it ends
 * on that month's last day (31 Jan – 28/29 Feb), and a period starting on the
 * 1st ends on the last day of its own month. 12 months likewise.
 *
 * Bands: ≤ 1 month: the whole dividend is taxable at 20%; > 1 month and
 * ≤ 1 year: half of it (10% in effect); > 1 year: exempt (no record).
 * A dividend counts for shares held at the end of its record date and sold
 * after it. Amounts are exact at 8 decimals; the tax is 20% of the taxable
 * amount rounded half up to the cent, per record (one record per sale, lot and
 * dividend).
 */

export type EventKind = 'market' | 'bonus' | 'other';

/** The net change of the account's tradable balance of one kind on one day. */
export interface DailyChange {
  on: string;
  kind: EventKind;
  quantity: bigint;
}

export interface Dividend {
  distributionId: string;
  recordOn: string;
  /** yuan per share, before tax, as a decimal string */
  perShare: string;
}

export type HoldingBand = 'up_to_1_month' | 'up_to_1_year' | 'over_1_year';

export interface TaxRecord {
  distributionId: string;
  recordOn: string;
  dividendPerShare: string;
  quantity: bigint;
  acquiredOn: string;
  soldOn: string;
  band: Exclude<HoldingBand, 'over_1_year'>;
  dividendAmount: string;
  taxableAmount: string;
  taxAmount: string;
}

interface Lot {
  acquiredOn: string;
  entitledFrom: string;
  quantity: bigint;
  market: boolean;
}

/** The band of shares acquired on `acquiredOn` and transferred (settled) on `soldOn`. */
export function holdingBand(acquiredOn: string, soldOn: string): HoldingBand {
  const lastDayHeld = addDays(soldOn, -1);
  if (lastDayHeld <= termEnd(acquiredOn, 1)) return 'up_to_1_month';
  if (lastDayHeld <= termEnd(acquiredOn, 12)) return 'up_to_1_year';
  return 'over_1_year';
}

const ONE = 10n ** BigInt(SCALE);

/** 20% of a taxable amount (scaled), rounded half up to the cent; scaled. */
export function taxOn(taxable: bigint): bigint {
  const cent = ONE / 100n;
  // tax in cents = taxable × 0.2 / cent = taxable / (5 × cent), rounded half up
  const divisor = 5n * cent;
  const cents = (taxable * 2n + divisor) / (2n * divisor);
  return cents * cent;
}

function recordFor(dividend: Dividend, lot: Lot, quantity: bigint, soldOn: string): TaxRecord | null {
  const band = holdingBand(lot.acquiredOn, soldOn);
  if (band === 'over_1_year') return null;
  const perShare = parseDecimal(dividend.perShare);
  const amount = quantity * perShare;
  const taxable = band === 'up_to_1_month' ? amount : amount / 2n;
  if (band === 'up_to_1_year' && amount % 2n !== 0n) throw new RangeError('half of the dividend is not exact at 8 places');
  return {
    distributionId: dividend.distributionId,
    recordOn: dividend.recordOn,
    dividendPerShare: formatDecimal(perShare, SCALE),
    quantity,
    acquiredOn: lot.acquiredOn,
    soldOn,
    band,
    dividendAmount: formatDecimal(amount, SCALE),
    taxableAmount: formatDecimal(taxable, SCALE),
    taxAmount: formatDecimal(taxOn(taxable), 2),
  };
}

const kindOrder: Record<EventKind, number> = { bonus: 0, other: 1, market: 2 };

/**
 * Walks the account's daily changes in date order (on one day: bonus shares,
 * then other changes, then the market's net) and returns the tax records of
 * every market sale of market lots that received a dividend.
 */
export function dividendTaxRecords(changes: DailyChange[], dividends: Dividend[]): TaxRecord[] {
  const lots: Lot[] = [];
  const records: TaxRecord[] = [];
  const byRecordDate = [...dividends].sort((a, b) => (a.recordOn < b.recordOn ? -1 : a.recordOn > b.recordOn ? 1 : 0));
  const ordered = [...changes].sort((a, b) => (a.on === b.on ? kindOrder[a.kind] - kindOrder[b.kind] : a.on < b.on ? -1 : 1));

  for (const change of ordered) {
    if (change.quantity === 0n) continue;
    if (change.quantity > 0n) {
      if (change.kind === 'bonus' && lots.length) spreadBonus(lots, change.quantity, change.on);
      else lots.push({ acquiredOn: change.on, entitledFrom: change.on, quantity: change.quantity, market: change.kind === 'market' });
      continue;
    }
    let toConsume = -change.quantity;
    while (toConsume > 0n && lots.length) {
      const lot = lots[0]!;
      const taken = lot.quantity < toConsume ? lot.quantity : toConsume;
      if (change.kind === 'market' && lot.market) {
        for (const dividend of byRecordDate) {
          if (dividend.recordOn >= lot.entitledFrom && dividend.recordOn < change.on) {
            const record = recordFor(dividend, lot, taken, change.on);
            if (record) records.push(record);
          }
        }
      }
      lot.quantity -= taken;
      toConsume -= taken;
      if (lot.quantity === 0n) lots.shift();
    }
    // A decrease beyond the lots known (history before the journal began) consumes nothing more.
  }
  return records;
}

/** Bonus shares spread over the open lots pro rata, remainder to the oldest; each part keeps its lot's acquisition date. */
function spreadBonus(lots: Lot[], bonus: bigint, on: string): void {
  const held = lots.reduce((sum, l) => sum + l.quantity, 0n);
  const parts = lots.map((l) => (bonus * l.quantity) / held);
  parts[0]! += bonus - parts.reduce((sum, p) => sum + p, 0n);
  for (let i = lots.length - 1; i >= 0; i--) {
    if (parts[i]! > 0n) lots.splice(i + 1, 0, { acquiredOn: lots[i]!.acquiredOn, entitledFrom: on, quantity: parts[i]!, market: lots[i]!.market });
  }
}
