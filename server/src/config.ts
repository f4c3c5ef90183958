import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

/**
 * Every setting the server reads, parsed once at start. Nothing else in the
 * server reads process.env. Each entry names its environment variable, its
 * default and what it is for; README.md lists them from this table.
 */
interface Setting<S extends TSchema> {
  env: string;
  schema: S;
  default?: Static<S>;
  doc: string;
}

const int = (minimum: number, maximum: number) => Type.Integer({ minimum, maximum });
const bool = Type.Boolean();
const text = Type.String({ minLength: 1 });

function setting<S extends TSchema>(env: string, schema: S, doc: string, defaultValue?: Static<S>): Setting<S> {
  return { env, schema, doc, default: defaultValue };
}

export const settings = {
  port: setting('PORT', int(0, 65535), 'HTTP port', 8080),
  host: setting('HOST', text, 'address to listen on (0.0.0.0 to accept outside connections)', '127.0.0.1'),
  publicUrl: setting('PUBLIC_URL', Type.Optional(text), 'address people reach the server at (links in e-mails); defaults to http://HOST:PORT'),
  databaseUrl: setting('DATABASE_URL', Type.Optional(text), 'PostgreSQL connection string; when absent the embedded database (PGlite) under DATA_DIR is used'),
  databaseOwnerUrl: setting(
    'DATABASE_OWNER_URL',
    Type.Optional(text),
    "PostgreSQL connection string of the role that owns the schema: migrations run as it and grant DATABASE_URL's role its rights (README: Database roles); default DATABASE_URL",
  ),
  dbQueueWaitMs: setting('DB_QUEUE_WAIT_MS', int(50, 120_000), 'embedded database (PGlite) only: how long a request waits for its single connection before it is answered 503 with Retry-After', 5000),
  dataDir: setting('DATA_DIR', text, 'folder for the embedded database, generated files and demo keys', './var'),
  demo: setting('DEMO', bool, 'demo mode: demo data, embedded SMTP server and the /dev/inbox page; never in production', false),
  piiKey: setting('PII_KEY', Type.Optional(text), 'base64 of 32 random bytes: encrypts personal data at rest and keys its look-up hashes; required outside demo mode'),
  logLevel: setting(
    'LOG_LEVEL',
    Type.Union([Type.Literal('fatal'), Type.Literal('error'), Type.Literal('warn'), Type.Literal('info'), Type.Literal('debug'), Type.Literal('trace'), Type.Literal('silent')]),
    'log level',
    'info',
  ),
  trustProxy: setting('TRUST_PROXY', bool, 'trust X-Forwarded-For from a reverse proxy', false),
  cookieSecure: setting('COOKIE_SECURE', Type.Optional(bool), 'send cookies only over HTTPS (default: on, except in demo mode)'),
  apiDocs: setting('API_DOCS', Type.Optional(bool), 'serve the API reference and its OpenAPI document at /api/docs (default: on in demo mode, off otherwise)'),
  bodyLimitBytes: setting('BODY_LIMIT_BYTES', int(1024, 64 * 1024 * 1024), 'largest request body accepted', 1024 * 1024),
  sessionIdleMinutes: setting('SESSION_IDLE_MINUTES', int(1, 24 * 60), 'a session ends after this long without a request', 30),
  sessionAbsoluteHours: setting('SESSION_ABSOLUTE_HOURS', int(1, 24 * 30), 'a session ends this long after sign-in, whatever happens', 12),
  stepUpMinutes: setting('STEP_UP_MINUTES', int(1, 24 * 60), 'how long a passed step-up check (二次认证) stays valid', 10),
  loginMaxFailures: setting(
    'LOGIN_MAX_FAILURES',
    int(1, 100),
    'wrong passwords for one account from one address within LOGIN_WINDOW_MINUTES before that address is refused for that account (429); past it, from all addresses together, each sign-in to the account waits LOGIN_SLOWDOWN_MS',
    5,
  ),
  loginWindowMinutes: setting('LOGIN_WINDOW_MINUTES', int(1, 24 * 60), 'sliding window of the per-account sign-in throttle (there is no lock-out)', 15),
  loginSlowdownMs: setting('LOGIN_SLOWDOWN_MS', int(0, 60_000), 'wait added to each sign-in to an account that failed LOGIN_MAX_FAILURES times within the window', 1000),
  loginIpMaxFailures: setting('LOGIN_IP_MAX_FAILURES', int(1, 10000), 'failed sign-ins from one address within LOGIN_IP_WINDOW_MINUTES before that address is throttled', 30),
  loginIpWindowMinutes: setting('LOGIN_IP_WINDOW_MINUTES', int(1, 24 * 60), 'sliding window of the per-address sign-in throttle', 15),
  passwordRouteLimit: setting('PASSWORD_ROUTE_LIMIT', int(1, 100_000), 'requests per minute from one address to each route that hashes a password (sign-up, sign-in, password change and reset)', 30),
  otpTtlSeconds: setting('OTP_TTL_SECONDS', int(30, 3600), 'lifetime of an SMS or e-mail code', 300),
  otpMaxAttempts: setting('OTP_MAX_ATTEMPTS', int(1, 20), 'wrong entries before a code is spent', 5),
  otpResendSeconds: setting('OTP_RESEND_SECONDS', int(0, 3600), 'least time between two codes to the same address', 60),
  otpDailyLimit: setting('OTP_DAILY_LIMIT', int(1, 1000), 'codes one phone number or e-mail address may receive in 24 hours', 20),
  captchaTtlSeconds: setting('CAPTCHA_TTL_SECONDS', int(10, 3600), 'lifetime of a graphic captcha', 120),
  argon2MemoryKib: setting('ARGON2_MEMORY_KIB', int(8 * 1024, 1024 * 1024), 'argon2id memory cost for password hashes (OWASP minimum 19456)', 19456),
  argon2Passes: setting('ARGON2_PASSES', int(1, 10), 'argon2id passes', 2),
  smtpHost: setting('SMTP_HOST', Type.Optional(text), 'SMTP server for outgoing e-mail (demo mode starts its own on loopback)'),
  smtpPort: setting('SMTP_PORT', int(0, 65535), 'SMTP port (0 in demo mode: any free port)', 587),
  smtpSecure: setting('SMTP_SECURE', bool, 'connect to SMTP over TLS from the start (port 465)', false),
  smtpUser: setting('SMTP_USER', Type.Optional(text), 'SMTP user name'),
  smtpPassword: setting('SMTP_PASSWORD', Type.Optional(text), 'SMTP password'),
  mailFrom: setting('MAIL_FROM', text, 'sender address of outgoing e-mail', 'Clearhall <no-reply@clearhall.example>'),
  jobPollMs: setting('JOB_POLL_MS', int(20, 60_000), 'how often an idle worker looks for new jobs', 500),
  workers: setting('JOB_WORKERS', int(0, 64), 'background jobs run concurrently by this instance (0: this instance runs none)', 2),
  jobLeaseSeconds: setting('JOB_LEASE_SECONDS', int(5, 3600), 'how long the claim on a running job lasts; its worker renews it while alive, and only a job whose claim ran out is taken over', 30),
  importMaxLineBytes: setting('IMPORT_MAX_LINE_BYTES', int(256, 256 * 1024), 'longest line an imported file may hold (settlement and corporate-event imports); a longer one rejects the batch', 64 * 1024),
  settlementUploadMaxMb: setting('SETTLEMENT_UPLOAD_MAX_MB', int(1, 64 * 1024), 'largest settlement file a staff member may upload', 2048),
  eventUploadMaxMb: setting('EVENT_UPLOAD_MAX_MB', int(1, 64 * 1024), 'largest corporate-event file (IPO, abandonment, risk-disclosure imports) a staff member may upload', 512),
  priceUploadMaxMb: setting('PRICE_UPLOAD_MAX_MB', int(1, 4 * 1024), 'largest daily closing-price file (the quota of IPO subscriptions counts in it) a staff member may upload', 64),
  dividendCashRounding: setting(
    'DIVIDEND_CASH_ROUNDING',
    Type.Union([Type.Literal('down'), Type.Literal('half_up')]),
    "how each account's cash dividend is brought to the cent: down (CSDC's practice; the remainder stays with the issuer) or half_up",
    'down',
  ),
  verificationResultMinutes: setting('VERIFICATION_RESULT_MINUTES', int(1, 24 * 60), 'how long a passed identity verification may be used by the step it was for (once)', 10),
  verificationMaxFailures: setting('VERIFICATION_MAX_FAILURES', int(1, 50), 'failed tries of one identity verification before it ends and another method must be chosen', 5),
  tradingVerificationHours: setting('TRADING_VERIFICATION_HOURS', int(1, 24 * 14), 'how long a trading-terminal (交易报盘) or counter (临柜) verification waits for its order report or the counter clerk', 48),
  webDist: setting('WEB_DIST', text, 'folder of the built web app', './dist/web'),
  signingKeyFile: setting('SIGNING_KEY_FILE', Type.Optional(text), 'PEM private key the platform signs e-certificates with; required outside demo mode (demo mode generates one under DATA_DIR/pki)'),
  signingCertFile: setting('SIGNING_CERT_FILE', Type.Optional(text), 'PEM certificate of SIGNING_KEY_FILE, optionally followed by its issuing chain; required outside demo mode'),
  pdfFontFile: setting('PDF_FONT_FILE', Type.Optional(text), 'TTF/OTF (or TTC) font with Chinese glyphs embedded in PDF certificates; default: Noto Sans SC from npm, else the system Noto Sans CJK'),
  proofHoursStart: setting('NEVER_OPENED_PROOF_FROM', Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' }), 'the "never opened a securities account" proof is issued from this time of day (Asia/Shanghai)', '06:00'),
  proofHoursEnd: setting('NEVER_OPENED_PROOF_UNTIL', Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' }), '… until (not including) this time of day (Asia/Shanghai)', '21:00'),
  verifyRatePerMinute: setting('VERIFY_RATE_PER_MINUTE', int(1, 10_000), 'certificate look-ups and file checks one address may make per minute on /verify/', 30),
  freezeMaxMonths: setting(
    'FREEZE_MAX_MONTHS',
    int(1, 120),
    'longest term a judicial freeze of securities, or each renewal of it, may name, in months (3 years since the 2020 rules on attachment; unsure: DOMAIN.md)',
    36,
  ),
  abandonBarCount: setting('ABANDON_BAR_COUNT', int(1, 100), 'abandoned subscriptions (放弃认购) within ABANDON_WINDOW_MONTHS that bar an investor from online subscription (unsure: DOMAIN.md)', 3),
  abandonWindowMonths: setting('ABANDON_WINDOW_MONTHS', int(1, 120), 'consecutive months in which ABANDON_BAR_COUNT abandonments are counted', 12),
  abandonBarDays: setting('ABANDON_BAR_DAYS', int(1, 3650), 'calendar days an investor is barred (6 months counted as 180 days), starting the day after the last abandonment was reported', 180),
  appointmentBookingDays: setting('APPOINTMENT_BOOKING_DAYS', int(0, 366), 'business appointments (业务预约) may be made for today through this many days ahead (Asia/Shanghai)', 14),
  appointmentCancelCutoffMinutes: setting('APPOINTMENT_CANCEL_CUTOFF_MINUTES', int(0, 7 * 24 * 60), 'an appointment may be cancelled (取消预约) until this many minutes before its period begins', 120),
  appointmentNoShowLimit: setting(
    'APPOINTMENT_NO_SHOW_LIMIT',
    int(1, 100),
    'appointments not kept (no check-in) within APPOINTMENT_NO_SHOW_WINDOW_DAYS after which an investor may not book for APPOINTMENT_NO_SHOW_BAR_DAYS',
    3,
  ),
  appointmentNoShowWindowDays: setting('APPOINTMENT_NO_SHOW_WINDOW_DAYS', int(1, 3650), 'days back in which missed appointments are counted', 90),
  appointmentNoShowBarDays: setting('APPOINTMENT_NO_SHOW_BAR_DAYS', int(1, 3650), 'days after the last missed appointment during which an investor past APPOINTMENT_NO_SHOW_LIMIT may not book', 30),
  abandonBarPerMarket: setting('ABANDON_BAR_PER_MARKET', bool, 'count abandonments and bar per market (Shanghai, Shenzhen apart); false: all markets together (unsure: DOMAIN.md)', true),
};

type Settings = typeof settings;
export type Config = { [K in keyof Settings]: Static<Settings[K]['schema']> } & { piiKeyBytes: Buffer };

export class ConfigError extends Error {}

function parseValue<S extends TSchema>(name: string, raw: string, schema: S): Static<S> {
  let candidate: unknown = raw;
  const kind = (schema as { type?: string; anyOf?: unknown }).type;
  if (kind === 'integer') {
    if (!/^-?\d+$/.test(raw)) throw new ConfigError(`${name}: "${raw}" is not a whole number`);
    candidate = Number(raw);
  } else if (kind === 'boolean') {
    if (!['true', 'false', '1', '0'].includes(raw)) throw new ConfigError(`${name}: "${raw}" must be true or false`);
    candidate = raw === 'true' || raw === '1';
  }
  if (!Value.Check(schema, candidate)) {
    const error = Value.Errors(schema, candidate).First();
    throw new ConfigError(`${name}: "${raw}" is not valid (${error?.message ?? 'invalid'})`);
  }
  return candidate as Static<S>;
}

/** Builds the config from an environment and explicit overrides (command-line flags, tests). */
export function loadConfig(env: Record<string, string | undefined>, overrides: Partial<Config> = {}): Config {
  const out: Record<string, unknown> = {};
  for (const [key, def] of Object.entries(settings) as [keyof Settings, Setting<TSchema>][]) {
    const raw = env[def.env];
    out[key] = raw === undefined || raw === '' ? def.default : parseValue(def.env, raw, def.schema);
  }
  Object.assign(out, overrides);
  const config = out as Config;
  if (config.cookieSecure === undefined) config.cookieSecure = !config.demo;
  if (config.apiDocs === undefined) config.apiDocs = config.demo;
  if (config.piiKey) {
    const bytes = Buffer.from(config.piiKey, 'base64');
    if (bytes.length !== 32) throw new ConfigError('PII_KEY: must be the base64 of exactly 32 bytes');
    config.piiKeyBytes = bytes;
  } else if (!config.piiKeyBytes) {
    if (!config.demo) throw new ConfigError('PII_KEY: required outside demo mode (base64 of 32 random bytes: openssl rand -base64 32)');
  }
  return config;
}

/** Markdown table of every setting, for README.md and `clearhall serve --help`. */
export function settingsTable(): string {
  const rows = Object.values(settings).map((s) => `| \`${s.env}\` | ${s.default === undefined ? '' : `\`${String(s.default)}\``} | ${s.doc} |`);
  return ['| variable | default | meaning |', '|---|---|---|', ...rows].join('\n');
}
