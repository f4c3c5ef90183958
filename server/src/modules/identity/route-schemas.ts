import { Type } from '@sinclair/typebox';
import { Nullable, Obj, Uuid } from '../../kernel/wire.ts';
import { idTypeKeys } from '../../kernel/identifiers.ts';
import { Str } from '../../platform/http/schemas.ts';

/** Wire shapes the identity routes share, and the principal that GET /api/v1/session answers. */

/** The answer to a graphic captcha (图形验证码), which every form before sign-in carries. */
export const CaptchaAnswer = { captchaId: Uuid, captchaAnswer: Str(10) };
/** A person's identity as a form before sign-in gives it: 姓名, 证件类型, 证件号码. */
export const PersonName = Str(100, { minLength: 1 });
export const IdTypeInput = Type.Union(idTypeKeys.map((k) => Type.Literal(k)));
export const IdNumberInput = Str(40, { minLength: 1 });

export const OrganisationKind = Type.Union([Type.Literal('depository'), Type.Literal('broker'), Type.Literal('futures')]);
export const Organisation = Obj({ id: Type.String(), kind: OrganisationKind, code: Type.String(), name: Type.String() });

export const InvestorPrincipal = Obj(
  {
    kind: Type.Literal('investor'),
    id: Type.String(),
    username: Nullable(Type.String()),
    mobileMasked: Nullable(Type.String()),
    emailMasked: Nullable(Type.String()),
    realNameVerified: Type.Boolean(),
    stepUpValidUntil: Nullable(Type.String({ description: 'ISO time the step-up check (二次认证) holds until, when it holds' })),
  },
  'a signed-in investor',
);

export const StaffPrincipal = Obj(
  {
    kind: Type.Literal('staff'),
    id: Type.String(),
    username: Type.String(),
    displayName: Type.String(),
    organisation: Organisation,
    roles: Type.Array(Type.String()),
    permissions: Type.Array(Type.String()),
  },
  'a signed-in staff user',
);

/** Who is signed in, as GET /api/v1/session answers it. */
export const Principal = Type.Union([InvestorPrincipal, StaffPrincipal]);

/** The token of a sign-in-less flow (password or identity recovery) that the client carries between steps. */
export const FlowToken = Str(100, { minLength: 1 });

export const VerificationViewSchema = Obj(
  {
    id: Type.String(),
    purpose: Type.String(),
    status: Type.String({ description: 'open | pending | passed | failed | abandoned | consumed | expired' }),
    methods: Type.Array(Type.String(), { description: 'methods this subject may use: user_mobile | user_email | reserved_phone | unionpay | trading | counter' }),
    method: Nullable(Type.String()),
    remainingAttempts: Type.Integer(),
    expiresAt: Type.String(),
    resultExpiresAt: Nullable(Type.String()),
    details: Type.Record(Type.String(), Type.String()),
  },
  'An identity verification as the investor sees it',
);
