import { AsyncLocalStorage } from 'node:async_hooks';
import type { PGlite } from '@electric-sql/pglite';

/**
 * PGlite merges a query's own type parsers into its table of every type's parser
 * with an object spread (`{ ...this.parsers, ...options.parsers }`), on every
 * query. The table holds some 320 entries (an array parser for each array type,
 * the catalog's included), so that spread cost 0.2 to 0.4 ms of the main thread
 * per query; Drizzle passes parsers on each one (it keeps dates and timestamps as
 * text), which made it the largest single cost of a sign-in after argon2
 * (decision 0036).
 *
 * Here a query's parsers are passed another way: PGlite is called without them,
 * and while that call runs (an AsyncLocalStorage scope), reading the instance's
 * `parsers` gives a view that answers the query's own parser for a type first and
 * the table's otherwise, which is what the spread built, without copying it.
 * Queries without parsers, and everything outside a query, see the table itself.
 */
type ParserTable = Record<string | number, unknown>;
interface QueryOptions {
  parsers?: ParserTable;
  [option: string]: unknown;
}
type Query = (text: string, params?: unknown[], options?: QueryOptions) => Promise<unknown>;
interface Queryable {
  query: Query;
}

export function mergeParsersWithoutCopying(client: PGlite): PGlite {
  const target = client as unknown as { parsers: ParserTable; query: Query; transaction: (fn: (tx: Queryable) => Promise<unknown>) => Promise<unknown> };
  const scoped = new AsyncLocalStorage<ParserTable>();
  let table = target.parsers;
  Object.defineProperty(client, 'parsers', {
    configurable: true,
    enumerable: true,
    get: () => scoped.getStore() ?? table,
    set: (value: ParserTable) => {
      table = value;
    },
  });
  const view = (own: ParserTable): ParserTable => new Proxy(own, { get: (parsers, type) => (parsers[type as string] as unknown) ?? table[type as string] });
  const withParsers =
    (query: Query): Query =>
    (text, params, options) => {
      if (!options?.parsers) return query(text, params, options);
      const { parsers, ...rest } = options;
      return scoped.run(view(parsers), () => query(text, params, rest));
    };
  target.query = withParsers(target.query.bind(client));
  const transaction = target.transaction.bind(client);
  target.transaction = (fn) =>
    transaction((tx) => {
      tx.query = withParsers(tx.query.bind(tx));
      return fn(tx);
    });
  return client;
}
