import pino, { type DestinationStream, type Logger } from 'pino';
import type { Config } from './config.ts';
import type { Database, Db } from './platform/db/client.ts';
import { systemClock, type Clock } from './platform/clock.ts';
import { PiiVault } from './platform/crypto/pii.ts';
import { PasswordHasher } from './platform/auth/passwords.ts';
import { SessionStore } from './platform/auth/sessions.ts';
import { CaptchaService } from './platform/auth/captcha.ts';
import { CodeService } from './platform/auth/codes.ts';
import { JobQueue, type JobDefinition } from './platform/jobs/queue.ts';
import { Notifier } from './platform/notify/notifier.ts';
import { SandboxSmsGateway, type SmsGateway } from './platform/external/sms.ts';
import type { Mailer } from './platform/notify/mailer.ts';
import { SandboxUnionPay, type UnionPayGateway } from './platform/external/unionpay.ts';
import { SandboxOrderReportFeed, type OrderReportFeed } from './platform/external/order-reports.ts';
import { recordCaptchaAnswer } from './platform/notify/dev-inbox.ts';
import { maintenanceJob } from './platform/maintenance.ts';
import { FileStore } from './platform/storage/files.ts';
import { PlatformPki } from './platform/pki/identity.ts';
import { PdfFontLoader } from './platform/pdf/fonts.ts';
import path from 'node:path';

/** Everything a use case may need, built once per process from the config by the platform; it knows no module. */
export interface AppContext {
  config: Config;
  clock: Clock;
  log: Logger;
  database: Database;
  db: Db;
  vault: PiiVault;
  passwords: PasswordHasher;
  sessions: SessionStore;
  captcha: CaptchaService;
  codes: CodeService;
  jobs: JobQueue;
  notifier: Notifier;
  files: FileStore;
  /** the platform's signing key and certificate, loaded at first use */
  pki: PlatformPki;
  /** the font embedded in PDFs, loaded at first use */
  pdfFonts: PdfFontLoader;
  /** Outside systems (DESIGN §4): sandbox adapters unless a real one is given. */
  external: { unionPay: UnionPayGateway; orderReports: OrderReportFeed };
}

/**
 * Personal data paths that never reach a log line: credentials, contact details and identifiers wherever an object carries
 * them, and what a database error quotes of the row it refused (`detail`, the query's parameters).
 */
export const redactPaths = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'req.headers["x-flow-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.oldPassword',
  '*.newPassword',
  '*.mobile',
  '*.email',
  '*.idNumber',
  '*.cardNumber',
  '*.accountNumber',
  '*.securitiesAccountNumber',
  '*.unifiedAccountNumber',
  '*.code',
  '*.smsCode',
  '*.totpCode',
  'err.detail',
  'err.params',
  'err.parameters',
  'err.cause.detail',
  'err.cause.params',
  'err.cause.parameters',
];

/** What a request log line says of the request: the route pattern, never the URL (its path and query may hold personal data). */
export function requestLogFields(request: { id?: string; method: string; routeOptions?: { url?: string }; ip?: string }) {
  return { id: request.id, method: request.method, route: request.routeOptions?.url ?? '(no route)', remoteAddress: request.ip };
}

/** Replaces Fastify's request serializer, which logs `req.url` with its query string (issue 12 item 7). */
export const logSerializers = {
  req: requestLogFields,
  res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
};

export function createLogger(config: Config, destination?: DestinationStream): Logger {
  const options = { level: config.logLevel, redact: { paths: redactPaths, censor: '[redacted]' }, serializers: logSerializers };
  return destination ? pino(options, destination) : pino(options);
}

export interface ContextParts {
  clock?: Clock;
  log?: Logger;
  sms?: SmsGateway;
  unionPay?: UnionPayGateway;
  orderReports?: OrderReportFeed;
  mailer: Mailer;
  /** The modules' jobs (`composition.jobs` of server/src/modules/index.ts); the platform's own are always registered. */
  jobs: (ctx: AppContext) => readonly JobDefinition[];
}

export function createContext(config: Config, database: Database, parts: ContextParts): AppContext {
  const clock = parts.clock ?? systemClock;
  const log = parts.log ?? createLogger(config);
  const db = database.db;
  const vault = new PiiVault(config.piiKeyBytes);
  const jobs = new JobQueue(db, clock, log.child({ component: 'jobs' }), { pollMs: config.jobPollMs, concurrency: config.workers, leaseMs: config.jobLeaseSeconds * 1000 });
  const sms = parts.sms ?? new SandboxSmsGateway(db, clock);
  const files = new FileStore(path.resolve(config.dataDir, 'files'));
  const notifier = new Notifier(db, clock, vault, jobs, sms, parts.mailer, files);
  const codes = new CodeService({ ttlSeconds: config.otpTtlSeconds, maxAttempts: config.otpMaxAttempts, resendSeconds: config.otpResendSeconds, dailyLimit: config.otpDailyLimit }, vault);
  const context: AppContext = {
    config,
    clock,
    log,
    database,
    db,
    vault,
    passwords: new PasswordHasher({ memoryKib: config.argon2MemoryKib, passes: config.argon2Passes }),
    sessions: new SessionStore({ idleMinutes: config.sessionIdleMinutes, absoluteHours: config.sessionAbsoluteHours }),
    captcha: new CaptchaService(config.captchaTtlSeconds, config.demo ? recordCaptchaAnswer : undefined),
    codes,
    jobs,
    notifier,
    files,
    pki: new PlatformPki(config),
    pdfFonts: new PdfFontLoader(config.pdfFontFile),
    external: {
      unionPay: parts.unionPay ?? new SandboxUnionPay({ vault, codes, notifier, clock }),
      orderReports: parts.orderReports ?? new SandboxOrderReportFeed(clock),
    },
  };
  jobs.register(notifier.deliveryJob());
  jobs.register(maintenanceJob(context));
  for (const job of parts.jobs(context)) jobs.register(job);
  return context;
}
