import { Type } from '@sinclair/typebox';
import { Decimal, Nullable, Obj, Quantity } from '../../kernel/wire.ts';

/**
 * Response shapes of the corporate-event queries (IPO allotments, abandoned
 * subscriptions, risk-disclosure signings, dividend tax records), shared by the staff routes and the
 * investor hall's routes so the two answer the same thing.
 */

export const IpoAllotment = Obj({
  id: Type.String(),
  accountNumber: Type.String(),
  market: Type.String(),
  securityCode: Type.String(),
  securityName: Type.String(),
  board: Type.String(),
  productType: Type.String(),
  issuePrice: Decimal,
  subscriptionDate: Type.String(),
  subscribedQuantity: Quantity,
  valid: Type.Boolean({ description: 'false: an invalid subscription (无效申购), no allotment numbers' }),
  invalidReason: Nullable(
    Type.Union([Type.Literal('DUPLICATE_INVESTOR'), Type.Literal('DUPLICATE_ACCOUNT'), Type.Literal('ABOVE_QUOTA')], {
      description: 'DUPLICATE_INVESTOR: the investor subscribed earlier through another account; DUPLICATE_ACCOUNT: a repeat from the same account; ABOVE_QUOTA: more than the quota',
    }),
  ),
  quota: Nullable(Quantity),
  firstNumber: Nullable(Quantity),
  numberCount: Quantity,
  lastNumber: Nullable(Quantity),
  drawn: Type.Boolean(),
  winningTails: Type.Array(Type.String()),
  winningCount: Nullable(Quantity),
  winningQuantity: Nullable(Quantity),
  winningNumbers: Type.Array(Type.String()),
  winningNumbersTruncated: Type.Boolean(),
  payment: Nullable(Obj({ result: Type.String(), paidQuantity: Quantity, reportedOn: Type.String() })),
});

export const AbandonmentRecord = Obj({
  id: Type.String(),
  accountNumber: Type.String(),
  market: Type.String(),
  productType: Type.String(),
  securityCode: Type.String(),
  securityName: Type.String(),
  winningQuantity: Quantity,
  abandonedQuantity: Quantity,
  reportedOn: Type.String(),
});

export const RiskDisclosureSigning = Obj({
  accountNumber: Type.String(),
  disclosureType: Type.String(),
  typeNameZh: Type.String(),
  typeNameEn: Type.String(),
  signedOn: Type.String(),
  broker: Type.String(),
});

export const DividendTaxRecord = Obj({
  /** the record's own key: one sale of one lot may give several records (one per distribution) */
  id: Type.String(),
  market: Type.String(),
  code: Type.String(),
  name: Type.String(),
  accountNumber: Type.String(),
  recordOn: Type.String(),
  dividendPerShare: Decimal,
  quantity: Decimal,
  acquiredOn: Type.String(),
  soldOn: Type.String(),
  band: Type.String(),
  dividendAmount: Decimal,
  taxableAmount: Decimal,
  taxAmount: Decimal,
});
