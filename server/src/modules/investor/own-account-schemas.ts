import { Type } from '@sinclair/typebox';
import { Obj } from '../../platform/http/schemas.ts';

/** Response shapes of own-accounts.ts, shared by the query, event-query and certificate routes. */
export const AccountBindingSchema = Type.Union([Type.Literal('bound'), Type.Literal('temporary'), Type.Literal('unbound')], {
  description: 'bound: under a unified account you bound; temporary: added for this session (添加证券账户); unbound: neither',
});

/** An opaque account reference (own-accounts.ts `accountRef`): what requests send instead of an account number. */
export const AccountRef = Type.String({ minLength: 20, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$', description: 'opaque reference of one of your securities accounts (`ref` of the account choices)' });

/** A list row's account: masked, beside its reference. */
export const MaskedAccountFields = {
  accountMasked: Type.String({ description: 'the securities account number, masked' }),
  accountRef: Type.String({ description: 'opaque reference of the account, for requests' }),
};

export const AccountChoiceSchema = Obj({
  ref: Type.String({ description: 'opaque reference: what requests send as the account' }),
  numberMasked: Type.String({ description: 'the number, masked (in full only in 我的一码通 after the step-up check)' }),
  market: Type.String(),
  kind: Type.String(),
  status: Type.String(),
  binding: AccountBindingSchema,
  unifiedAccountMasked: Type.String(),
});
