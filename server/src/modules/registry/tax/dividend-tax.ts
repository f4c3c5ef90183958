import { formatDecimal, parseDecimal, SCALE } from '../events/index.ts';
import { addDays, termEnd } from '../../../kernel/dates.ts';

/**
 * Differentiated individual income tax on dividends of listed shares
 * (财税〔2012〕85号, 财税〔2015〕101号), as a pure computation over one security
 * and every account that held it.
 *
 * Lots: the end-of-day net change of an account's tradable balance opens a lot
 * dated that day when it is an increase and consumes the account's lots
 * first-in first-out when it is a decrease. A lot is taxable when it was
 * bought on the market (trade settlement) by an individual; other increases
 * (initial registration, lock-up release…) open lots outside this rule
 * (restricted shares have their own tax rule). Bonus and capitalisation shares
 * (送股/转增) keep the holding period of the shares they were given on: they
 * are spread over the open lots pro rata (rounded down, the remainder to the
 * oldest lot), dated like their lot, but entitled only to dividends whose
 * record date falls on or after the day they arrived.
 *
 * Moves (custody transfers, non-trade transfers — ordinary ↔ credit accounts
 * among them): the lots leave the source account first-in first-out and enter
 * the receiving account with their acquisition dates and entitlements, so a
 * dividend received before the move is taxed when the shares are sold from
 * the new account (DOMAIN.md; decision 0031). On one day the sources and
 * destinations of a security are paired: the same holder first, then in the
 * order of their lines in the batch.
 *
 * One day of one security runs in this order: bonus shares, increases, moves,
 * then decreases (other changes before the market's net), so a decrease
 * always finds the lots of that day's increases and moves.
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
 * after it. A dividend's income per share is its cash plus, for bonus shares
 * out of profits (送红股), their par value; shares from the capital reserve
 * (转增) are not income. Amounts are exact at 8 decimals; the tax is 20% of
 * the taxable amount rounded half up to the cent, per record (one record per
 * sale, lot and distribution).
 */

export type EventKind = 'market' | 'bonus' | 'other' | 'move';

/** The net change of the account's tradable balance of one kind on one day. */
export interface DailyChange {
  on: string;
  kind: EventKind;
  quantity: bigint;
}

/** A daily change of one account, in the computation over a whole security. */
export interface AccountDailyChange extends DailyChange {
  account: string;
  holderId: string;
  /** the account's holder is a natural person: only their market purchases are taxable lots */
  individual: boolean;
  /** where the change's first line stands (batch, line): pairs a day's moves in file order */
  ordinal?: string;
}

export interface Dividend {
  distributionId: string;
  recordOn: string;
  /** income per share before tax, yuan, as a decimal string: cash, plus the par value of bonus shares from profits */
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

/** A tax record with the account that sold and its holder. */
export interface AccountTaxRecord extends TaxRecord {
  account: string;
  holderId: string;
}

interface Lot {
  acquiredOn: string;
  entitledFrom: string;
  quantity: bigint;
  /** bought on the market by an individual */
  taxable: boolean;
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

const byOrdinal = (a: AccountDailyChange, b: AccountDailyChange) => {
  const x = a.ordinal ?? a.account;
  const y = b.ordinal ?? b.account;
  return x < y ? -1 : x > y ? 1 : 0;
};

/**
 * The lots of one security in every account, fed one day at a time
 * (`applyDay`, days in order); each day returns the tax records of its sales.
 */
export class SecurityLots {
  private readonly lots = new Map<string, Lot[]>();
  private readonly dividends: Dividend[];

  constructor(dividends: Dividend[]) {
    this.dividends = [...dividends].sort((a, b) => (a.recordOn < b.recordOn ? -1 : a.recordOn > b.recordOn ? 1 : 0));
  }

  /** The changes of one day (all dated the same day), in the order stated in the module comment. */
  applyDay(changes: AccountDailyChange[]): AccountTaxRecord[] {
    const increases: AccountDailyChange[] = [];
    const moves: AccountDailyChange[] = [];
    const decreases: AccountDailyChange[] = [];
    const sales: AccountDailyChange[] = [];
    for (const c of changes) {
      if (c.kind === 'move') moves.push(c);
      else if (c.quantity > 0n && c.kind === 'bonus') this.bonus(c);
      else if (c.quantity > 0n) increases.push(c);
      else if (c.kind === 'market') sales.push(c);
      else if (c.quantity < 0n) decreases.push(c);
    }
    for (const c of increases) this.open(c.account, { acquiredOn: c.on, entitledFrom: c.on, quantity: c.quantity, taxable: c.kind === 'market' && c.individual });
    if (moves.length) this.move(moves);
    for (const c of decreases) this.consume(c.account, -c.quantity);
    const records: AccountTaxRecord[] = [];
    for (const c of sales) this.sell(c, records);
    return records;
  }

  /** The quantity of the open lots of each account that ever held the security. */
  quantities(): Map<string, bigint> {
    return new Map([...this.lots].map(([account, lots]) => [account, lots.reduce((sum, l) => sum + l.quantity, 0n)]));
  }

  /** How many accounts held the security. */
  get positions(): number {
    return this.lots.size;
  }

  private lotsOf(account: string): Lot[] {
    let lots = this.lots.get(account);
    if (!lots) this.lots.set(account, (lots = []));
    return lots;
  }

