import { Type } from '@sinclair/typebox';
import { Obj } from '../../platform/http/schemas.ts';

/** Response shapes of own-accounts.ts, shared by the query, event-query and certificate routes. */
export const AccountBindingSchema = Type.Union([Type.Literal('bound'), Type.Literal('temporary'), Type.Literal('unbound')], {
  description: 'bound: under a unified account you bound; temporary: added for this session (添加证券账户); unbound: neither',
});

export const AccountChoiceSchema = Obj({
  number: Type.String(),
  numberMasked: Type.String({ description: 'masked, or in full once this session passed the step-up check' }),
  market: Type.String(),
  kind: Type.String(),
  status: Type.String(),
  binding: AccountBindingSchema,
  unifiedAccountNumber: Type.String(),
});
