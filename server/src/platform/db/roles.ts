import { sql } from 'drizzle-orm';
import { rows, type Executor } from './client.ts';

/**
 * Database roles on PostgreSQL (decision 0025, README "Database roles").
 *
 * - The owner (DATABASE_OWNER_URL) owns the schema: `clearhall migrate` runs as it.
 * - The application (DATABASE_URL) is another role that owns nothing. It may read and
 *   write the business tables, but on the audit trail only insert and read; it holds
 *   no TRUNCATE, REFERENCES or TRIGGER right anywhere, and as a non-owner it cannot
 *   alter, disable triggers on or drop any table. The audit chain's head is written
 *   only by the link trigger, which runs as the owner (SECURITY DEFINER).
 *
 * The grants are re-applied after every migration, so a table a later migration adds
 * is covered. PGlite (the demo) has a single user and none of this applies.
 */

/** Tables the application may only insert into and read. */
export const INSERT_ONLY_TABLES = ['audit_entries'] as const;
/** Tables the application may only read. */
export const READ_ONLY_TABLES = ['audit_chain_head'] as const;

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function checkRoleName(role: string): string {
  if (!ROLE_NAME.test(role)) throw new Error(`bad role name "${role}": lower-case letters, digits and _ only`);
  return role;
}

/** The role a connection string signs in as (its user name). */
export function roleOfUrl(url: string): string {
  return decodeURIComponent(new URL(url).username);
}

/** The statements that give the application role its rights, in order. Run by the owner. */
export function applicationGrants(role: string): string[] {
  const r = `"${checkRoleName(role)}"`;
  return [
    `revoke all on all tables in schema public from ${r}`,
    `revoke all on all sequences in schema public from ${r}`,
    `grant usage on schema public to ${r}`,
    `grant select, insert, update, delete on all tables in schema public to ${r}`,
    `revoke update, delete on ${INSERT_ONLY_TABLES.join(', ')} from ${r}`,
    `revoke insert, update, delete on ${READ_ONLY_TABLES.join(', ')} from ${r}`,
    `grant usage, select on all sequences in schema public to ${r}`,
    // A batch reserves its journal ids in one setval, not one nextval per entry (decision 0033).
    `grant update on sequence holding_changes_id_seq to ${r}`,
  ];
}

/** Grants the application role its rights on every table there is now (after migrating). */
export async function grantApplicationRole(ex: Executor, role: string): Promise<void> {
  const [me] = await rows<{ user: string }>(ex, sql`select current_user as "user"`);
  if (me?.user === role) throw new Error(`the application role "${role}" is the owner role: give DATABASE_URL its own role (see README, Database roles)`);
  for (const statement of applicationGrants(role)) await ex.execute(sql.raw(statement));
}

/** Whether the connection's role owns the audit trail (or is a superuser): then it could alter it. */
export async function ownsAuditTrail(ex: Executor): Promise<boolean> {
  const [row] = await rows<{ owns: boolean }>(
    ex,
    sql`select coalesce((select pg_has_role(current_user, tableowner, 'USAGE') from pg_tables where schemaname = current_schema() and tablename = 'audit_entries'), false)
          or (select rolsuper from pg_roles where rolname = current_user) as owns`,
  );
  return row?.owns ?? false;
}

/** Whether a role exists on the server. */
export async function roleExists(ex: Executor, role: string): Promise<boolean> {
  const found = await rows<{ n: number }>(ex, sql`select 1 as n from pg_roles where rolname = ${role}`);
  return found.length > 0;
}

/**
 * Creates the application's login role (if missing) with the password given: no
 * superuser, no role or database creation, no replication, no row-security bypass.
 * The caller needs CREATEROLE.
 */
export async function createApplicationRole(ex: Executor, role: string, password: string | null): Promise<boolean> {
  if (await roleExists(ex, role)) return false;
  const r = `"${checkRoleName(role)}"`;
  const withPassword = password === null ? '' : ` password ${quoteLiteral(password)}`;
  await ex.execute(sql.raw(`create role ${r} login nosuperuser nocreatedb nocreaterole noreplication nobypassrls${withPassword}`));
  return true;
}

function quoteLiteral(value: string): string {
  if (value.includes('\0')) throw new Error('a password cannot hold a NUL character');
  return `'${value.replace(/'/g, "''")}'`;
}
