import { Type, type TSchema } from '@sinclair/typebox';

/** Shared pieces of route schemas. Every body is closed (additionalProperties: false). */
export const Obj = <T extends Record<string, TSchema>>(properties: T, description?: string) =>
  Type.Object(properties, { additionalProperties: false, ...(description ? { description } : {}) });

export const Uuid = Type.String({ format: 'uuid', maxLength: 36 });
export const Str = (maxLength: number, extra: Record<string, unknown> = {}) => Type.String({ maxLength, ...extra });

export const ErrorBody = Type.Object(
  { code: Type.String(), message: Type.String(), details: Type.Record(Type.String(), Type.Unknown()) },
  { $id: 'Error', description: 'The one error shape: a stable code, a message in the request language, details' },
);

export const errorResponses = {
  400: Type.Ref('Error'),
  401: Type.Ref('Error'),
  403: Type.Ref('Error'),
  404: Type.Ref('Error'),
  409: Type.Ref('Error'),
  423: Type.Ref('Error'),
  429: Type.Ref('Error'),
};

export const Page = Obj({
  page: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,5}$' })),
  pageSize: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,2}$' })),
});

export function pageOf(query: { page?: string; pageSize?: string }): { page: number; pageSize: number } {
  return { page: Number(query.page ?? 1), pageSize: Math.min(Number(query.pageSize ?? 20), 200) };
}

export const NoContent = Type.Null({ description: 'No content' });
