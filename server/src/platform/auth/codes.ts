import { randomInt, randomUUID } from 'node:crypto';
import { and, desc, eq, isNull, lt, sql } from 'drizzle-orm';
import { rows, type Db, type Executor } from '../db/client.ts';
import { oneTimeCodes } from '../db/schema.ts';
import { AppError, defineErrors } from '../errors.ts';
import { sameSecret } from './tokens.ts';
import type { PiiVault } from '../crypto/pii.ts';

export const CodeErrors = defineErrors({
  CODE_INVALID: { status: 400, zh: '验证码错误，请重新输入', en: 'The verification code is wrong. Please check it and try again.' },
  CODE_EXPIRED: { status: 400, zh: '验证码已失效，请重新获取', en: 'The verification code has expired. Please request a new one.' },
  CODE_RESEND_TOO_SOON: { status: 429, zh: '验证码发送过于频繁，请{retryAfterSeconds}秒后再试', en: 'A code was sent only a moment ago. Please wait {retryAfterSeconds} seconds.' },
  CODE_DAILY_LIMIT: { status: 429, zh: '今日获取验证码次数已达上限，请明天再试', en: 'Too many codes have been requested for this address today. Please try again tomorrow.' },
});

export type CodeChannel = 'sms' | 'email';

export interface CodePolicy {
  ttlSeconds: number;
  maxAttempts: number;
  resendSeconds: number;
  dailyLimit: number;
}

/**
 * Six-digit one-time codes sent by SMS or e-mail. Only a keyed hash of each code
 * is kept; a code is short-lived, spent by its first right entry, and by too many
 * wrong ones. Sending it is the caller's business (the code is returned once).
 */
export class CodeService {
  constructor(
    private readonly policy: CodePolicy,
    private readonly vault: PiiVault,
  ) {}

  private destinationHash(channel: CodeChannel, destination: string) {
    return this.vault.lookupHash(`code:${channel}`, destination);
  }

  private codeHash(id: string, code: string) {
    return this.vault.lookupHash('code', `${id}:${code}`);
  }

  async issue(ex: Executor, now: Date, purpose: string, channel: CodeChannel, destination: string): Promise<{ code: string; expiresInSeconds: number; resendAfterSeconds: number }> {
    const destinationHash = this.destinationHash(channel, destination);
    const [last] = await ex
      .select({ createdAt: oneTimeCodes.createdAt })
      .from(oneTimeCodes)
      .where(and(eq(oneTimeCodes.destinationHash, destinationHash), eq(oneTimeCodes.purpose, purpose)))
      .orderBy(desc(oneTimeCodes.createdAt))
      .limit(1);
    if (last) {
      const waitMs = last.createdAt.getTime() + this.policy.resendSeconds * 1000 - now.getTime();
      if (waitMs > 0) throw new AppError('CODE_RESEND_TOO_SOON', { retryAfterSeconds: Math.ceil(waitMs / 1000) });
    }
    const [sentToday] = await rows<{ n: number }>(
      ex,
      sql`select count(*)::int as n from one_time_codes where destination_hash = ${destinationHash}
          and created_at > ${new Date(now.getTime() - 86_400_000).toISOString()}`,
    );
    if ((sentToday?.n ?? 0) >= this.policy.dailyLimit) throw new AppError('CODE_DAILY_LIMIT');

    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const id = randomUUID();
    // A new code replaces any earlier one for the same purpose.
    await ex
      .update(oneTimeCodes)
      .set({ consumedAt: now })
      .where(and(eq(oneTimeCodes.destinationHash, destinationHash), eq(oneTimeCodes.purpose, purpose), isNull(oneTimeCodes.consumedAt)));
    await ex.insert(oneTimeCodes).values({
      id,
      purpose,
      channel,
      destinationHash,
      codeHash: this.codeHash(id, code),
      createdAt: now,
      expiresAt: new Date(now.getTime() + this.policy.ttlSeconds * 1000),
    });
    return { code, expiresInSeconds: this.policy.ttlSeconds, resendAfterSeconds: this.policy.resendSeconds };
  }

  /**
   * Checks a code and spends it when right. Runs in its own transaction so that
   * a wrong entry is counted even though the caller then fails: call it after
   * every other check of the request, just before the writes it guards.
   */
  async verify(db: Db, now: Date, purpose: string, channel: CodeChannel, destination: string, code: string): Promise<void> {
    const destinationHash = this.destinationHash(channel, destination);
    const failure = await db.transaction(async (tx) => {
      const [row] = await tx
        .select()
        .from(oneTimeCodes)
        .where(and(eq(oneTimeCodes.destinationHash, destinationHash), eq(oneTimeCodes.purpose, purpose), isNull(oneTimeCodes.consumedAt)))
        .orderBy(desc(oneTimeCodes.createdAt))
        .limit(1)
        .for('update');
      if (!row || row.expiresAt <= now || row.attempts >= this.policy.maxAttempts) return new AppError('CODE_EXPIRED');
      if (/^\d{6}$/.test(code) && sameSecret(row.codeHash, this.codeHash(row.id, code))) {
        await tx.update(oneTimeCodes).set({ consumedAt: now }).where(eq(oneTimeCodes.id, row.id));
        return null;
      }
      const attempts = row.attempts + 1;
      const spent = attempts >= this.policy.maxAttempts;
      await tx
        .update(oneTimeCodes)
        .set({ attempts, consumedAt: spent ? now : null })
        .where(eq(oneTimeCodes.id, row.id));
      return new AppError(spent ? 'CODE_EXPIRED' : 'CODE_INVALID', { remainingAttempts: this.policy.maxAttempts - attempts });
    });
    if (failure) throw failure;
  }

  async sweep(ex: Executor, now: Date): Promise<void> {
    await ex.delete(oneTimeCodes).where(lt(oneTimeCodes.createdAt, new Date(now.getTime() - 2 * 86_400_000)));
  }
}
