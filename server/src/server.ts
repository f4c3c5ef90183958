import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { and, eq, inArray } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import { createContext, createLogger, type AppContext } from './context.ts';
import { composition } from './modules/index.ts';
import { buildApp } from './app.ts';
import { migrateDatabase, openDatabase, type Database } from './platform/db/client.ts';
import { jobs } from './platform/db/schema.ts';
import type { Clock } from './platform/clock.ts';
import { SmtpMailer } from './platform/notify/mailer.ts';
import { startDemoSmtpServer } from './platform/notify/demo-smtp.ts';
import { FileStore } from './platform/storage/files.ts';
import { grantApplicationRole, ownsAuditTrail, roleOfUrl } from './platform/db/roles.ts';

/** Demo mode keeps its generated personal-data key beside the embedded database. */
export function demoPiiKey(dataDir: string): Buffer {
  const file = path.join(dataDir, 'demo-pii.key');
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key.toString('base64'), { mode: 0o600 });
  return key;
}

export async function openConfiguredDatabase(config: Config, options: { asOwner?: boolean } = {}): Promise<Database> {
  const url = options.asOwner ? (config.databaseOwnerUrl ?? config.databaseUrl) : config.databaseUrl;
  return openDatabase({ ...(url ? { url } : { dataDir: path.join(config.dataDir, 'db') }), schema: composition.schema });
}

/**
 * Applies the migrations. The embedded database migrates in place. PostgreSQL migrates as
 * the owner (DATABASE_OWNER_URL), which then grants DATABASE_URL's role its rights when
 * that is another role (platform/db/roles.ts); without DATABASE_OWNER_URL, as DATABASE_URL.
 */
export async function migrateConfigured(config: Config, database: Database): Promise<void> {
  const ownerUrl = config.databaseOwnerUrl;
  if (database.kind === 'pglite' || !config.databaseUrl || !ownerUrl || ownerUrl === config.databaseUrl) {
    await migrateDatabase(database);
    return;
  }
  const owner = await openDatabase({ url: ownerUrl, schema: composition.schema, poolSize: 1 });
  try {
    await migrateDatabase(owner);
    const appRole = roleOfUrl(config.databaseUrl);
    if (appRole !== roleOfUrl(ownerUrl)) await grantApplicationRole(owner.db, appRole);
  } finally {
    await owner.close();
  }
}

export interface RunningServer {
  ctx: AppContext;
  app: FastifyInstance;
  url: string;
  /** Stops HTTP, then the jobs (waiting at most `jobWaitMs` for running ones), then the rest. */
  close(options?: { jobWaitMs?: number }): Promise<void>;
}

export interface StartOptions {
  /** A database opened by the caller (tests); otherwise the configured one. */
  database?: Database;
  clock?: Clock;
  log?: Logger;
  /** Close the given `database` on close(), as the server does with one it opened itself. */
  closeDatabase?: boolean;
  /** Apply migrations at start (always with the embedded database). */
  migrate?: boolean;
  listen?: boolean;
}

/** Starts everything `clearhall serve` runs: database, mail, jobs, HTTP. */
export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const log = options.log ?? createLogger(config);
  const database = options.database ?? (await openConfiguredDatabase(config));
  const ownsDatabase = !options.database || options.closeDatabase === true;
  if (options.migrate ?? database.kind === 'pglite') await migrateConfigured(config, database);
  if (database.kind === 'postgres' && !config.demo && (await ownsAuditTrail(database.db))) {
    log.warn('the application connects as the owner of the audit trail, which could then edit it: give DATABASE_URL a role of its own and DATABASE_OWNER_URL the owner (README, Database roles)');
  }

  const closers: (() => Promise<void> | void)[] = [];
  let smtp = { host: config.smtpHost, port: config.smtpPort, allowPlaintext: false };
  if (config.demo && !config.smtpHost) {
    const demoSmtp = await startDemoSmtpServer(database.db, options.clock ?? { now: () => new Date() }, log, 0, new FileStore(path.resolve(config.dataDir, 'files')));
    closers.push(demoSmtp.close);
    smtp = { host: '127.0.0.1', port: demoSmtp.port, allowPlaintext: true };
  }
  const mailer = new SmtpMailer({
    host: smtp.host ?? 'localhost',
    port: smtp.port,
    secure: config.smtpSecure,
    user: config.smtpUser,
    password: config.smtpPassword,
    from: config.mailFrom,
    allowPlaintext: smtp.allowPlaintext,
  });
  closers.push(() => mailer.close());

  const ctx = createContext(config, database, { clock: options.clock, log, mailer, jobs: composition.jobs });
  // A missing signing key or font stops the start here, naming the setting, not at the first certificate.
  const signer = ctx.pki.identity();
  const fonts = ctx.pdfFonts.get();
  log.info({ signer: signer.subject.replace(/\n/g, ', '), demoSigner: signer.demo, pdfFont: fonts.regular.source }, 'pdf certificates ready');
  const app = await buildApp(ctx);
  await scheduleStandingJobs(ctx);
  ctx.jobs.start();

  let url = '';
  if (options.listen ?? true) {
    url = await app.listen({ port: config.port, host: config.host });
  }
  return {
    ctx,
    app,
    url,
    close: async (closeOptions = {}) => {
      // Jobs are told to stop first: they end at their next batch boundary while the HTTP side drains.
      const jobsStopped = ctx.jobs.stop(closeOptions.jobWaitMs);
      await app.close();
      await jobsStopped;
      for (const close of closers.reverse()) await close();
      if (ownsDatabase) await database.close();
    },
  };
}

/** Queues each standing job (the maintenance sweep, the modules' daily work) unless a run is already waiting. */
async function scheduleStandingJobs(ctx: AppContext) {
  for (const name of ctx.jobs.recurringJobs()) {
    const [pending] = await ctx.db
      .select({ id: jobs.id })
      .from(jobs)
      .where(and(eq(jobs.name, name), inArray(jobs.status, ['queued', 'running'])))
      .limit(1);
    if (!pending) await ctx.jobs.enqueue(ctx.db, name, {});
  }
}
