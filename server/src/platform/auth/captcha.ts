import { randomUUID } from 'node:crypto';
import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import svgCaptcha from 'svg-captcha';
import type { Executor } from '../db/client.ts';
import { captchas } from '../db/schema.ts';
import { AppError, defineErrors } from '../errors.ts';
import { sha256 } from './tokens.ts';

export const CaptchaErrors = defineErrors({
  CAPTCHA_INVALID: { status: 400, zh: '图形验证码错误或已过期，请重新输入', en: 'The picture code is wrong or has expired. Please enter the new one.' },
});

/** Receives each issued answer in demo mode (the dev inbox), since a test cannot read an image. */
export type CaptchaWitness = (ex: Executor, captchaId: string, answer: string, at: Date) => Promise<void>;

const normalise = (answer: string) => answer.trim().toLowerCase();

export class CaptchaService {
  constructor(
    private readonly ttlSeconds: number,
    private readonly witness?: CaptchaWitness,
  ) {}

  async issue(ex: Executor, now: Date): Promise<{ captchaId: string; image: string; expiresInSeconds: number }> {
    const { text, data } = svgCaptcha.create({ size: 4, noise: 2, ignoreChars: '0oO1iIlL', color: true, background: '#f4f6fa', width: 120, height: 40 });
    const id = randomUUID();
    await ex.insert(captchas).values({
      id,
      answerHash: sha256(`${id}:${normalise(text)}`),
      createdAt: now,
      expiresAt: new Date(now.getTime() + this.ttlSeconds * 1000),
    });
    await this.witness?.(ex, id, text, now);
    return { captchaId: id, image: `data:image/svg+xml;base64,${Buffer.from(data).toString('base64')}`, expiresInSeconds: this.ttlSeconds };
  }

  /** Spends the captcha whatever the answer: one captcha, one try. */
  async verify(ex: Executor, now: Date, captchaId: string, answer: string): Promise<void> {
    const [row] = await ex
      .update(captchas)
      .set({ usedAt: now })
      .where(and(eq(captchas.id, captchaId), isNull(captchas.usedAt), gt(captchas.expiresAt, now)))
      .returning({ answerHash: captchas.answerHash });
    if (!row || row.answerHash !== sha256(`${captchaId}:${normalise(answer)}`)) throw new AppError('CAPTCHA_INVALID');
  }

  async sweep(ex: Executor, now: Date): Promise<void> {
    await ex.delete(captchas).where(lt(captchas.expiresAt, new Date(now.getTime() - 3_600_000)));
  }
}
