import type { Command } from 'commander';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { is, Table } from 'drizzle-orm';
import type { AppContext } from '../context.ts';
import type { JobDefinition } from './jobs/queue.ts';
import * as platformTables from './db/schema.ts';
import * as sandboxTables from './external/sandbox-schema.ts';
import * as caseTables from './cases/schema.ts';
import type { CaseType } from './cases/index.ts';

/**
 * The module contract (docs/decisions/0019-module-contract.md): a subsystem is a
 * folder under server/src/modules/ whose index.ts exports one definition made with
 * `defineModule`. The list in server/src/modules/index.ts names the modules in
 * dependency order; `composeModules` turns it into what the app, the context, the
 * CLI, the roles, the job worker and the Drizzle schema need.
 */

/** Who a group of routes serves; the console and the docs group routes by it. */
export type Audience = 'public' | 'investor' | 'staff' | 'partner';

export interface ModuleRoutes {
  readonly audience: Audience;
  /** Every path the plugin registers starts with this (checked when the app is built). */
  readonly prefix: `/${string}`;
  readonly plugin: FastifyPluginAsyncTypebox<{ ctx: AppContext }>;
}

export type OrganisationKind = 'depository' | 'broker' | 'futures';

/** A staff role a module brings, and the kind of organisation whose staff may hold it. */
export interface RoleDeclaration {
  readonly name: string;
  readonly organisationKind: OrganisationKind;
}

/** A permission a module's staff routes check, and the roles (of any module) that hold it. */
export interface PermissionDeclaration {
  readonly name: string;
  readonly grantedTo: readonly string[];
}

/** A context over the configured database, for one CLI command; close it when done. */
export type OpenContext = () => Promise<{ ctx: AppContext; close(): Promise<void> }>;
/** The address of the running server as this machine reaches it (PUBLIC_URL, else HOST and PORT): for commands that talk to it. */
export type ServerUrl = () => string;

export interface DemoLogin {
  portal: string;
  account: string;
  password: string;
  totpSecret?: string;
  note: string;
}

export interface DemoOptions {
  /** Holders in the demo registry. */
  holders?: number;
  /** Print progress and a summary (the `seed` command); `serve --demo` stays quiet. */
  progress?: boolean;
}

/** What a module's demo seed wrote: null when its tables held data already. */
export interface DemoOutcome {
  logins?: readonly DemoLogin[];
  /** Lines shown beside the demo logins (people, cards, how to verify). */
  notes?: readonly string[];
  /** Printed by `clearhall seed` (progress on). */
  summary?: readonly string[];
}

export interface ModuleDemo {
  /** Seeds the module's demo data, in list order, into an empty database. */
  seed(ctx: AppContext, options: DemoOptions): Promise<DemoOutcome | null>;
  /** Runs after every module's seed (data that needs a later module's), given this module's own outcome. */
  after?(ctx: AppContext, seeded: DemoOutcome | null, options: DemoOptions): Promise<DemoOutcome | null>;
}

export interface ModuleDefinition {
  readonly name: string;
  /** The module's Drizzle tables (its schema files' exports; anything else is ignored). */
  readonly tables: Readonly<Record<string, unknown>>;
  readonly routes?: readonly ModuleRoutes[];
  /** The background jobs the module's use cases enqueue, given the platform's context. */
  readonly jobs?: (ctx: AppContext) => readonly JobDefinition[];
  readonly roles?: readonly RoleDeclaration[];
  readonly permissions?: readonly PermissionDeclaration[];
  /** Adds the module's commands to the CLI. */
  readonly commands?: (program: Command, open: OpenContext, serverUrl: ServerUrl) => void;
  readonly demo?: ModuleDemo;
  /**
   * Runs once, when the list is composed: fills ports of earlier modules (see identity's
   * ports.ts), or takes what every module declared (identity installs the roles).
   */
  readonly connect?: (composed: ComposedDeclarations) => void;
  /** Review-case types the module declares (platform/cases); the cases module registers them. */
  readonly caseTypes?: readonly CaseType[];
}

export function defineModule<M extends ModuleDefinition>(definition: M): M {
  return definition;
}

/** What the modules of the list declared, together. */
export interface ComposedDeclarations {
  readonly roles: readonly RoleDeclaration[];
  readonly permissions: readonly PermissionDeclaration[];
  readonly caseTypes: readonly CaseType[];
}

export interface Composition extends ComposedDeclarations {
  readonly modules: readonly ModuleDefinition[];
  /** Every table, the platform's and each module's: the Drizzle schema object. */
  readonly schema: Readonly<Record<string, Table>>;
  readonly routes: readonly (ModuleRoutes & { module: string })[];
  jobs(ctx: AppContext): JobDefinition[];
  addCommands(program: Command, open: OpenContext, serverUrl: ServerUrl): void;
}

function tablesOf(exports: Readonly<Record<string, unknown>>): Record<string, Table> {
  return Object.fromEntries(Object.entries(exports).filter(([, value]) => is(value, Table))) as Record<string, Table>;
}

function unique(kind: string, names: readonly string[]): void {
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) throw new Error(`module list: ${kind} ${name} is declared twice`);
    seen.add(name);
  }
}

/** Checks the list and builds what the rest of the server needs from it; connects the ports. */
export function composeModules(modules: readonly ModuleDefinition[]): Composition {
  unique(
    'module',
    modules.map((m) => m.name),
  );
  const schema: Record<string, Table> = { ...tablesOf(platformTables), ...tablesOf(sandboxTables), ...tablesOf(caseTables) };
  for (const m of modules) {
    for (const [name, table] of Object.entries(tablesOf(m.tables))) {
      if (name in schema) throw new Error(`module ${m.name}: table export ${name} is declared twice`);
      schema[name] = table;
    }
  }
  const roles = modules.flatMap((m) => m.roles ?? []);
  const permissions = modules.flatMap((m) => m.permissions ?? []);
  unique(
    'role',
    roles.map((r) => r.name),
  );
  unique(
    'permission',
    permissions.map((p) => p.name),
  );
  const roleNames = new Set(roles.map((r) => r.name));
  for (const p of permissions) for (const r of p.grantedTo) if (!roleNames.has(r)) throw new Error(`permission ${p.name} is granted to ${r}, which no module declares`);
  const caseTypes = modules.flatMap((m) => m.caseTypes ?? []);
  unique(
    'case type',
    caseTypes.map((c) => c.name),
  );
  for (const m of modules) m.connect?.({ roles, permissions, caseTypes });
  return {
    modules,
    schema,
    routes: modules.flatMap((m) => (m.routes ?? []).map((r) => ({ ...r, module: m.name }))),
    roles,
    permissions,
    caseTypes,
    jobs: (ctx) => modules.flatMap((m) => m.jobs?.(ctx) ?? []),
    addCommands: (program, open, serverUrl) => {
      for (const m of modules) m.commands?.(program, open, serverUrl);
    },
  };
}

/** The program's command `name`, created with `description` unless a module added it already (`import`, `export`, `sandbox`). */
export function commandGroup(program: Command, name: string, description: string): Command {
  return program.commands.find((c) => c.name() === name) ?? program.command(name).description(description);
}
