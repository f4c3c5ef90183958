import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { Presets, SingleBar } from 'cli-progress';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { ConfigError, loadConfig, settingsTable, type Config } from './config.ts';
import { createContext, createLogger } from './context.ts';
import { migrateDatabase } from './platform/db/client.ts';
import { SmtpMailer } from './platform/notify/mailer.ts';
import { AppError } from './platform/errors.ts';
import { demoPiiKey, openConfiguredDatabase, startServer } from './server.ts';
import { createFirstAdministrator, type DemoLogin, receiveOrderReport, seedIdentityDemo } from './modules/identity/index.ts';
import { addRegistryEventCommands, DEMO_REGISTRY_HOLDERS, eventImportCommands, importFileWithProgress, importSettlementBatch, seedDistributionDemo, seedRegistryDemo, settlementColumns } from './modules/registry/index.ts';
import { seedVerificationDemo } from './modules/investor/index.ts';

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
  const lines = logins.map((l) => `  ${l.portal.padEnd(14)} ${l.account.padEnd(12)} ${l.password}${l.totpSecret ? `  authenticator secret ${l.totpSecret}` : ''}  (${l.note})`);
  const notes = existsSync(demoNotesFile(cfg)) ? (JSON.parse(readFileSync(demoNotesFile(cfg), 'utf8')) as string[]) : [];
  console.log(
    [
      '',
      `Clearhall is running at ${url}  (demo mode)`,
      `  investor hall ${url}/   mobile hall ${url}/m/   staff console ${url}/staff/   API docs ${url}/api/docs`,
      `  dev inbox (SMS, e-mail, captcha answers, staff authenticator codes) ${url}/dev/inbox`,
      '',
      'Demo logins (portal, account, password):',
      ...lines,
      '',
      ...(notes.length ? ['Identity verification and binding (all people fictitious):', ...notes.map((n) => `  ${n}`), ''] : []),
    ].join('\n'),
  );
}

/** Demo users and the demo registry, each only into an empty database; true when anything was written. */
async function seed(cfg: Config, options: { holders?: number; progress?: boolean } = {}) {
  const database = await openConfiguredDatabase(cfg);
  const bar = new SingleBar({ format: 'demo registry {bar} {percentage}% | {value}/{total} holders | {eta_formatted} left', etaBuffer: 20 }, Presets.shades_classic);
  try {
    await migrateDatabase(database);
    const mailer = new SmtpMailer({ host: 'localhost', port: 25, secure: false, from: cfg.mailFrom });
    const ctx = createContext(cfg, database, { mailer, log: createLogger({ ...cfg, logLevel: 'warn' }) });
    const logins = await seedIdentityDemo(ctx);
    mailer.close();
    if (logins) writeFileSync(demoLoginsFile(cfg), JSON.stringify(logins, null, 2), { mode: 0o600 });
    const holders = options.holders ?? DEMO_REGISTRY_HOLDERS;
    const started = Date.now();
    if (options.progress) bar.start(holders, 0);
    const registry = await seedRegistryDemo(ctx, { holders, onProgress: options.progress ? (done) => bar.update(done) : undefined });
    bar.stop();
    // The demo people first: 演示张明's trades must be in the journal before the distributions run and the dividend tax is computed.
    const notes = await seedVerificationDemo(ctx);
    const events = registry ? await seedDistributionDemo(ctx) : null;
    if (notes) writeFileSync(demoNotesFile(cfg), JSON.stringify(notes, null, 2), { mode: 0o600 });
    if (registry && options.progress) {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      console.log(
        `demo registry: ${registry.holders} holders, ${registry.securitiesAccounts} securities accounts, ${registry.securities} securities, ` +
          `${registry.entries} journal entries, ${registry.positions} positions, ${registry.freezes} freezes, ${registry.pledges} pledges in ${seconds} s ` +
          `(longest history: account ${registry.busiestAccount})`,
      );
      if (registry.ipo) {
        const { offerings, subscriptions, abandonments, signings, barredHolder } = registry.ipo;
        console.log(
          `demo IPOs: ${offerings} offerings, ${subscriptions} subscriptions, ${abandonments} abandonments, ${signings} risk-disclosure signings` +
            (barredHolder ? ` (account ${barredHolder.szAccount} barred from Shenzhen subscriptions ${barredHolder.barredFrom} to ${barredHolder.barredTo})` : ''),
        );
      }
      if (events) console.log(`demo distributions: ${events.completed} of ${events.distributions} run, ${events.taxRecords} dividend tax records`);
    }
    return Boolean(logins) || Boolean(registry) || Boolean(notes);
  } finally {
    bar.stop();
    await database.close();
  }
}

function holderCount(value: string): number {
  const n = Number(value.replaceAll('_', ''));
  if (!Number.isInteger(n) || n < 50 || n > 50_000_000) throw new InvalidArgumentError('must be a whole number from 50 to 50,000,000');
  return n;
}

const program = new Command('clearhall')
  .description('Clearhall: the depository service platform')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

program
  .command('serve')
  .description('start the server: every portal and the API')
  .option('--demo', 'demo mode: demo data, embedded SMTP server and the /dev/inbox page')
  .option('--port <port>', 'HTTP port (default PORT or 8080)', port)
  .addHelpText('after', `\nSettings (environment variables):\n${settingsTable()}`)
  .action(async (options: { demo?: boolean; port?: number }) => {
    const cfg = config({ ...(options.demo ? { demo: true } : {}), ...(options.port !== undefined ? { port: options.port } : {}) });
    if (cfg.demo) await seed(cfg);
    const server = await startServer(cfg, { migrate: !cfg.databaseUrl || cfg.demo });
    const url = cfg.publicUrl ?? server.url;
    if (cfg.demo) printDemoLogins(cfg, url);
    else console.log(`Clearhall is running at ${url}`);
    const stop = async () => {
      await server.close();
      process.exit(0);
    };
    process.once('SIGINT', () => void stop());
    process.once('SIGTERM', () => void stop());
  });

