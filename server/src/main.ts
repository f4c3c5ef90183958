import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { ConfigError, loadConfig, settingsTable, type Config } from './config.ts';
import { createContext, createLogger } from './context.ts';
import { openDatabase, type Database } from './platform/db/client.ts';
import { createApplicationRole, grantApplicationRole, roleOfUrl } from './platform/db/roles.ts';
import { verifyAuditChain } from './platform/audit/chain.ts';
import { SmtpMailer } from './platform/notify/mailer.ts';
import { AppError } from './platform/errors.ts';
import { demoPiiKey, migrateConfigured, openConfiguredDatabase, startServer, type RunningServer } from './server.ts';
import type { DemoLogin, DemoOptions, DemoOutcome } from './platform/modules.ts';
import { composition } from './modules/index.ts';
import { DEMO_REGISTRY_HOLDERS } from './modules/registry/index.ts';
import { demoBanner } from './demo-banner.ts';

function config(overrides: Partial<Config> = {}): Config {
  const demo = overrides.demo ?? ['true', '1'].includes(process.env.DEMO ?? '');
  const base = loadConfig(process.env, { ...overrides, demo, ...(demo && !process.env.PII_KEY ? { piiKeyBytes: demoPiiKey(process.env.DATA_DIR || './var') } : {}) });
  return base;
}

function port(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 65535) throw new InvalidArgumentError('must be a port number (0-65535)');
  return Number(value);
}

const demoLoginsFile = (cfg: Config) => path.join(cfg.dataDir, 'demo-logins.json');
const demoNotesFile = (cfg: Config) => path.join(cfg.dataDir, 'demo-notes.json');

function printDemoLogins(cfg: Config, url: string) {
  const file = demoLoginsFile(cfg);
  if (!existsSync(file)) return;
  const logins = JSON.parse(readFileSync(file, 'utf8')) as DemoLogin[];
  const notes = existsSync(demoNotesFile(cfg)) ? (JSON.parse(readFileSync(demoNotesFile(cfg), 'utf8')) as string[]) : [];
  console.log(demoBanner(url, logins, notes, cfg.apiDocs));
}

/** Each module's demo data, in list order, each only into its empty tables; true when anything was written. */
async function seed(cfg: Config, options: DemoOptions = {}, given?: Database) {
  // As the owner: bulk loading drops and rebuilds indexes, which only the owner may. A database
  // given by the caller is the embedded one, which has one role.
  const database = given ?? (await openConfiguredDatabase(cfg, { asOwner: true }));
  try {
    await migrateConfigured(cfg, database);
    const mailer = new SmtpMailer({ host: 'localhost', port: 25, secure: false, from: cfg.mailFrom });
    const ctx = createContext(cfg, database, { mailer, log: createLogger({ ...cfg, logLevel: 'warn' }), jobs: composition.jobs });
    const outcomes = new Map<string, DemoOutcome | null>();
    const written: DemoOutcome[] = [];
    try {
      for (const m of composition.modules) {
        if (!m.demo) continue;
        const outcome = await m.demo.seed(ctx, options);
        outcomes.set(m.name, outcome);
        if (outcome) written.push(outcome);
      }
      for (const m of composition.modules) {
        const outcome = m.demo?.after ? await m.demo.after(ctx, outcomes.get(m.name) ?? null, options) : null;
        if (outcome) written.push(outcome);
      }
    } finally {
      mailer.close();
    }
    const logins = written.flatMap((o) => o.logins ?? []);
    const notes = written.flatMap((o) => o.notes ?? []);
    if (logins.length) writeFileSync(demoLoginsFile(cfg), JSON.stringify(logins, null, 2), { mode: 0o600 });
    if (notes.length) writeFileSync(demoNotesFile(cfg), JSON.stringify(notes, null, 2), { mode: 0o600 });
    if (options.progress) for (const line of written.flatMap((o) => o.summary ?? [])) console.log(line);
    return written.length > 0;
  } finally {
    if (!given) await database.close();
  }
}

function holderCount(value: string): number {
  const n = Number(value.replaceAll('_', ''));
  if (!Number.isInteger(n) || n < 50 || n > 50_000_000) throw new InvalidArgumentError('must be a whole number from 50 to 50,000,000');
  return n;
}

/** A stop that takes longer than this ends the process anyway: orchestrators kill at 10 s. */
const SHUTDOWN_DEADLINE_MS = 9000;

/**
 * SIGTERM/SIGINT: stop taking requests and jobs, let running jobs end at their next batch boundary (they resume
 * after the restart), close the database; exit within SHUTDOWN_DEADLINE_MS whatever is still running (a job cut
 * short keeps its claim until the lease runs out, its transaction rolled back by the database).
 */
async function stopServer(server: RunningServer): Promise<void> {
  const deadline = setTimeout(() => {
    console.error(`Clearhall did not stop within ${SHUTDOWN_DEADLINE_MS / 1000} s; exiting anyway`);
    process.exit(1);
  }, SHUTDOWN_DEADLINE_MS);
  deadline.unref();
  try {
    await server.close({ jobWaitMs: SHUTDOWN_DEADLINE_MS - 2000 });
    process.exit(0);
  } catch (error) {
    console.error('Clearhall stopped with an error', error);
    process.exit(1);
  }
}

const program = new Command('clearhall').description('Clearhall: the depository service platform').showHelpAfterError('(run with --help for usage)').exitOverride();

