import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db, Executor } from '../db/client.ts';
import { notifications } from '../db/schema.ts';
import type { Clock } from '../clock.ts';
import type { PiiVault } from '../crypto/pii.ts';
import type { JobDefinition, JobQueue } from '../jobs/queue.ts';
import type { SmsGateway } from '../external/sms.ts';
import type { Mailer } from './mailer.ts';
import type { FileStore } from '../storage/files.ts';

export interface Message {
  channel: 'sms' | 'email';
  destination: string;
  subject?: string;
  body: string;
  /** e-mail only: files already in the FileStore, read when the message is delivered */
  attachments?: Attachment[];
}

export interface Attachment {
  filename: string;
  fileKey: string;
  contentType: string;
}

export const DELIVER_JOB = 'notify.deliver';

/**
 * The SMS and e-mail outbox. send() writes the message and its delivery job in
 * the caller's transaction; a worker delivers it, with retries. Once delivered
 * the body (which may hold a code) is cleared.
 */
export class Notifier {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly vault: PiiVault,
    private readonly jobs: JobQueue,
    private readonly sms: SmsGateway,
    private readonly mailer: Mailer,
    private readonly files: FileStore,
  ) {}

  async send(ex: Executor, message: Message): Promise<string> {
    const id = randomUUID();
    await ex.insert(notifications).values({
      id,
      channel: message.channel,
      destinationEnc: this.vault.encrypt(message.destination),
      subject: message.subject ?? null,
      body: message.body,
      status: 'queued',
      createdAt: this.clock.now(),
    });
    await this.jobs.enqueue(ex, DELIVER_JOB, { notificationId: id, ...(message.attachments?.length ? { attachments: message.attachments } : {}) });
    return id;
  }

  private async readAttachments(attachments: Attachment[] = []) {
    return Promise.all(
      attachments.map(async (a) => {
        const chunks: Buffer[] = [];
        for await (const chunk of this.files.read(a.fileKey)) chunks.push(chunk as Buffer);
        return { filename: a.filename, content: Buffer.concat(chunks), contentType: a.contentType };
      }),
    );
  }

  deliveryJob(): JobDefinition<{ notificationId: string; attachments?: Attachment[] }> {
    return {
      name: DELIVER_JOB,
      version: 1,
      maxAttempts: 6,
      handler: async ({ notificationId, attachments }, job) => {
        const [row] = await this.db.select().from(notifications).where(eq(notifications.id, notificationId));
        if (!row || row.status === 'sent') return;
        const destination = this.vault.decrypt(row.destinationEnc);
        try {
          if (row.channel === 'sms') await this.sms.send(destination, row.body);
          else await this.mailer.send({ to: destination, subject: row.subject ?? '', text: row.body, ...(attachments?.length ? { attachments: await this.readAttachments(attachments) } : {}) });
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          await this.db
            .update(notifications)
            .set({ error: message.slice(0, 500), status: job.attempt >= 6 ? 'failed' : 'queued' })
            .where(eq(notifications.id, row.id));
          throw error;
        }
        await this.db.update(notifications).set({ status: 'sent', sentAt: this.clock.now(), body: '', error: null }).where(eq(notifications.id, row.id));
      },
    };
  }
}
