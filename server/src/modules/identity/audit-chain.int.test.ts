import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase, openAsOwner, openTestDatabase } from '../../../../test/databases.ts';
import { staffServerForSuite } from '../../../../test/http.ts';
import { rows, type Database } from '../../platform/db/client.ts';
import { audit } from '../../platform/audit/audit.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

/** As the owner, with the append-only triggers off: edit one entry's action. */
async function editEntry(database: Database, id: string) {
  const owner = await openAsOwner(database);
  try {
    await owner.db.transaction(async (tx) => {
      await tx.execute(sql`alter table audit_entries disable trigger user`);
      await tx.execute(sql`update audit_entries set action = 'staff.nothing_to_see' where id = ${id}::bigint`);
      await tx.execute(sql`alter table audit_entries enable trigger user`);
    });
  } finally {
    await owner.close();
  }
}

describeEachDatabase('GET /api/v1/staff/audit/chain', (getDb) => {
  const { server, admin } = staffServerForSuite(getDb);

  it('reports the chain intact, then names the entry an administrator of the database edited', async () => {
    const intact = await admin.request('GET', '/api/v1/staff/audit/chain');
    expect(intact.statusCode).toBe(200);
    const body = intact.json();
    expect(body).toMatchObject({ ok: true, firstBreak: null });
    expect(body.entries).toBeGreaterThan(0); // the administrator's sign-in, at least
    expect(body.head.hash).toMatch(/^[0-9a-f]{64}$/);

    await audit(server.ctx.db, server.ctx.clock.now(), {}, { actor: { kind: 'staff', id: 'clerk' }, action: 'staff.sensitive_change' });
    const [entry] = await rows<{ id: string; seq: string }>(server.ctx.db, sql`select id::text as id, seq::text as seq from audit_entries where action = 'staff.sensitive_change'`);
    await editEntry(getDb(), entry!.id);

    const broken = (await admin.request('GET', '/api/v1/staff/audit/chain')).json();
    expect(broken).toMatchObject({ ok: false, firstBreak: { kind: 'edited', id: entry!.id, seq: entry!.seq } });
  });
});

describe('clearhall audit verify', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    for (let i = 0; i < 3; i++) await audit(database.db, new Date(), {}, { actor: { kind: 'system' }, action: `test.cli.${i}` });
  });
  afterAll(async () => {
    await database?.close();
  });

  const verify = async () => {
    const env = { ...process.env, DATABASE_URL: (database.raw as pg.Pool).options.connectionString!, PII_KEY: randomBytes(32).toString('base64'), DEMO: '', LOG_LEVEL: 'silent' };
    return promisify(execFile)(process.execPath, ['bin/clearhall.mjs', 'audit', 'verify'], { cwd: repoRoot, env }).then(
      ({ stdout }) => ({ code: 0, out: stdout }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, out: error.stdout + error.stderr }),
    );
  };

  it('passes an intact chain as the application role and fails, naming the entry, once one is edited', { timeout: 180_000 }, async () => {
    const intact = await verify();
    expect(intact).toMatchObject({ code: 0, out: expect.stringMatching(/^audit chain intact: 3 entries; head seq 3 hash [0-9a-f]{64}/) });
    const [entry] = await rows<{ id: string }>(database.db, sql`select id::text as id from audit_entries where action = 'test.cli.1'`);
    await editEntry(database, entry!.id);
    const broken = await verify();
    expect(broken.code).toBe(1);
    expect(broken.out).toContain(`audit chain broken (edited): entry seq 2 (id ${entry!.id}) was edited`);
  });
});
