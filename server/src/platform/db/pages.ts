import type { PgSelect } from 'drizzle-orm/pg-core';

export interface PageRequest {
  page: number;
  pageSize: number;
}

/**
 * One page of a query's rows, with how many rows there are in all. `query` is a
 * dynamic select (`.$dynamic()`), ordered; `counted` selects `count()` as n from
 * the same rows.
 */
export async function pageOf<T extends PgSelect>(query: T, counted: PromiseLike<{ n: number }[]>, page: PageRequest): Promise<{ items: Awaited<T>; total: number }> {
  const [items, [total]] = await Promise.all([query.limit(page.pageSize).offset((page.page - 1) * page.pageSize), counted]);
  return { items, total: Number(total?.n ?? 0) };
}