  private open(account: string, lot: Lot): void {
    this.lotsOf(account).push(lot);
  }

  /** Bonus shares spread over the open lots pro rata, remainder to the oldest; each part keeps its lot's acquisition date. */
  private bonus(c: AccountDailyChange): void {
    const lots = this.lotsOf(c.account);
    if (!lots.length) return this.open(c.account, { acquiredOn: c.on, entitledFrom: c.on, quantity: c.quantity, taxable: false });
    const held = lots.reduce((sum, l) => sum + l.quantity, 0n);
    const parts = lots.map((l) => (c.quantity * l.quantity) / held);
    parts[0]! += c.quantity - parts.reduce((sum, p) => sum + p, 0n);
    for (let i = lots.length - 1; i >= 0; i--) {
      if (parts[i]! > 0n) lots.splice(i + 1, 0, { acquiredOn: lots[i]!.acquiredOn, entitledFrom: c.on, quantity: parts[i]!, taxable: lots[i]!.taxable });
    }
  }

  /** Takes `quantity` from the account's lots, first in first out, showing `visit` each part taken; returns how much was taken (less when the lots run short). */
  private consume(account: string, quantity: bigint, visit?: (lot: Lot, part: bigint) => void): bigint {
    const lots = this.lotsOf(account);
    let left = quantity;
    while (left > 0n && lots.length) {
      const lot = lots[0]!;
      const part = lot.quantity < left ? lot.quantity : left;
      visit?.(lot, part);
      lot.quantity -= part;
      left -= part;
      if (lot.quantity === 0n) lots.shift();
    }
    return quantity - left;
  }

  /** The parts taken, as lots of their own (for a move). */
  private take(account: string, quantity: bigint): Lot[] {
    const taken: Lot[] = [];
    this.consume(account, quantity, (lot, part) => taken.push({ ...lot, quantity: part }));
    return taken;
  }

  /** A market sale: the lots it takes, and the records of the dividends those lots received. */
  private sell(c: AccountDailyChange, records: AccountTaxRecord[]): void {
    this.consume(c.account, -c.quantity, (lot, part) => {
      if (!lot.taxable) return;
      for (const dividend of this.dividends) {
        if (dividend.recordOn < lot.entitledFrom || dividend.recordOn >= c.on) continue;
        const record = recordFor(dividend, lot, part, c.on);
        if (record) records.push({ ...record, account: c.account, holderId: c.holderId });
      }
    });
  }

  /** Pairs the day's sources and destinations (same holder first, then in line order) and moves lots between them. */
  private move(moves: AccountDailyChange[]): void {
    const sources = moves
      .filter((m) => m.quantity < 0n)
      .sort(byOrdinal)
      .map((m) => ({ m, left: -m.quantity }));
    const destinations = moves
      .filter((m) => m.quantity > 0n)
      .sort(byOrdinal)
      .map((m) => ({ m, left: m.quantity }));
    const pass = (paired: (s: AccountDailyChange, d: AccountDailyChange) => boolean) => {
      for (const s of sources) {
        for (const d of destinations) {
          if (s.left === 0n) break;
          if (d.left === 0n || !paired(s.m, d.m)) continue;
          const quantity = s.left < d.left ? s.left : d.left;
          this.receive(d.m, this.take(s.m.account, quantity), quantity);
          s.left -= quantity;
          d.left -= quantity;
        }
      }
    };
    pass((s, d) => s.holderId === d.holderId);
    pass(() => true);
    // What the day's moves do not balance (a move into or out of restricted shares) leaves or arrives outside the rule.
    for (const s of sources) if (s.left > 0n) this.consume(s.m.account, s.left);
    for (const d of destinations) if (d.left > 0n) this.open(d.m.account, { acquiredOn: d.m.on, entitledFrom: d.m.on, quantity: d.left, taxable: false });
  }

  /** Lots arriving by a move keep their dates and stand among the account's lots by acquisition date. */
  private receive(to: AccountDailyChange, pieces: Lot[], quantity: bigint): void {
    const lots = this.lotsOf(to.account);
    for (const piece of pieces) {
      const at = lots.findIndex((l) => l.acquiredOn > piece.acquiredOn);
      lots.splice(at < 0 ? lots.length : at, 0, piece);
    }
    const moved = pieces.reduce((sum, p) => sum + p.quantity, 0n);
    // Shares the source's lots do not cover (history before the journal began) arrive outside the rule.
    if (moved < quantity) this.open(to.account, { acquiredOn: to.on, entitledFrom: to.on, quantity: quantity - moved, taxable: false });
  }
}

/**
 * The records of one account's changes alone (no moves in or out): the
 * whole-security computation over a single individual's account.
 */
export function dividendTaxRecords(changes: DailyChange[], dividends: Dividend[]): TaxRecord[] {
  const lots = new SecurityLots(dividends);
  const days = new Map<string, AccountDailyChange[]>();
  for (const c of changes) {
    if (c.quantity === 0n) continue;
    const day = days.get(c.on) ?? [];
    day.push({ ...c, account: 'account', holderId: 'holder', individual: true });
    days.set(c.on, day);
  }
  const ordered = [...days.keys()].sort();
  return ordered.flatMap((on) => lots.applyDay(days.get(on)!)).map(({ account: _account, holderId: _holderId, ...record }) => record);
}