program
  .command('serve')
  .description('start the server: every portal and the API')
  .option('--demo', 'demo mode: demo data, embedded SMTP server and the /dev/inbox page')
  .option('--port <port>', 'HTTP port (default PORT or 8080)', port)
  .addHelpText('after', `\nSettings (environment variables):\n${settingsTable()}`)
  .action(async (options: { demo?: boolean; port?: number }) => {
    const cfg = config({ ...(options.demo ? { demo: true } : {}), ...(options.port !== undefined ? { port: options.port } : {}) });
    // One database for the demo seed and the server: opening the embedded one takes seconds.
    const database = await openConfiguredDatabase(cfg);
    if (cfg.demo) await seed(cfg, {}, database.kind === 'pglite' ? database : undefined);
    const server = await startServer(cfg, { database, closeDatabase: true, migrate: cfg.demo ? false : !cfg.databaseUrl });
    const url = cfg.publicUrl ?? server.url;
    if (cfg.demo) printDemoLogins(cfg, url);
    else console.log(`Clearhall is running at ${url}`);
    process.once('SIGINT', () => void stopServer(server));
    process.once('SIGTERM', () => void stopServer(server));
  });

program
  .command('migrate')
  .description('apply the database migrations (DATABASE_URL, or the embedded database under DATA_DIR)')
  .action(async () => {
    const cfg = config();
    const database = await openConfiguredDatabase(cfg);
    await migrateConfigured(cfg, database);
    await database.close();
    console.log('migrations applied');
  });

program
  .command('seed')
  .description('fill an empty database with generated demo data (plainly fictitious people)')
  .option('--holders <n>', `holders in the demo registry (default ${DEMO_REGISTRY_HOLDERS}; 1000000 gives over 10 million journal entries: use PostgreSQL)`, holderCount)
  .action(async (options: { holders?: number }) => {
    const cfg = config({ demo: true });
    console.log((await seed(cfg, { holders: options.holders, progress: true })) ? `demo data written; logins in ${demoLoginsFile(cfg)}` : 'the database already holds data: nothing seeded');
  });

const db = program.command('db').description('the PostgreSQL database: roles (README, Database roles)');

db.command('app-role')
  .description(
    "as the owner (DATABASE_OWNER_URL), give the application's role (the user of DATABASE_URL) its rights: read and write the business tables, only insert into and read the audit trail; `migrate` does this too",
  )
  .option('--create', 'first create the role, with the password in DATABASE_URL (the owner needs CREATEROLE)')
  .action(async (options: { create?: boolean }) => {
    const cfg = config();
    if (!cfg.databaseUrl || !cfg.databaseOwnerUrl) throw new InvalidArgumentError('needs DATABASE_URL (the application) and DATABASE_OWNER_URL (the owner), two roles');
    const role = roleOfUrl(cfg.databaseUrl);
    const owner = await openDatabase({ url: cfg.databaseOwnerUrl, poolSize: 1 });
    try {
      if (options.create) {
        const created = await createApplicationRole(owner.db, role, decodeURIComponent(new URL(cfg.databaseUrl).password) || null);
        console.log(created ? `role ${role} created` : `role ${role} exists`);
      }
      await grantApplicationRole(owner.db, role);
      console.log(`role ${role}: rights granted (insert and read only on the audit trail)`);
    } finally {
      await owner.close();
    }
  });

program
  .command('audit')
  .description('the audit trail')
  .command('verify')
  .description('check the audit hash chain end to end; names the first broken link (edited, deleted, truncated) and exits 1 if there is one')
  .action(async () => {
    const cfg = config();
    const database = await openConfiguredDatabase(cfg);
    try {
      if (database.kind === 'pglite') await migrateConfigured(cfg, database);
      const status = await verifyAuditChain(database.db);
      if (status.ok) {
        console.log(`audit chain intact: ${status.entries} entries; head seq ${status.head.seq} hash ${status.head.hash} (keep this hash outside the database to compare later)`);
      } else {
        console.error(`audit chain broken (${status.firstBreak!.kind}): ${status.firstBreak!.message}`);
        process.exitCode = 1;
      }
    } finally {
      await database.close();
    }
  });

/** A context over the configured database (migrated), for one command; close it when done. */
async function openContext() {
  const cfg = config();
  const database = await openConfiguredDatabase(cfg);
  await migrateConfigured(cfg, database);
  const mailer = new SmtpMailer({ host: 'localhost', port: 25, secure: false, from: cfg.mailFrom });
  const ctx = createContext(cfg, database, { mailer, log: createLogger({ ...cfg, logLevel: 'warn' }), jobs: composition.jobs });
  return {
    ctx,
    close: async () => {
      mailer.close();
      await database.close();
    },
  };
}

/** Where the running server is reached from here; its settings only (demo: true spares the PII_KEY check, which this does not need). */
function localServerUrl(): string {
  const cfg = loadConfig(process.env, { demo: true });
  return cfg.publicUrl ?? `http://${cfg.host === '0.0.0.0' ? '127.0.0.1' : cfg.host}:${cfg.port}`;
}

composition.addCommands(program, openContext, localServerUrl);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  // Thrown by an action (commander has printed its own parsing errors already).
  if (error instanceof InvalidArgumentError) {
    console.error(`clearhall: ${error.message}`);
    process.exit(2);
  }
  if (error instanceof CommanderError) process.exit(error.exitCode === 0 ? 0 : 2);
  if (error instanceof ConfigError) {
    console.error(`clearhall: setting ${error.message}`);
    process.exit(2);
  }
  if (error instanceof AppError) {
    console.error(`clearhall: ${error.code} ${JSON.stringify(error.details)}`);
    process.exit(1);
  }
  const message = error instanceof Error ? error.message : String(error);
  console.error(`clearhall: ${message}`);
  process.exit(1);
}
