import { Type, type TSchema } from '@sinclair/typebox';

/**
 * Shapes every module puts on the wire, defined once. Exact numbers travel as
 * strings (money, prices, share quantities are never JSON numbers); days are
 * calendar days in YYYY-MM-DD.
 */

const ISO_DAY = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';

/** A calendar day, YYYY-MM-DD; an impossible day (2024-02-30) is refused as VALIDATION_FAILED. */
export const IsoDay = Type.String({ pattern: ISO_DAY, format: 'date', maxLength: 10, description: 'a calendar day, YYYY-MM-DD' });

/** A day of the form YYYY-MM-DD whose calendar validity the service checks itself (to answer its own error code). */
export const IsoDayText = Type.String({ pattern: ISO_DAY, maxLength: 10, description: 'a day, YYYY-MM-DD' });

/** An exact decimal (money, a price, a rate), as a string; may be negative. */
export const Decimal = Type.String({ pattern: '^-?[0-9]+(\\.[0-9]+)?$', description: 'an exact decimal, as a string' });

/** An input decimal with at most `integerDigits` digits before the point and `fractionDigits` after it, never negative. */
export const DecimalInput = (integerDigits: number, fractionDigits: number, description?: string) =>
  Type.String({
    pattern: `^[0-9]{1,${integerDigits}}(\\.[0-9]{1,${fractionDigits}})?$`,
    maxLength: integerDigits + fractionDigits + 1,
    description: description ?? `a decimal with at most ${fractionDigits} decimals, as a string`,
  });

/** A whole number of shares (a bigint on the server), as a string; may be negative in a movement. */
export const Quantity = Type.String({ pattern: '^-?[0-9]+$', description: 'a whole number of shares, as a decimal string' });

export const Uuid = Type.String({ format: 'uuid', pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$', maxLength: 36 });

/** A JSON object with exactly these properties: requests are refused with more, responses never carry more. */
export const Obj = <T extends Record<string, TSchema>>(properties: T, description?: string) => Type.Object(properties, { additionalProperties: false, ...(description ? { description } : {}) });

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** `{ items: T[] }`: a whole list. */
export const Items = <T extends TSchema>(item: T) => Obj({ items: Type.Array(item) });

/** The page query of a paged list: 1-based page, page size at most 200 (pageRequestOf). */
export const Page = Obj({
  page: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,5}$' })),
  pageSize: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,2}$' })),
});

/** One page of a list, with the total count. */
export const Paged = <T extends TSchema>(item: T) => Obj({ items: Type.Array(item), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });

export function pageRequestOf(query: { page?: string; pageSize?: string }): { page: number; pageSize: number } {
  return { page: Number(query.page ?? 1), pageSize: Math.min(Number(query.pageSize ?? 20), 200) };
}

/** A stock exchange market: Shanghai, Shenzhen, Beijing. */
export const Market = Type.Union([Type.Literal('SH'), Type.Literal('SZ'), Type.Literal('BJ')], { description: '交易市场' });

/** A six-digit security code (证券代码). */
export const SecurityCode = Type.String({ pattern: '^[0-9]{6}$' });

/** A securities account number (证券账户), ten letters or digits. */
export const SecuritiesAccountNumber = Type.String({ pattern: '^[A-Z0-9]{10}$' });
