import { Type } from '@sinclair/typebox';
import { Obj } from '../../platform/http/schemas.ts';

/**
 * Response shapes of the corporate-event queries (IPO allotments, abandoned
 * subscriptions, risk-disclosure signings), shared by the staff routes and the
 * investor hall's routes so the two answer the same thing.
 */
export const Shares = Type.String({ pattern: '^-?\\d+$', description: 'a whole number of shares, as a decimal string' });
export const Decimal = Type.String({ pattern: '^\\d+(\\.\\d+)?$', description: 'an exact decimal, as a string' });
export const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const IpoAllotment = Obj({
  accountNumber: Type.String(),
  market: Type.String(),
  securityCode: Type.String(),
  securityName: Type.String(),
  board: Type.String(),
  productType: Type.String(),
  issuePrice: Decimal,
  subscriptionDate: Type.String(),
  subscribedQuantity: Shares,
  firstNumber: Shares,
  numberCount: Shares,
  lastNumber: Shares,
  drawn: Type.Boolean(),
  winningTails: Type.Array(Type.String()),
  winningCount: Nullable(Shares),
  winningQuantity: Nullable(Shares),
  winningNumbers: Type.Array(Type.String()),
  winningNumbersTruncated: Type.Boolean(),
  payment: Nullable(Obj({ result: Type.String(), paidQuantity: Shares, reportedOn: Type.String() })),
});

export const AbandonmentRecord = Obj({
  id: Type.String(),
  accountNumber: Type.String(),
  market: Type.String(),
  productType: Type.String(),
  securityCode: Type.String(),
  securityName: Type.String(),
  winningQuantity: Shares,
  abandonedQuantity: Shares,
  reportedOn: Type.String(),
});

export const RiskDisclosureSigning = Obj({ accountNumber: Type.String(), disclosureType: Type.String(), typeNameZh: Type.String(), typeNameEn: Type.String(), signedOn: Type.String(), broker: Type.String() });