program
  .command('migrate')
  .description('apply the database migrations (DATABASE_URL, or the embedded database under DATA_DIR)')
  .action(async () => {
    const cfg = config();
    const database = await openConfiguredDatabase(cfg);
    await migrateDatabase(database);
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

const admin = program.command('admin').description('administration');
admin
  .command('create')
  .description('create the depository organisation (if missing) and its first administrator')
  .requiredOption('--username <name>', 'user name of the administrator')
  .option('--display-name <name>', 'name shown in the console', '系统管理员')
  .option('--password <password>', 'initial password (default: a generated one, printed once)')
  .option('--organisation-name <name>', 'name of the depository, when it does not exist yet', '中央登记结算机构')
  .option('--organisation-code <code>', 'code of the depository, when it does not exist yet', 'CSD')
  .action(async (options: { username: string; displayName: string; password?: string; organisationName: string; organisationCode: string }) => {
    const cfg = config();
    const database = await openConfiguredDatabase(cfg);
    try {
      await migrateDatabase(database);
      const mailer = new SmtpMailer({ host: 'localhost', port: 25, secure: false, from: cfg.mailFrom });
      const ctx = createContext(cfg, database, { mailer, log: createLogger({ ...cfg, logLevel: 'warn' }) });
      const password = options.password ?? `${randomBytes(9).toString('base64url')}7a`;
      const { user, totp } = await createFirstAdministrator(ctx, { ...options, password });
      mailer.close();
      console.log(
        [
          `administrator ${user.username} created in ${user.organisation.name}`,
          options.password ? '' : `initial password: ${password}`,
          `authenticator secret: ${totp.secret}`,
          `authenticator URI:    ${totp.otpauthUri}`,
          'Add the secret to an authenticator app now: it is not shown again.',
        ]
          .filter(Boolean)
          .join('\n'),
      );
    } finally {
      await database.close();
    }
  });

/** A context over the configured database (migrated), for one command; close it when done. */
async function openContext() {
  const cfg = config();
  const database = await openConfiguredDatabase(cfg);
  await migrateDatabase(database);
  const mailer = new SmtpMailer({ host: 'localhost', port: 25, secure: false, from: cfg.mailFrom });
  const ctx = createContext(cfg, database, { mailer, log: createLogger({ ...cfg, logLevel: 'warn' }) });
  return {
    ctx,
    close: async () => {
      mailer.close();
      await database.close();
    },
  };
}

const importCommand = program.command('import').description('import a file into the registry');
eventImportCommands(importCommand, openContext);
importCommand
  .command('settlement <file>')
  .description('apply a settlement batch (CSV of holding changes): validated whole, applied atomically, once')
  .option('--batch-id <id>', 'batch id (default: the file name without extension)')
  .addHelpText('after', `\nColumns: ${settlementColumns.join(',')}`)
  .action((file: string, options: { batchId?: string }) =>
    importFileWithProgress(openContext, file, { batchId: options.batchId, label: 'importing', unit: 'changes' }, (ctx, input, onProgress) =>
      importSettlementBatch(ctx, { requestId: 'cli' }, { kind: 'system', id: 'cli' }, input, onProgress),
    ),
  );

addRegistryEventCommands(program, openContext);
program
  .command('sandbox')
  .description('drive the sandbox outside systems (demo and test installations)')
  .command('order-report')
  .description('feed one exchange order report, as the exchange would; a marked order passes a waiting trading-terminal verification')
  .requiredOption('--account <number>', 'securities account number')
  .requiredOption('--quantity <n>', 'order quantity (the verification code for a marked order)')
  .option('--security <code>', 'security code (799988 on Shanghai, 369999 on Shenzhen for verification)')
  .option('--side <side>', 'buy or sell', 'buy')
  .option('--price <price>', 'order price', '1.000')
  .option('--broker <code>', 'reporting broker', 'DEMO-BRK')
  .action(async (options: { account: string; quantity: string; security?: string; side: string; price: string; broker: string }) => {
    if (options.side !== 'buy' && options.side !== 'sell') throw new InvalidArgumentError('--side must be buy or sell');
    const cfg = config();
    const database = await openConfiguredDatabase(cfg);
    try {
      await migrateDatabase(database);
      const mailer = new SmtpMailer({ host: 'localhost', port: 25, secure: false, from: cfg.mailFrom });
      const ctx = createContext(cfg, database, { mailer, log: createLogger({ ...cfg, logLevel: 'warn' }) });
      const security = options.security ?? (/^[A-Z]/i.test(options.account) ? '799988' : '369999');
      const result = await receiveOrderReport(ctx, { requestId: 'cli' }, { kind: 'system', id: 'cli' }, {
        securitiesAccountNumber: options.account,
        securityCode: security,
        side: options.side,
        quantity: options.quantity,
        price: options.price,
        brokerCode: options.broker,
      });
      mailer.close();
      console.log(`order report ${result.reportId} recorded; verifications passed: ${result.passedVerifications}`);
    } finally {
      await database.close();
    }
  });

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
