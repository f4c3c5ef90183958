/**
 * A restart of `npm start` (serve --demo) runs every module's demo seed again on the
 * seeded database: each must find its data there and write nothing, its after-step
 * included, so that a restart costs a few queries and changes no row.
 */
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { describeEachDatabase } from './databases.ts';
import { testContext } from './context.ts';
import { composition } from '../server/src/modules/index.ts';
import { rows, type Db } from '../server/src/platform/db/client.ts';
import type { AppContext } from '../server/src/context.ts';
import type { DemoOutcome } from '../server/src/platform/modules.ts';

const options = { holders: 50 };

/** As `clearhall serve --demo` seeds (server/src/main.ts): each module's seed, then each one's after-step. */
async function seedAll(ctx: AppContext): Promise<(DemoOutcome | null)[]> {
  const outcomes = new Map<string, DemoOutcome | null>();
  for (const m of composition.modules) if (m.demo) outcomes.set(m.name, await m.demo.seed(ctx, options));
  const after: (DemoOutcome | null)[] = [];
  for (const m of composition.modules) if (m.demo?.after) after.push(await m.demo.after(ctx, outcomes.get(m.name) ?? null, options));
  return [...outcomes.values(), ...after];
}

/** The row count of every table of the schema. */
async function rowCounts(db: Db): Promise<Record<string, number>> {
  const tables = await rows<{ name: string }>(db, sql`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1`);
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await rows<{ n: string }>(db, sql`select count(*)::text as n from ${sql.identifier(name)}`);
    counts[name] = Number(row!.n);
  }
  return counts;
}

describeEachDatabase('the demo seed on a seeded database (a restart)', (getDb) => {
  it('writes nothing the second time', { timeout: 600_000 }, async () => {
    const ctx = testContext(getDb());
    expect((await seedAll(ctx)).some((outcome) => outcome !== null)).toBe(true);
    const seeded = await rowCounts(ctx.db);
    expect(seeded.holders).toBeGreaterThan(0);

    expect((await seedAll(ctx)).every((outcome) => outcome === null)).toBe(true);
    expect(await rowCounts(ctx.db)).toEqual(seeded);
  });
});
