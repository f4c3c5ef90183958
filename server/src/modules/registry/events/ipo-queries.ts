import { and, asc, desc, eq } from 'drizzle-orm';
import type { AppContext } from '../../../context.ts';
import { holderRecordsWhere, type HolderRecordsQuery } from './holder-records.ts';
import { tailsOf } from './ipo-offerings.ts';
import { winningNumbers } from './ipo-rules.ts';
import type { InvalidReason } from './ipo-validity.ts';
import { ipoOfferings, ipoPayments, ipoSubscriptions } from './ipo-schema.ts';

/** What an investor sees under 新股配号中签情况: per subscription, its numbers, what won, and the payment. */

/** Winning numbers listed per subscription at most; the count and quantity are always whole. */
export const MAX_LISTED_NUMBERS = 200;

export interface AllotmentView {
  /** the subscription's own key: one account may have several (repeats are kept as invalid) */
  id: string;
  accountNumber: string;
  market: string;
  securityCode: string;
  securityName: string;
  board: string;
  productType: string;
  issuePrice: string;
  subscriptionDate: string;
  subscribedQuantity: string;
  /** false for a subscription that got no numbers; `invalidReason` says why */
  valid: boolean;
  invalidReason: InvalidReason | null;
  /** the investor's quota in the market when numbers were given (null for subscriptions numbered before quotas) */
  quota: string | null;
  firstNumber: string | null;
  numberCount: string;
  lastNumber: string | null;
  /** false until the winning tails are published */
  drawn: boolean;
  winningTails: string[];
  winningCount: string | null;
  winningQuantity: string | null;
  winningNumbers: string[];
  winningNumbersTruncated: boolean;
  payment: { result: string; paidQuantity: string; reportedOn: string } | null;
}

export async function ipoAllotments(ctx: AppContext, input: HolderRecordsQuery): Promise<AllotmentView[]> {
  const where = holderRecordsWhere(ipoSubscriptions, input, ipoOfferings.subscriptionDate);
  const found = await ctx.db
    .select({ s: ipoSubscriptions, o: ipoOfferings, p: ipoPayments })
    .from(ipoSubscriptions)
    .innerJoin(ipoOfferings, eq(ipoOfferings.id, ipoSubscriptions.offeringId))
    .leftJoin(ipoPayments, eq(ipoPayments.subscriptionId, ipoSubscriptions.id))
    .where(and(...where))
    .orderBy(desc(ipoOfferings.subscriptionDate), asc(ipoSubscriptions.accountNumber), asc(ipoOfferings.securityCode), asc(ipoSubscriptions.orderedAt), asc(ipoSubscriptions.id));
  const tails = await tailsOf(ctx.db, [...new Set(found.map((r) => r.o.id))]);
  return found.map(({ s, o, p }) => {
    const drawn = o.status === 'drawn';
    const offeringTails = tails.get(o.id) ?? [];
    const won = drawn && s.firstNumber !== null ? winningNumbers(s.firstNumber, s.numberCount, offeringTails, MAX_LISTED_NUMBERS) : [];
    return {
      id: s.id.toString(),
      accountNumber: s.accountNumber,
      market: o.market,
      securityCode: o.securityCode,
      securityName: o.name,
      board: o.board,
      productType: o.productType,
      issuePrice: o.issuePrice,
      subscriptionDate: o.subscriptionDate,
      subscribedQuantity: s.quantity.toString(),
      valid: s.invalidReason === null,
      invalidReason: s.invalidReason as InvalidReason | null,
      quota: s.quota?.toString() ?? null,
      firstNumber: s.firstNumber?.toString() ?? null,
      numberCount: s.numberCount.toString(),
      lastNumber: s.firstNumber === null ? null : (s.firstNumber + s.numberCount - 1n).toString(),
      drawn,
      winningTails: drawn ? offeringTails : [],
      winningCount: s.winningCount?.toString() ?? null,
      winningQuantity: s.winningQuantity?.toString() ?? null,
      winningNumbers: won.map(String),
      winningNumbersTruncated: (s.winningCount ?? 0n) > BigInt(won.length),
      payment: p ? { result: p.result, paidQuantity: p.paidQuantity.toString(), reportedOn: p.reportedOn } : null,
    };
  });
}
