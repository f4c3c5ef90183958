import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testConfig } from '../../../../test/context.ts';
import { migrateConfigured } from '../../server.ts';
import { openAsOwner, openTestDatabase, TEST_APP_ROLE } from '../../../../test/databases.ts';
import { audit } from '../audit/audit.ts';
import { verifyAuditChain } from '../audit/chain.ts';
import { openDatabase, rows, type Database } from './client.ts';
import { applicationGrants, grantApplicationRole, ownsAuditTrail, roleOfUrl } from './roles.ts';

/** The database's own error for a statement (Drizzle wraps it). */
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => 'succeeded',
    (error: Error & { cause?: Error }) => (error.cause ?? error).message,
  );

// PostgreSQL only: PGlite has a single (super)user, and the demo runs on it unchanged.
describe('the application role on PostgreSQL', () => {
  let app: Database;
  let owner: Database;
  beforeAll(async () => {
    app = await openTestDatabase('postgres');
    owner = await openAsOwner(app);
    await audit(app.db, new Date(), {}, { actor: { kind: 'system' }, action: 'test.roles' });
  });
  afterAll(async () => {
    await owner?.close();
    await app?.close();
  });

  it('runs as a role that is neither the owner nor a superuser', async () => {
    const [me] = await rows<{ user: string; superuser: boolean; owner: string }>(
      app.db,
      sql`select current_user as "user", (select rolsuper from pg_roles where rolname = current_user) as superuser, (select tableowner from pg_tables where tablename = 'audit_entries') as owner`,
    );
    expect(me).toEqual({ user: TEST_APP_ROLE, superuser: false, owner: expect.not.stringMatching(TEST_APP_ROLE) });
    expect(await ownsAuditTrail(app.db)).toBe(false);
    expect(await ownsAuditTrail(owner.db)).toBe(true);
  });

  it('may insert into and read the audit trail, and nothing else on it', async () => {
    await audit(app.db, new Date(), {}, { actor: { kind: 'system' }, action: 'test.roles.insert' });
    expect(await failure(app.db.execute(sql`select count(*) from audit_entries`))).toBe('succeeded');
    const refused = /permission denied|must be owner/;
    for (const statement of [
      sql`update audit_entries set action = 'x'`,
      sql`delete from audit_entries`,
      sql`truncate audit_entries`,
      sql`alter table audit_entries disable trigger audit_entries_append_only`,
      sql`alter table audit_entries disable trigger user`,
      sql`drop trigger audit_entries_link on audit_entries`,
      sql`drop table audit_entries`,
      sql`update audit_chain_head set seq = 0`,
      sql`insert into audit_chain_head (id, seq, hash) values (false, 0, '')`,
      sql`create or replace function audit_entry_hash(e audit_entries) returns text language sql as $$ select 'x' $$`,
      sql`truncate holding_changes`,
      sql`create table evil (id int)`,
    ]) {
      expect(await failure(app.db.execute(statement))).toMatch(refused);
    }
    expect((await verifyAuditChain(app.db)).ok).toBe(true);
  });

  it('keeps normal reads and writes elsewhere, temporary tables included', async () => {
    await app.db.transaction(async (tx) => {
      await tx.execute(sql`insert into rate_counters (bucket, window_start, count, expires_at) values ('roles-test', now(), 1, now() + interval '1 minute')`);
      await tx.execute(sql`update rate_counters set count = 2 where bucket = 'roles-test'`);
      await tx.execute(sql`delete from rate_counters where bucket = 'roles-test'`);
      await tx.execute(sql`create temp table stage_test (n int) on commit drop`);
    });
  });

  it('re-grants idempotently and refuses to treat the owner as the application', async () => {
    await grantApplicationRole(owner.db, TEST_APP_ROLE);
    await grantApplicationRole(owner.db, TEST_APP_ROLE);
    const [me] = await rows<{ user: string }>(owner.db, sql`select current_user as "user"`);
    await expect(grantApplicationRole(owner.db, me!.user)).rejects.toThrow(/is the owner role/);
    expect(() => applicationGrants('bad"; drop table x; --')).toThrow(/bad role name/);
    expect(roleOfUrl('postgres://clearhall_app:secret@db:5432/clearhall')).toBe('clearhall_app');
  });
});

describe('clearhall migrate with DATABASE_OWNER_URL', () => {
  it('migrates as the owner and grants the role of DATABASE_URL, which then cannot alter the audit trail', async () => {
    const adminUrl = inject('postgresAdminUrl');
    const name = `roles_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database "${name}"`);
    const ownerUrl = new URL(adminUrl);
    ownerUrl.pathname = `/${name}`;
    const appUrl = new URL(ownerUrl);
    appUrl.username = TEST_APP_ROLE;
    const app = await openDatabase({ url: appUrl.toString(), poolSize: 1 });
    try {
      await migrateConfigured(testConfig({ databaseUrl: appUrl.toString(), databaseOwnerUrl: ownerUrl.toString() }), app);
      const [owner] = await rows<{ owner: string }>(app.db, sql`select tableowner as owner from pg_tables where tablename = 'audit_entries'`);
      expect(owner?.owner).toBe(new URL(adminUrl).username);
      await audit(app.db, new Date(), {}, { actor: { kind: 'system' }, action: 'test.migrated' });
      expect(await failure(app.db.execute(sql`truncate audit_entries`))).toMatch(/permission denied/);
      expect(await failure(app.db.execute(sql`delete from audit_entries`))).toMatch(/permission denied/);
      expect((await verifyAuditChain(app.db)).ok).toBe(true);
    } finally {
      await app.close();
      await admin.query(`drop database if exists "${name}" with (force)`);
      await admin.end();
    }
  });
});
