/** The test harness itself: each kind of test database is migrated, transactional and cleaned up. */
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { expect, inject, it } from 'vitest';
import { rows, type Executor } from '../server/src/platform/db/client.ts';
import { describeEachDatabase, openTestDatabase } from './databases.ts';

async function countAudit(executor: Executor, action: string): Promise<number> {
  const [row] = await rows<{ n: number }>(executor, sql`select count(*)::int as n from audit_entries where action = ${action}`);
  return row?.n ?? -1;
}

function insertAudit(executor: Executor, action: string) {
  return executor.execute(sql`insert into audit_entries (at, actor_kind, action) values (now(), 'system', ${action})`);
}

describeEachDatabase('test harness', (getDb) => {
  it('applies the migrations', async () => {
    const [row] = await rows<{ table: string | null }>(getDb().db, sql`select to_regclass('public.audit_entries')::text as table`);
    expect(row?.table).toBe('audit_entries');
  });

  it('leaves nothing behind when a transaction throws', async () => {
    const { db } = getDb();
    await expect(
      db.transaction(async (tx) => {
        await insertAudit(tx, 'harness.rolled-back');
        expect(await countAudit(tx, 'harness.rolled-back')).toBe(1);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await countAudit(db, 'harness.rolled-back')).toBe(0);
  });

  it('keeps what a transaction commits', async () => {
    const { db } = getDb();
    await db.transaction(async (tx) => {
      await insertAudit(tx, 'harness.committed');
    });
    expect(await countAudit(db, 'harness.committed')).toBe(1);
  });
});

it('drops a postgres test database when it is closed', async () => {
  const database = await openTestDatabase('postgres');
  const [row] = await rows<{ name: string }>(database.db, sql`select current_database() as name`);
  const name = row?.name ?? '';
  expect(name).toMatch(/^test_/);
  await database.close();

  const client = new pg.Client({ connectionString: inject('postgresAdminUrl') });
  await client.connect();
  try {
    const result = await client.query('select 1 from pg_database where datname = $1', [name]);
    expect(result.rowCount).toBe(0);
  } finally {
    await client.end();
  }
});
