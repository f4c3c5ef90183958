import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Logger } from 'pino';
import { desc, eq } from 'drizzle-orm';
import { loadConfig, type Config } from '../server/src/config.ts';
import { createContext, createLogger, type AppContext } from '../server/src/context.ts';
import { PersonalDataScan } from './personal-data.ts';
import type { Database } from '../server/src/platform/db/client.ts';
import { composition } from '../server/src/modules/index.ts';
import { AppError } from '../server/src/platform/errors.ts';
import { devInbox } from '../server/src/platform/db/schema.ts';
import { FixedClock } from '../server/src/platform/clock.ts';
import type { Mailer, OutgoingMail } from '../server/src/platform/notify/mailer.ts';

/** Settings for tests: demo mode, cheap argon2, no background workers (tests drain jobs themselves). */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return loadConfig(
    {},
    {
      demo: true,
      piiKeyBytes: randomBytes(32),
      port: 0,
      workers: 0,
      logLevel: 'silent',
      argon2MemoryKib: 8192,
      argon2Passes: 1,
      // Tests sign in and register many times within one (fixed-clock) minute; a test of the limit sets it low.
      passwordRouteLimit: 100_000,
      webDist: '/nonexistent',
      dataDir: mkdtempSync(path.join(tmpdir(), 'clearhall-test-')),
      ...overrides,
    },
  );
}

/**
 * Every log line the tests' servers and contexts write, scanned for personal data in clear (issue 12 item 7): nothing is
 * printed, everything down to trace is read. `test/personal-data-setup.ts` fails a test file that left any.
 */
export const logScan = new PersonalDataScan();

/** The logger of a test context or server: the product's own (serializers, redaction), writing into `logScan`. */
export function capturingLogger(config: Config): Logger {
  return createLogger({ ...config, logLevel: 'trace' }, { write: (line: string) => logScan.scan('log', line) });
}

/** A mailbox standing in for the SMTP server in service-level tests. */
export class RecordingMailer implements Mailer {
  readonly sent: OutgoingMail[] = [];
  async send(mail: OutgoingMail) {
    this.sent.push(mail);
    return { messageId: `test-${this.sent.length}` };
  }
  close() {}
}

export interface TestContext extends AppContext {
  clock: FixedClock;
  mailer: RecordingMailer;
}

export function testContext(database: Database, overrides: Partial<Config> = {}, start = new Date('2026-11-21T02:00:00Z')): TestContext {
  const clock = new FixedClock(start);
  const mailer = new RecordingMailer();
  const config = testConfig(overrides);
  const ctx = createContext(config, database, { clock, mailer, log: capturingLogger(config), jobs: composition.jobs });
  return Object.assign(ctx, { clock, mailer });
}

/** Delivers queued messages, then returns the newest 6-digit code sent to the recipient. */
export async function lastCodeSentTo(ctx: AppContext, recipient: string): Promise<string> {
  await ctx.jobs.drain();
  const [message] = await ctx.db.select().from(devInbox).where(eq(devInbox.recipient, recipient)).orderBy(desc(devInbox.id)).limit(1);
  const code = message?.body.match(/\d{6}/)?.[0];
  if (!code) throw new Error(`no code was sent to ${recipient}`);
  return code;
}

/** The answer of a captcha, as the dev inbox shows it in demo mode. */
export async function captchaAnswer(ctx: AppContext, captchaId: string): Promise<string> {
  const [row] = await ctx.db.select().from(devInbox).where(eq(devInbox.recipient, captchaId));
  if (!row) throw new Error(`captcha ${captchaId} not recorded`);
  return row.body;
}

/** The AppError a call fails with; the test fails if it succeeds or fails otherwise. */
export async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}
