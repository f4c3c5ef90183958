import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows, type Executor } from './client.ts';
import { mergeParsersWithoutCopying } from './pglite-parsers.ts';

// Every kind of value whose parsing Drizzle overrides (dates, timestamps, intervals, their arrays, numeric[]) and some it does not.
const VALUES = sql`select timestamp '2026-01-02 03:04:05.678901' as ts, timestamptz '2026-01-02 03:04:05.5+08' as tstz, date '2026-02-03' as d,
  interval '1 day 02:03:04' as iv, array[1.50, 2]::numeric[] as nums, array[date '2026-01-01'] as ds, array[timestamptz '2026-01-01 00:00+00'] as tstzs,
  9007199254740993::int8 as big, true as flag, '{"a":[1,"x"]}'::jsonb as doc, array['a','b,c'] as texts, array[1,2]::int4[] as ints,
  '7f1c3a1e-5f0e-4c7e-9a55-1b2a3c4d5e6f'::uuid as id, 12.340::numeric as n, null::text as nothing`;

describe('PGlite with query parsers merged without copying', () => {
  let plain: PGlite;
  let merged: PGlite;
  beforeAll(async () => {
    [plain, merged] = await Promise.all([PGlite.create(), PGlite.create()]);
    mergeParsersWithoutCopying(merged);
  });
  afterAll(async () => {
    await Promise.all([plain.close(), merged.close()]);
  });

  const read = (client: PGlite) => rows(drizzle(client) as unknown as Executor, VALUES);

  it('parses every value as PGlite does with the parsers copied, through Drizzle and raw', async () => {
    const expected = await read(plain);
    expect(expected[0]).toMatchObject({ ts: '2026-01-02 03:04:05.678901', d: '2026-02-03', big: 9007199254740993n, flag: true, texts: ['a', 'b,c'] });
    expect(await read(merged)).toEqual(expected);
    expect(await drizzle(merged).transaction((tx) => rows(tx as unknown as Executor, VALUES))).toEqual(expected);
    // Without parsers of its own, a raw query parses with the table (timestamps as Date).
    const raw = (await merged.query<{ ts: unknown }>("select timestamp '2026-01-02 03:04:05' as ts")).rows[0]!;
    expect(raw.ts).toBeInstanceOf(Date);
    expect(raw).toEqual((await plain.query("select timestamp '2026-01-02 03:04:05' as ts")).rows[0]);
  });

  it('does not copy the table of every type on a query with parsers of its own', async () => {
    let copies = 0;
    const counting = (client: PGlite) => {
      const table = (client as unknown as { parsers: object }).parsers;
      (client as unknown as { parsers: object }).parsers = new Proxy(table, {
        ownKeys: (t) => {
          copies++;
          return Reflect.ownKeys(t);
        },
      });
    };
    counting(plain);
    await read(plain);
    expect(copies).toBeGreaterThan(0); // what PGlite does by itself
    copies = 0;
    counting(merged);
    await read(merged);
    await drizzle(merged).transaction((tx) => rows(tx as unknown as Executor, VALUES));
    expect(copies).toBe(0);
  });
});
